/** Everything a service may touch, passed explicitly (no module-level singletons). */
import { type Db, transaction } from '@casino/db';
import type { ApiConfig } from './config';
import type { Clock } from './infra/clock';
import type { Kv } from './infra/kv';
import type { Logger } from './infra/logger';
import type { EventBus, UserEvent } from './realtime/bus';

export type Deps = {
  db: Db;
  kv: Kv;
  bus: EventBus;
  clock: Clock;
  config: ApiConfig;
  logger: Logger;
};

/** Events collected inside a transaction and published only after it commits. */
export type Outbox = UserEvent[];

/** Runs `fn` in one database transaction, then publishes the live events it queued. */
export async function inTransaction<T>(deps: Pick<Deps, 'db' | 'bus'>, fn: (tx: Db, outbox: Outbox) => Promise<T>): Promise<T> {
  const outbox: Outbox = [];
  const result = await transaction(deps.db, (tx) => fn(tx, outbox));
  if (outbox.length) await deps.bus.publish(outbox);
  return result;
}
