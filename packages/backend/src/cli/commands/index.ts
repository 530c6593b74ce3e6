import type { Command } from 'commander';
import { registerDatasetCommands } from './dataset.js';
import { registerPlanCommands } from './plan.js';

/** Each feature registers its commands here; one line per feature file. */
export const registrations: ReadonlyArray<(program: Command) => void> = [registerDatasetCommands, registerPlanCommands];
