// Environment and bindings, parsed once by one zod schema for both runtimes.
import { z } from 'zod';

const flag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

export const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  DATABASE_URL: z.string().min(1).default('file:data/osservatorio.db'),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  SEED_DEMO: flag.default(true),
  /** Base URL printed in links (defaults to http://localhost:PORT). */
  PUBLIC_URL: z.url().optional(),
  /** Tile URL template for maps, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png */
  TILE_URL: z.string().optional(),
  TILE_ATTRIBUTION: z.string().optional(),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(10).optional(),
  LOG_REQUESTS: flag.default(false),
  /** Resident signals accepted per client address and hour (429 beyond); 0 turns the limit off. */
  SIGNAL_RATE_LIMIT: z.coerce.number().int().min(0).default(30),
  /** Most signals grouped into one commit; 1 writes each on its own (Workers: no cross-request I/O). */
  SIGNAL_BATCH_MAX: z.coerce.number().int().min(1).max(1000).default(200),
  /** Node behind a reverse proxy: take the client address from the last X-Forwarded-For entry. */
  TRUST_PROXY: flag.default(false),
});

export type Env = z.infer<typeof envSchema>;

export type Config = {
  port: number;
  databaseUrl: string;
  databaseAuthToken?: string;
  seedDemo: boolean;
  publicUrl: string;
  tileUrl: string;
  tileAttribution: string;
  adminEmail?: string;
  adminPassword?: string;
  logRequests: boolean;
  signalRateLimit: number;
  signalBatchMax: number;
  trustProxy: boolean;
};

export function parseEnv(raw: Record<string, unknown>): Config {
  // Empty strings mean "not set" (e.g. `SEED_DEMO= npm start`, or an empty wrangler var).
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'string' && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    databaseAuthToken: e.DATABASE_AUTH_TOKEN,
    seedDemo: e.SEED_DEMO,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    tileUrl: e.TILE_URL ?? 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    tileAttribution: e.TILE_ATTRIBUTION ?? '&copy; OpenStreetMap contributors',
    adminEmail: e.ADMIN_EMAIL,
    adminPassword: e.ADMIN_PASSWORD,
    logRequests: e.LOG_REQUESTS,
    signalRateLimit: e.SIGNAL_RATE_LIMIT,
    signalBatchMax: e.SIGNAL_BATCH_MAX,
    trustProxy: e.TRUST_PROXY,
  };
}
