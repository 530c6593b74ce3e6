import type { DashboardServer } from './dashboard-server.js';

export interface ApiResponse {
  readonly status: number;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Signs each user in (cookie session + CSRF token) and calls the API as any of them. */
export async function signIn(
  server: DashboardServer,
  usernames: readonly string[],
  password: string,
): Promise<(user: string, method: string, url: string, body?: unknown) => Promise<ApiResponse>> {
  const sessions: Record<string, { cookie: string; csrf: string }> = {};
  for (const username of usernames) {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login of ${username} answered ${res.status}`);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    sessions[username] = { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: csrfToken };
  }
  return async (user, method, url, body) => {
    const s = sessions[user]!;
    const res = await fetch(server.url + url, {
      method,
      headers: {
        cookie: s.cookie,
        'x-csrf-token': s.csrf,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: await res.json() };
  };
}
