import type { Issue } from '@portguard/core';

/** An API error as the server sends it: { code, message, issues }. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly Issue[] = [],
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
export const setCsrfToken = (t: string | null): void => {
  csrfToken = t;
};

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(url, {
    method,
    headers,
    credentials: 'same-origin',
    ...(payload !== undefined ? { body: payload } : {}),
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const json: unknown = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const e = (json ?? {}) as { code?: string; message?: string; issues?: Issue[] };
    throw new ApiError(res.status, e.code ?? 'error', e.message ?? res.statusText, e.issues ?? []);
  }
  return json as T;
}

export const api = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body?: unknown) => request<T>('POST', url, body ?? {}),
  upload: <T>(url: string, form: FormData) => request<T>('POST', url, form),
};

/** What to show for a failed request: the server's message and each field issue (path: message). */
export function errorText(err: unknown): string {
  if (!(err instanceof ApiError)) return String(err);
  const issues = err.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  return issues.length > 0 ? `${err.message} ${issues.join('; ')}` : err.message;
}
