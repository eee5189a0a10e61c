// `npm run cli -- <command> [options]`: set-up tasks for scripts and administrators.
// Each command lives in api/cli/<command>.ts and gets the opened database and config.
import { parseArgs } from 'node:util';
import { openNodeDb } from './db/node';
import { parseEnv } from './env';
import { commands } from './cli/commands';

async function main() {
  const [name, ...rest] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.log('Usage: npm run cli -- <command> [options]\n\nCommands:');
    for (const [n, c] of Object.entries(commands)) console.log(`  ${n.padEnd(12)} ${c.summary}\n  ${''.padEnd(12)} ${c.usage}`);
    process.exit(name ? 2 : 0);
  }
  const { values } = parseArgs({ args: rest, options: command.options, strict: true });
  const config = parseEnv(process.env);
  const { db, close } = await openNodeDb(config.databaseUrl, config.databaseAuthToken);
  try {
    await command.run({ db, config, values: values as Record<string, string | boolean | undefined> });
  } finally {
    close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
