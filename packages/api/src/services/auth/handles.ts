/**
 * siteIds and nicknames share one namespace (user_handles): every name is stored under its
 * keys, and the table's primary key lets one user own a key. Login resolves a name through
 * the same keys, so any spelling of a name (case, full-width, a Cyrillic lookalike) finds the
 * one account that owns it, and no one can register a name that looks like a taken one.
 */
import { type Db, type User, userHandles, users } from '@casino/db';
import { and, eq, inArray, isNull, notExists, sql } from 'drizzle-orm';
import unhomoglyph from 'unhomoglyph';
import type { Deps } from '../../deps';
import { DomainError } from '../../errors';

type HandleKind = 'site_id' | 'nickname';

/** UTS #39 skeleton: NFD(map(NFD(x))) over confusables.txt. Only a key: it maps some ASCII too ('m' → 'rn'). */
const skeleton = (s: string) => unhomoglyph(s.normalize('NFD')).normalize('NFD');

/**
 * A name's keys: the skeletons of its lower-case, as-typed and upper-case NFKC forms. The
 * first and last depend only on the letters, not their case, so names differing in case
 * collide; and since a player shows their name in whatever case they like, a lookalike in
 * any of them collides too: Cyrillic 'а' for 'a' (lower case), Greek 'Ν' for 'N' (its lower
 * case 'ν' looks like 'v', so upper case), 'PaypaI' with a capital I (as typed). All keys
 * share one table, so they collide across forms as well.
 */
export function handleKeys(name: string): string[] {
  const n = name.normalize('NFKC');
  return [...new Set([skeleton(n.toLowerCase()), skeleton(n), skeleton(n.toUpperCase())])];
}

/** The key a name is looked up (and locked out) by first. */
export const handleKey = (name: string): string => handleKeys(name)[0] as string;

/** A user's handle rows, one per distinct key (a nickname equal to the own siteId adds none). */
function handleRows(userId: number, names: { siteId: string; nickname: string }) {
  const rows: { handle: string; userId: number; kind: HandleKind }[] = [];
  for (const [kind, name] of [
    ['site_id', names.siteId],
    ['nickname', names.nickname],
  ] as const) {
    for (const handle of handleKeys(name)) if (!rows.some((r) => r.handle === handle)) rows.push({ handle, userId, kind });
  }
  return rows;
}

/** The first of the names already owned by someone else, as its taken reason (a quick check before the real claim). */
export async function takenReason(db: Db, names: { siteId: string; nickname: string }) {
  const rows = handleRows(0, names);
  const taken = await db
    .select({ handle: userHandles.handle })
    .from(userHandles)
    .where(
      inArray(
        userHandles.handle,
        rows.map((r) => r.handle),
      ),
    );
  const owned = new Set(taken.map((t) => t.handle));
  const hit = rows.find((r) => owned.has(r.handle));
  return hit ? (hit.kind === 'site_id' ? 'site_id_taken' : 'nickname_taken') : null;
}

/**
 * Claims the new account's handles inside its transaction; the primary key decides races.
 * Rows go in key order, so two signups that want each other's names cannot deadlock.
 */
export async function claimHandles(tx: Db, userId: number, names: { siteId: string; nickname: string }): Promise<void> {
  const rows = handleRows(userId, names).sort((a, b) => (a.handle < b.handle ? -1 : a.handle > b.handle ? 1 : 0));
  const won = await tx.insert(userHandles).values(rows).onConflictDoNothing().returning({ handle: userHandles.handle });
  const lost = rows.filter((r) => !won.some((w) => w.handle === r.handle));
  if (lost.some((r) => r.kind === 'site_id')) throw new DomainError('site_id_taken');
  if (lost.length) throw new DomainError('nickname_taken');
}

/**
 * Gives the user a new nickname's keys in place of the old one's (inside the caller's
 * transaction); a key someone else owns answers nickname_taken and changes nothing.
 */
export async function replaceNicknameHandles(tx: Db, userId: number, names: { siteId: string; nickname: string }): Promise<void> {
  await tx.delete(userHandles).where(and(eq(userHandles.userId, userId), eq(userHandles.kind, 'nickname')));
  const own = new Set(handleKeys(names.siteId));
  const rows = handleRows(userId, names)
    .filter((r) => r.kind === 'nickname' && !own.has(r.handle))
    .sort((a, b) => (a.handle < b.handle ? -1 : a.handle > b.handle ? 1 : 0));
  if (!rows.length) return;
  const won = await tx.insert(userHandles).values(rows).onConflictDoNothing().returning({ handle: userHandles.handle });
  if (won.length < rows.length) throw new DomainError('nickname_taken');
}

/** Frees every name of the user (anonymisation): anyone may sign up with them afterwards. */
export async function releaseHandles(tx: Db, userId: number): Promise<void> {
  await tx.delete(userHandles).where(eq(userHandles.userId, userId));
}

/** The account that owns the name, by any spelling with one of its keys (in their order: lower case first). */
export async function userByHandle(db: Db, name: string): Promise<User | null> {
  const keys = handleKeys(name);
  const rows = await db
    .select({ handle: userHandles.handle, user: users })
    .from(userHandles)
    .innerJoin(users, eq(users.id, userHandles.userId))
    .where(inArray(userHandles.handle, keys));
  for (const key of keys) {
    const hit = rows.find((r) => r.handle === key);
    if (hit) return hit.user;
  }
  return null;
}

/**
 * Gives accounts made before user_handles existed their handles, oldest account first,
 * siteIds before nicknames. Idempotent (runs at every start); a name whose key another
 * account already owns is logged for an operator, and that account keeps it.
 */
export async function backfillHandles(deps: Pick<Deps, 'db' | 'logger'>): Promise<{ inserted: number; collisions: number }> {
  const missing = await deps.db
    .select({ id: users.id, siteId: users.siteId, nickname: users.nickname })
    .from(users)
    .where(
      and(
        // Anonymised accounts gave their names up on purpose.
        isNull(users.anonymisedAt),
        notExists(deps.db.select({ one: sql`1` }).from(userHandles).where(eq(userHandles.userId, users.id))),
      ),
    )
    .orderBy(users.id);
  const byId = new Map(missing.map((u) => [u.id, u]));
  const rows = missing.flatMap((u) => handleRows(u.id, u));
  const ordered = [...rows.filter((r) => r.kind === 'site_id'), ...rows.filter((r) => r.kind === 'nickname')];
  let inserted = 0;
  let collisions = 0;
  for (let i = 0; i < ordered.length; i += 500) {
    const chunk = ordered.slice(i, i + 500);
    const won = await deps.db
      .insert(userHandles)
      .values(chunk)
      .onConflictDoNothing()
      .returning({ handle: userHandles.handle, userId: userHandles.userId });
    inserted += won.length;
    // A chunk may hold two accounts' names with one key: the row of the first wins.
    const wonBy = new Map(won.map((w) => [w.handle, w.userId]));
    const lost = chunk.filter((r) => wonBy.get(r.handle) !== r.userId);
    if (!lost.length) continue;
    // Another instance may have backfilled the same account meanwhile: only other owners collide.
    const owners = await deps.db
      .select({ handle: userHandles.handle, userId: userHandles.userId })
      .from(userHandles)
      .where(
        inArray(
          userHandles.handle,
          lost.map((r) => r.handle),
        ),
      );
    for (const r of lost) {
      const owner = owners.find((o) => o.handle === r.handle)?.userId;
      if (owner === r.userId) continue;
      collisions += 1;
      const user = byId.get(r.userId);
      const name = r.kind === 'site_id' ? user?.siteId : user?.nickname;
      deps.logger.warn(
        { userId: r.userId, kind: r.kind, name, ownerId: owner },
        'user handle collides with another account; not usable to log in',
      );
    }
  }
  return { inserted, collisions };
}
