/**
 * What an operator command needs: the server's validated environment and database (migrations
 * applied first), with an in-process event bus — nobody listens to a one-shot command's events.
 */
import { createMemoryKv, createSandboxGateway, type Deps, EventBus, silentLogger, systemClock } from '@casino/api';
import { createDb, runMigrations } from '@casino/db';
import { toApiConfig } from '../config';
import { type Env, EnvError, parseEnv } from '../env';

/** The validated environment, or exit with the message naming what is wrong. */
export function cliEnv(): Env {
  try {
    return parseEnv();
  } catch (e) {
    if (!(e instanceof EnvError)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
}

export async function openCliDeps(env = cliEnv()): Promise<{ deps: Deps; close(): Promise<void> }> {
  const db = await createDb({ url: env.DATABASE_URL, dataDir: env.DATABASE_URL ? undefined : env.DATA_DIR, maxConnections: 2 });
  await runMigrations(db);
  const kv = createMemoryKv();
  const deps: Deps = {
    db: db.db,
    kv,
    bus: new EventBus(db.db, kv, silentLogger),
    clock: systemClock,
    config: toApiConfig(env),
    logger: silentLogger,
    payments: createSandboxGateway(db.db),
  };
  return { deps, close: () => db.close() };
}
