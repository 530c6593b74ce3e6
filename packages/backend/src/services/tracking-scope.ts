import {
  canSeePlanningTerminal,
  PortGuardError,
  type Access,
  type StepInput,
  type StepRecord,
} from '@portguard/core';
import type { Principal } from '../auth/principal.js';
import { portCalendar, type ReportScope } from '../tracking/report.js';
import {
  getBaseline,
  recordStep,
  terminalsOfScope,
  trackStatus,
  type StatusRow,
} from '../tracking/service.js';
import type { Context } from './context.js';

/**
 * Program tracking as one caller may see it. Baselines are national; these functions cut them to the caller's
 * `Access` so that routes never filter rows (see docs/design/server.md, "Roles and per-port isolation").
 */

/** Status rows of the caller's terminals; the total only when every row of the scope is theirs. */
export async function trackStatusFor(
  ctx: Context,
  access: Access,
  port?: string,
): Promise<{ rows: StatusRow[]; total: StatusRow | null }> {
  const status = await trackStatus(ctx, port);
  const rows = status.rows.filter((r) => canSeePlanningTerminal(access, r.terminalId));
  return { rows, total: rows.length === status.rows.length ? status.total : null };
}

/** The terminals of a port (or terminal id) when every one is the caller's: 404 when none is, 403 when some are. */
async function ownPortTerminals(ctx: Context, access: Access, port: string): Promise<string[]> {
  const baseline = await getBaseline(ctx);
  const ids = await terminalsOfScope(ctx, baseline.problem, port);
  if (!ids.some((id) => canSeePlanningTerminal(access, id)))
    throw new PortGuardError('not_found', `no terminal of port ${port} is yours`);
  if (!ids.every((id) => canSeePlanningTerminal(access, id)))
    throw new PortGuardError('forbidden', `port ${port} includes terminals you may not see`);
  return ids;
}

/**
 * The report scope a caller may ask for: national for all-ports roles; a port whose terminals are all the
 * caller's otherwise (404 when none is theirs, 403 when only some are, as for the calendars).
 */
export async function reportScopeFor(
  ctx: Context,
  access: Access,
  port: string | undefined,
): Promise<ReportScope> {
  if (port === undefined) {
    if (access.kind === 'all') return { kind: 'national' };
    throw new PortGuardError('forbidden', 'reports of a port operator are per port: add ?port=<port id>');
  }
  await ownPortTerminals(ctx, access, port);
  return { kind: 'port', port };
}

/** A port's milestone calendar (iCalendar), for callers who see all of its terminals. */
export async function portCalendarFor(ctx: Context, access: Access, port: string): Promise<string> {
  await ownPortTerminals(ctx, access, port);
  return portCalendar(ctx, port);
}

/**
 * Records a step for a crane of the latest baseline on one of the caller's terminals (`access` from
 * `requireWrite`); a crane elsewhere is not_found, as if it did not exist.
 */
export async function recordStepFor(
  ctx: Context,
  actor: Pick<Principal, 'username'>,
  access: Access,
  input: StepInput,
): Promise<StepRecord> {
  const baseline = await getBaseline(ctx);
  const terminal = baseline.problem.terminals.find((t) =>
    t.groups.some((g) => g.craneIds.includes(input.craneId)),
  );
  if (!terminal || !canSeePlanningTerminal(access, terminal.id))
    throw new PortGuardError('not_found', `crane ${input.craneId} is not in the baseline or not yours`);
  return recordStep(ctx, actor, input);
}
