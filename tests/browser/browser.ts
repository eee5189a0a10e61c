// Browser suites drive Debian's Chromium (playwright-core, never a downloaded browser) against the
// real Node server (tests/server.ts): a free port, a fresh libSQL file and the demo seed.
import { type Browser, chromium } from 'playwright-core';
import { type RunningServer, startServer } from '../server';

export { buildWebOnce } from '../server';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export type NodeServer = RunningServer;

/** The real Node server with its own database and the demo; resolves once /api/health answers. */
export function startNodeServer(env: Record<string, string> = {}, timeoutMs = 120_000): Promise<NodeServer> {
  return startServer('node', env, timeoutMs);
}

/** The invitation links the demo seed printed at start, as absolute URLs. */
export function printedInvitationLinks(server: NodeServer): string[] {
  return [...server.output().matchAll(/https?:\/\/\S+\/q\/[A-Za-z0-9_-]+/g)].map((m) => m[0]);
}
