// Browser suites drive Debian's Chromium (playwright-core, never a downloaded browser) against the
// real Node server: `api/node.ts` on a free port, a fresh libSQL file and the demo seed.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { ensureWebBuild } from '../../scripts/web-build';
import { freePort } from '../server';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
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

export type NodeServer = { base: string; output: () => string; stop: () => Promise<void> };

/** `npx tsx api/node.ts` with its own database; resolves once /api/health answers. */
export async function startNodeServer(env: Record<string, string> = {}, timeoutMs = 120_000): Promise<NodeServer> {
  await buildWebOnce();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'osservatorio-browser-'));
  const child: ChildProcess = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'api/node.ts'], {
    cwd: process.cwd(),
    env: { ...process.env, PORT: String(port), DATABASE_URL: `file:${join(dir, 'db.sqlite')}`, SEED_DEMO: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid!, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`node server exited early:\n${out}`);
    }
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`node server did not answer /api/health within ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { base, output: () => out, stop };
}

/** The invitation links the demo seed printed at start, as absolute URLs. */
export function printedInvitationLinks(server: NodeServer): string[] {
  return [...server.output().matchAll(/https?:\/\/\S+\/q\/[A-Za-z0-9_-]+/g)].map((m) => m[0]);
}
