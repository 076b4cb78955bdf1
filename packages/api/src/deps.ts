/** Everything a service may touch, passed explicitly (no module-level singletons). */
import { type Db, transaction } from '@casino/db';
import type { ApiConfig } from './config';
import type { Clock } from './infra/clock';
import type { Kv } from './infra/kv';
import type { Logger } from './infra/logger';
import type { EventBus, UserEvent } from './realtime/bus';
import { type StoredEvent, writeOutbox } from './realtime/outbox';
import type { PrincipalCache } from './services/auth/principal-cache';
import type { PaymentGateway } from './services/payments/gateway';

export type Deps = {
  db: Db;
  kv: Kv;
  bus: EventBus;
  clock: Clock;
  config: ApiConfig;
  logger: Logger;
  /** The payment gateway cash purchases go through (the sandbox outside a real integration). */
  payments: PaymentGateway;
  /**
   * This instance's cache of authenticate()'s lookup, kept fresh by LISTEN principal
   * (services/auth/principal-cache.ts); absent = every call looks its principal up.
   */
  principals?: PrincipalCache;
};

/** Live events a transaction causes; written to the outbox table as it commits. */
export type Outbox = UserEvent[];

/**
 * Runs `fn` in one database transaction; the live events it queued are written to
 * the outbox in the same transaction and delivered once it has committed.
 */
export async function inTransaction<T>(
  deps: Pick<Deps, 'db' | 'bus' | 'principals'>,
  fn: (tx: Db, outbox: Outbox) => Promise<T>,
): Promise<T> {
  const outbox: Outbox = [];
  let stored: StoredEvent[] = [];
  const result = await transaction(deps.db, async (tx) => {
    const r = await fn(tx, outbox);
    stored = await writeOutbox(tx, outbox, new Date());
    return r;
  });
  // A session ended (logout, ban, reset…): this instance stops trusting its cached principal at
  // once; the others on the NOTIFY the revocation sent (principal-cache.ts).
  for (const e of outbox) if (e.type === 'session_revoked') principalChanged(deps, e.userId);
  if (stored.length) await deps.bus.afterCommit(stored);
  return result;
}

/**
 * After a committed change to what authenticate() reads (role, rank, nickname, status, forced
 * password change, a session or its second factor, a TOTP factor): this instance forgets the
 * user at once. Other instances forget on the NOTIFY the change's trigger sent.
 */
export function principalChanged(deps: Pick<Deps, 'principals'>, userId: number): void {
  deps.principals?.forget(userId);
}
