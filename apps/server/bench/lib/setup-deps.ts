/**
 * The bench process's own Deps for setup and checks (players, sessions, counts) when the
 * server runs in another process: the same database, Redis prefix, configuration and JWT
 * secret as that server, but no HTTP host and no background workers.
 */
import {
  createCaller,
  createInnerContext,
  createRedisKv,
  createSandboxGateway,
  type Deps,
  EventBus,
  silentLogger,
  systemClock,
} from '@casino/api';
import { createDb } from '@casino/db';
import { toApiConfig } from '../../src/config';
import { parseEnv } from '../../src/env';
import type { ServerEnv } from './server-process';

export type SetupDeps = { deps: Deps; close(): Promise<void> };

export async function createSetupDeps(env: ServerEnv, maxConnections = 4): Promise<SetupDeps> {
  const parsed = parseEnv(env);
  // Few connections: pgbench runs beside it and PostgreSQL's max_connections is shared.
  const db = await createDb({ url: env.DATABASE_URL, maxConnections });
  const kv = createRedisKv(env.REDIS_URL as string, env.REDIS_KEY_PREFIX);
  const deps: Deps = {
    db: db.db,
    kv,
    bus: new EventBus(db.db, kv, silentLogger),
    clock: systemClock,
    config: toApiConfig(parsed),
    logger: silentLogger,
    payments: createSandboxGateway(db.db),
  };
  return {
    deps,
    async close() {
      await kv.close();
      await db.close();
    },
  };
}

/** admin.economy.reconcile run in this process (the server may be stopped by then), as `admin`. */
export function reconcile(deps: Deps, admin: { accessToken: string }) {
  return createCaller(
    createInnerContext({ deps, accessToken: admin.accessToken, meta: { ip: '127.0.0.1', requestId: 'bench-reconcile' } }),
  ).admin.economy.reconcile();
}
