/**
 * Per-instance cache of what authenticate() looks up for a token (the user and its session), so
 * a signed-in call usually costs no database query and no Redis GET.
 *
 * Kept fresh by PostgreSQL itself: triggers (migration 0010_principal_notify) send
 * `NOTIFY principal '<userId>'` when a transaction that changed anything the lookup reads
 * commits — a role, rank, status, nickname or forced password change, a session revoked or
 * its second factor proved, a TOTP factor added or removed — whichever code path wrote it.
 * Every instance LISTENs (`startPrincipalCache`) and drops that user's entries, so a ban or a
 * logout reaches all instances within one notification; the instance that made the change also
 * forgets at once (`forget`). The cache is only trusted while the LISTEN connection is up: on
 * a loss it empties and stops answering until listening again (notifications in between are
 * lost). Entries also expire after `TTL_MS`, and only successful lookups are kept.
 *
 * A lookup that raced a change (its query ran before the commit, its answer arrived after the
 * notification) is not stored: each entry records the invalidation count it was read under.
 */
import { type DbHandle, type Listener, listen, queryRows } from '@casino/db';
import type { TRank, TRole, TUserStatus } from '@casino/shared';
import { sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { Logger } from '../../infra/logger';

export const PRINCIPAL_CHANNEL = 'principal';
const TTL_MS = 10_000;
const MAX_USERS = 20_000;

/** The lookup's answer for one session of one user (what authenticate() derives the caller from). */
export type Principal = {
  id: number;
  role: TRole;
  rank: TRank;
  status: TUserStatus;
  nickname: string;
  mustChangePassword: boolean;
  sessionId: string;
  mfa: boolean;
  totpEnabled: boolean;
};

export class PrincipalCache {
  /** userId → sessionId → principal. */
  private readonly users = new LRUCache<number, Map<string, Principal>>({ max: MAX_USERS, ttl: TTL_MS });
  private trusted = false;
  /** Bumped by every invalidation: a lookup read before one is not stored after it. */
  private invalidations = 0;
  /** Counters for /metrics and the bench. */
  readonly stats = { hits: 0, misses: 0, invalidations: 0 };
  private readonly listeners = new Set<(e: { forgot: number } | { trusted: boolean }) => void>();

  /** Called after each `forget` and trust change (tests wait on it instead of sleeping); returns the unsubscribe. */
  onChange(fn: (e: { forgot: number } | { trusted: boolean }) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  get(userId: number, sessionId: string): Principal | undefined {
    const hit = this.trusted ? this.users.get(userId)?.get(sessionId) : undefined;
    if (hit) this.stats.hits++;
    else this.stats.misses++;
    return hit;
  }

  /** Where a lookup starts: pass it to `set` with the answer. */
  mark(): number {
    return this.invalidations;
  }

  set(mark: number, p: Principal): void {
    if (!this.trusted || mark !== this.invalidations) return;
    let sessions = this.users.get(p.id);
    if (!sessions) {
      sessions = new Map();
      this.users.set(p.id, sessions);
    }
    sessions.set(p.sessionId, p);
  }

  /** Drops every entry of the user (a notification, or a change this instance just committed). */
  forget(userId: number): void {
    this.invalidations++;
    this.stats.invalidations++;
    this.users.delete(userId);
    for (const fn of this.listeners) fn({ forgot: userId });
  }

  /** Listening (again) → trusted from now on; the connection lost → empty and untrusted. */
  setTrusted(trusted: boolean): void {
    this.invalidations++;
    this.users.clear();
    this.trusted = trusted;
    for (const fn of this.listeners) fn({ trusted });
  }

  get size(): number {
    return this.users.size;
  }
}

/** The triggers of migration 0010 that send the notifications. */
const TRIGGERS = [
  'users_principal_changed',
  'users_principal_deleted',
  'sessions_principal_changed',
  'sessions_principal_deleted',
  'admin_totp_principal_changed',
];

/**
 * A cache kept fresh by LISTEN principal on `handle`'s database; close() stops listening.
 * Without the triggers (a database not migrated to 0010) nothing would tell the cache of a
 * change, so it stays off: every call looks its principal up.
 */
export async function startPrincipalCache(
  handle: DbHandle,
  logger: Pick<Logger, 'warn' | 'info'>,
): Promise<{ cache: PrincipalCache; close(): Promise<void> }> {
  const cache = new PrincipalCache();
  const [found] = await queryRows<{ n: number }>(
    handle.db,
    sql`SELECT count(*)::int AS n FROM pg_trigger WHERE tgname IN (${sql.join(
      TRIGGERS.map((t) => sql`${t}`),
      sql`, `,
    )})`,
  );
  if (found?.n !== TRIGGERS.length) {
    logger.warn('principal cache off: the database lacks the principal triggers (migration 0010); authenticating every call');
    return { cache, close: async () => {} };
  }
  let lost = false;
  const listener: Listener = await listen(
    handle,
    PRINCIPAL_CHANNEL,
    (payload) => {
      const userId = Number(payload);
      if (Number.isInteger(userId)) cache.forget(userId);
    },
    (listening) => {
      if (!listening && !lost) logger.warn('principal cache: LISTEN connection lost; authenticating every call until it is back');
      if (listening && lost) logger.info('principal cache: listening again');
      lost = !listening;
      cache.setTrusted(listening);
    },
  );
  return {
    cache,
    async close() {
      cache.setTrusted(false);
      await listener.close();
    },
  };
}
