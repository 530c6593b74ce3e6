import type { Command } from 'commander';

/** Each feature registers its commands here; one line per feature file. */
export const registrations: ReadonlyArray<(program: Command) => void> = [];
