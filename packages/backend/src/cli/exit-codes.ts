import { isPortGuardError } from '@portguard/core';

/** Documented in README "Exit codes". The one place that maps errors to exit codes. */
export const ExitCode = {
  ok: 0,
  /** Findings at or above the chosen severity exist (screen), or the plan is infeasible. */
  findings: 1,
  /** Bad input: the file, row, column and what was expected are printed. Nothing was written. */
  invalidInput: 2,
  notFound: 3,
  /** Database, solver or other infrastructure failure. */
  infrastructure: 4,
  /** A bug: please report it with the message. */
  internal: 70,
} as const;

export function exitCodeFor(error: unknown): number {
  if (!isPortGuardError(error)) return ExitCode.internal;
  switch (error.code) {
    case 'invalid_input':
    case 'conflict':
    case 'model_too_large':
      return ExitCode.invalidInput;
    case 'not_found':
      return ExitCode.notFound;
    case 'unauthenticated':
    case 'forbidden':
      return ExitCode.invalidInput;
    case 'infrastructure':
      return ExitCode.infrastructure;
  }
}
