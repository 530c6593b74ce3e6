import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

/** Where bundles are kept: under the package's node_modules, so that their bare imports (e.g. `highs`) resolve. */
const CACHE = new URL('../../node_modules/.cache/portguard-workers/', import.meta.url);

/** The npm packages the backend and core depend on: imported by a bundle, never copied into it. */
function dependencies(): string[] {
  const names = ['../../package.json', '../../../core/package.json'].flatMap((path) => {
    const manifest = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as {
      readonly dependencies?: Record<string, string>;
    };
    return Object.keys(manifest.dependencies ?? {});
  });
  return [...new Set(names)].filter((name) => !name.startsWith('@portguard/'));
}

/**
 * A worker thread's entry as one plain JavaScript module, bundled from its TypeScript by esbuild (in-process, once a
 * process: about 50 ms for the solver's worker) and kept under node_modules/.cache, named by its content so an edit
 * gives a new file. A worker that loads
 * TypeScript through tsx starts 0.35 s later (two solver workers ready in 0.46 s against 0.10 s). npm packages stay
 * imports; the project's own TypeScript, workspace packages included, is bundled. When bundling is not
 * possible (a read-only tree, esbuild missing), the `fallback` shim, which loads the TypeScript through tsx.
 */
export function bundledWorker(entry: URL, fallback: URL, build: typeof buildSync = buildSync): string {
  const known = build === buildSync ? bundled.get(entry.href) : undefined;
  if (known !== undefined) return known;
  const file = bundle(entry, fallback, build);
  if (build === buildSync) bundled.set(entry.href, file);
  return file;
}

/** The bundle of each entry, made once a process (a pool started again reuses it). */
const bundled = new Map<string, string>();

function bundle(entry: URL, fallback: URL, build: typeof buildSync): string {
  try {
    const result = build({
      entryPoints: [fileURLToPath(entry)],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // Workspace packages (@portguard/core) are the project's own TypeScript: bundled, not imported.
      external: dependencies(),
      logLevel: 'silent',
    });
    const code = result.outputFiles?.[0]?.text;
    if (code === undefined) return fallback.href;
    // e.g. solver-worker-<hash>.mjs. Older bundles stay: a pool of another process may start a worker from one.
    const name = fileURLToPath(entry).split(/[\\/]/).slice(-2).join('-').replace(/\.ts$/, '');
    const file = new URL(
      `${name}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`,
      CACHE,
    );
    if (!existsSync(file)) {
      mkdirSync(CACHE, { recursive: true });
      // Written aside and renamed, so a worker of another process never reads half a file.
      const partial = new URL(`${file.href}.${process.pid}.tmp`);
      writeFileSync(partial, code);
      renameSync(partial, file);
    }
    return file.href;
  } catch {
    return fallback.href;
  }
}
