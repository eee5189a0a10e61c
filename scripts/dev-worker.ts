// `npm run dev:worker`: the Workers runtime locally (workerd + local D1, no network needed):
// build the web app if needed, apply migrations to the local D1, then `wrangler dev` on PORT
// with the demo seeded on first request. WRANGLER_PERSIST (default .wrangler/state) picks where
// the local D1 lives, so tests can start from an empty one.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureWebBuild } from './web-build';

const port = process.env.PORT ?? '8787';
const persist = process.env.WRANGLER_PERSIST ?? '.wrangler/state';
const seed = process.env.SEED_DEMO ?? '1';
const wrangler = join(process.cwd(), 'node_modules/wrangler/bin/wrangler.js');
// No telemetry, no update checks: the machine may have no network at all.
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', WRANGLER_HIDE_BANNER: 'true', CI: process.env.CI ?? '' };

ensureWebBuild();
const migrate = spawnSync(process.execPath, [wrangler, 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist], { stdio: ['ignore', 'inherit', 'inherit'], env });
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

const dev = spawn(
  process.execPath,
  [wrangler, 'dev', '--local', '--port', port, '--ip', '127.0.0.1', '--persist-to', persist, '--var', `SEED_DEMO:${seed}`, '--var', `PUBLIC_URL:http://localhost:${port}`, '--show-interactive-dev-session=false'],
  { stdio: 'inherit', env },
);
const stop = () => dev.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
dev.on('exit', (code) => process.exit(code ?? 0));
