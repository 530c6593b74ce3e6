/** An expected failure, shaped like zod's issues: a code, where it happened, and what was expected. */
export interface Issue {
  readonly code: string;
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export type Result<T> =
  | { readonly ok: true; readonly value: T; readonly issues?: readonly Issue[] }
  | { readonly ok: false; readonly issues: readonly Issue[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(issues: readonly Issue[]): Result<T> => ({ ok: false, issues });
export const issue = (code: string, path: readonly (string | number)[], message: string): Issue => ({
  code,
  path,
  message,
});

export function formatIssue(i: Issue): string {
  const where = i.path.length > 0 ? `${i.path.join('.')}: ` : '';
  return `${where}${i.message} [${i.code}]`;
}
