import type { Issue } from './issue.js';

/**
 * The few error kinds that cross layers. One place maps `code` to an HTTP status
 * (backend/src/http/errors.ts) and one to a CLI exit code (backend/src/cli/exit-codes.ts).
 */
export type PortGuardErrorCode =
  | 'invalid_input' // bad file or request; carries issues
  | 'not_found'
  | 'conflict'
  | 'unauthenticated'
  | 'forbidden'
  | 'model_too_large'
  | 'infrastructure';

export class PortGuardError extends Error {
  constructor(
    readonly code: PortGuardErrorCode,
    message: string,
    readonly issues: readonly Issue[] = [],
  ) {
    super(message);
    this.name = 'PortGuardError';
  }
}

export const isPortGuardError = (e: unknown): e is PortGuardError => e instanceof PortGuardError;
