import type { Command } from 'commander';
import { registerDatasetCommands } from './dataset.js';
import { registerSimulate } from './simulate.js';
import { registerPlanCommands } from './plan.js';
import { registerEvidenceCommands } from './evidence.js';
import { registerInventoryCommands } from './inventory.js';
import { registerServe } from './serve.js';
import { registerUserCommands } from './user.js';
import { registerAuditCommands } from './audit.js';
import { registerWorker } from './worker.js';
import { registerScreenCommand } from './screen.js';
import { registerFindingsCommands } from './findings.js';
import { registerMatchCommands } from './match.js';
import { registerListCommands } from './list.js';
import { registerTrackingCommands } from './track.js';
import { registerZoneCommands } from './zones.js';

/** Each feature registers its commands here; one line per feature file. */
export const registrations: ReadonlyArray<(program: Command) => void> = [
  registerInventoryCommands,
  registerDatasetCommands,
  registerPlanCommands,
  registerEvidenceCommands,
  registerSimulate,
  registerServe,
  registerUserCommands,
  registerAuditCommands,
  registerWorker,
  registerScreenCommand,
  registerFindingsCommands,
  registerMatchCommands,
  registerListCommands,
  registerTrackingCommands,
  registerZoneCommands,
];
