import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api/client.js';

const early = new Map<string, Promise<unknown>>();

/** Starts a GET before React mounts (main.tsx); the first useApi(url) takes it, or fetches again if it failed. */
export function prefetch(url: string): void {
  const p = api.get(url);
  p.catch(() => undefined);
  early.set(url, p);
}

export function takePrefetched<T>(url: string): Promise<T> {
  const p = early.get(url) as Promise<T> | undefined;
  early.delete(url);
  return p ? p.catch(() => api.get<T>(url)) : api.get<T>(url);
}

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: ApiError | undefined;
  readonly loading: boolean;
  reload(): void;
}

/** GETs `url` (none when null) and reloads when it changes. */
export function useApi<T>(url: string | null): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({
    loading: url !== null,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (url === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    takePrefetched<T>(url).then(
      (data) => live && setState({ data, loading: false }),
      (e: unknown) =>
        live &&
        setState({
          error: e instanceof ApiError ? e : new ApiError(0, 'network', String(e)),
          loading: false,
        }),
    );
    return () => {
      live = false;
    };
  }, [url, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** An error said where it happened, announced to screen readers. */
export function ErrorAlert(props: { message: string }) {
  return (
    <p className="error" role="alert">
      {props.message}
    </p>
  );
}

export function Status(props: { loaded: Loaded<unknown> }) {
  if (props.loaded.error)
    return (
      <p className="error" role="alert">
        {props.loaded.error.status === 404 || props.loaded.error.status === 403
          ? `Not available: ${props.loaded.error.message}`
          : `Error: ${props.loaded.error.message}`}
      </p>
    );
  if (props.loaded.loading) return <p className="muted">Loading…</p>;
  return null;
}
/**
 * Polls a background job's view at `url` every 500 ms while its status is queued or running, then calls `onDone`
 * once. Pass a stable `onDone` (useCallback) or the polling restarts.
 */
export function usePolledJob<T extends { readonly status: string }>(
  url: string,
  onDone: () => void,
): { readonly value: T | null; readonly error: string | null } {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      api.get<T>(url).then(
        (r) => {
          if (!live) return;
          setValue(r);
          if (r.status === 'queued' || r.status === 'running') timer = setTimeout(poll, 500);
          else onDone();
        },
        (e: unknown) => live && setError(String(e)),
      );
    };
    poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [url, onDone]);
  return { value, error };
}
