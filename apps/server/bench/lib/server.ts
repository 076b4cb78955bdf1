/** Starts the server from source in this process, the way main.ts does, on an ephemeral port. */
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { createRedisKv } from '@casino/api';
import { queryRows } from '@casino/db';
import { sql } from 'drizzle-orm';
import { buildServer, type Server } from '../../src/app';
import { parseEnv } from '../../src/env';

export type BenchServer = Server & { baseUrl: string };

export async function startBenchServer(opts: { databaseUrl: string; redisUrl: string; redisPrefix: string }): Promise<BenchServer> {
  const env = parseEnv({
    // Production settings, as deployed: no stack traces in errors, no default invite or seed accounts.
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    DATABASE_URL: opts.databaseUrl,
    REDIS_URL: opts.redisUrl,
    MIGRATE_ON_START: '1',
    JWT_SECRET: randomBytes(32).toString('hex'),
    // Required in production; a random key per run (the benches send no webhooks).
    PAYMENT_WEBHOOK_KEYS: `bench:${randomBytes(24).toString('hex')}`,
    DEFAULT_INVITE_CODE: '',
    HOST: '127.0.0.1',
    PORT: '0',
  });
  // Same Redis, but every key under the run's own prefix (the server itself uses no prefix).
  const server = await buildServer(env, { kv: createRedisKv(opts.redisUrl, opts.redisPrefix) });
  const address = await server.app.listen({ port: env.PORT, host: env.HOST });
  return { ...server, baseUrl: address };
}

/** One line naming what the figures were measured on: server settings and PostgreSQL's. */
export async function describeServer(server: BenchServer): Promise<string> {
  const pool = server.db.driver.kind === 'postgres' ? server.db.driver.sql.options.max : null;
  const [pg] = await queryRows<{ version: string; sync: string; maxconn: string }>(
    server.deps.db,
    sql`SELECT current_setting('server_version') AS version, current_setting('synchronous_commit') AS sync, current_setting('max_connections') AS maxconn`,
  );
  return (
    `  server ${server.baseUrl} (NODE_ENV=production, LOG_LEVEL=${process.env.BENCH_LOG_LEVEL ?? 'warn'}, db pool ${pool}); ` +
    `PostgreSQL ${pg?.version}, synchronous_commit=${pg?.sync}, max_connections=${pg?.maxconn}; ${cpus().length} cores`
  );
}
