/**
 * `pnpm db:seed`: applies migrations, then creates the development seed accounts
 * (admin / user001…user004, password change forced) and the dev invite code.
 * Uses DATABASE_URL / REDIS_URL like the server, or the embedded defaults.
 */
import { createMemoryKv, createRedisKv, EventBus, ensureDefaultInvite, seedBasicAccounts, silentLogger, systemClock } from '@casino/api';
import { createDb, runMigrations } from '@casino/db';
import { toApiConfig } from '../config';
import { parseEnv } from '../env';

const env = parseEnv();
const db = await createDb({ url: env.DATABASE_URL, dataDir: env.DATABASE_URL ? undefined : env.DATA_DIR, maxConnections: 2 });
await runMigrations(db);
// The seed's live events (signup bonuses) go where a running server would deliver them.
const kv = env.REDIS_URL ? createRedisKv(env.REDIS_URL) : createMemoryKv();
const deps = {
  db: db.db,
  kv,
  bus: new EventBus(db.db, kv, silentLogger),
  clock: systemClock,
  config: toApiConfig(env),
  logger: silentLogger,
};
await ensureDefaultInvite(deps);
const result = await seedBasicAccounts(deps);
await kv.close();
await db.close();
process.stdout.write(
  `seed accounts created: ${result.created.join(', ') || 'none'}; already present: ${result.existing.join(', ') || 'none'}\n`,
);
