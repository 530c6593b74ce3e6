import { pino } from 'pino';
import { loadConfig } from '../../src/config/config.js';
import type { DbHandle } from '../../src/db/index.js';
import { fixedClock, type Context } from '../../src/services/context.js';

/** A service context over an already opened test store (see forEachDialect); silent log, fixed clock. */
export function contextFor(store: DbHandle, now = '2026-11-26T12:00:00Z'): Context {
  return {
    config: loadConfig({}),
    log: pino({ level: 'silent' }),
    clock: fixedClock(now),
    store,
    close: () => Promise.resolve(),
  };
}
