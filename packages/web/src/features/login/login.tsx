import { useEffect, useState } from 'react';
import { api, ApiError, setCsrfToken } from '../../api/client.js';
import type { Me } from '../../api/types.js';

export function LoginPage(props: { onLogin: (me: Me) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (performance.getEntriesByName('login-ready').length === 0) performance.mark('login-ready');
  }, []);
  return (
    <main className="login">
      <form
        className="card"
        aria-labelledby="login-h"
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          api.post<{ user: Me; csrfToken: string }>('/api/auth/login', { username, password }).then(
            (r) => {
              setCsrfToken(r.csrfToken);
              props.onLogin(r.user);
            },
            (err: unknown) => setError(err instanceof ApiError ? err.message : String(err)),
          );
        }}
      >
        <h1 id="login-h">PortGuard</h1>
        <p className="muted">Sign in to the replacement program dashboard.</p>
        <label>
          User name{' '}
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            autoFocus
          />
        </label>
        <label>
          Password{' '}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        <button type="submit">Sign in</button>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}
