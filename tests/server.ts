// Starts a real server process (Node or `wrangler dev`) for end-to-end suites and stops it.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureWebBuild } from '../scripts/web-build';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * Builds web/dist when stale. Browser suites run in parallel test files, and two vite builds into
 * one folder would break each other, so the build holds a lock directory (atomic mkdir).
 */
export async function buildWebOnce(root = process.cwd()): Promise<void> {
  const lock = join(root, 'node_modules/.cache/osservatorio-web-build.lock');
  mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Held by another suite; a lock older than 5 minutes is left over from a killed run.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // released meanwhile
      }
      if (Date.now() > deadline) throw new Error('Timed out waiting for another web build');
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    ensureWebBuild(root);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export type RunningServer = { base: string; output: () => string; dir: string; stop: () => Promise<void> };

export async function startServer(kind: 'node' | 'worker', env: Record<string, string> = {}, timeoutMs = 120_000): Promise<RunningServer> {
  await buildWebOnce();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), `osservatorio-${kind}-`));
  const args = kind === 'node' ? ['node_modules/tsx/dist/cli.mjs', 'scripts/start.ts'] : ['node_modules/tsx/dist/cli.mjs', 'scripts/dev-worker.ts'];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: process.cwd(),
    env: { ...process.env, PORT: String(port), DATABASE_URL: `file:${join(dir, 'db.sqlite')}`, WRANGLER_PERSIST: join(dir, 'wrangler'), SEED_DEMO: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${kind} server exited early:\n${out}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      process.kill(-child.pid!, 'SIGKILL');
      throw new Error(`${kind} server did not answer /api/health within ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    dir,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(-child.pid!, 'SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
