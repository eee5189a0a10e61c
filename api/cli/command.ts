import type { AppDb } from '../db/client';
import type { Config } from '../env';

export type CliCommand = {
  summary: string;
  usage: string;
  options: Record<string, { type: 'string' | 'boolean'; short?: string }>;
  run(ctx: { db: AppDb; config: Config; values: Record<string, string | boolean | undefined> }): Promise<void>;
};
