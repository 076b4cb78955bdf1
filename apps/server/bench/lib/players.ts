/**
 * Bench players in bulk, without argon2 or one HTTP signup each: plain user rows (no usable
 * password), funded through the ledger exactly as signup funds a new account (one
 * `signup_bonus` entry per player whose balance_after is the balance), a first seed pair each
 * (fairness createSeed, as signup makes one), and a real session
 * each from the auth service's own openSession (session + refresh token rows, signed access
 * token), so the server authenticates them like any logged-in player.
 */
import { applyChanges, type Deps, inTransaction } from '@casino/api';
import { users } from '@casino/db';
// Not exported by @casino/api (nothing but auth opens sessions); the bench mints them the same way.
import { openSession } from '../../../../packages/api/src/services/auth/sessions';
import { createSeed } from '../../../../packages/api/src/services/games/fairness';

export type BenchPlayer = { userId: number; accessToken: string; refreshToken: string };

const CHUNK = 1000;

async function mint(deps: Deps, user: { id: number; role: 'user' | 'admin'; rank: 'STANDARD' | 'PREMIUM' | 'VIP' }): Promise<BenchPlayer> {
  const t = await openSession(deps, deps.db, user, { ip: '127.0.0.1', userAgent: 'casino-bench' });
  return { userId: user.id, accessToken: t.accessToken, refreshToken: t.refreshToken };
}

/**
 * `count` players named `<tag>_<i>`, each holding `gold` (all of it from one ledger entry),
 * with contiguous ids (pgbench picks players by id range), in id order.
 */
export async function createPlayers(deps: Deps, opts: { tag: string; count: number; gold: number }): Promise<BenchPlayer[]> {
  const ids: number[] = [];
  for (let from = 0; from < opts.count; from += CHUNK) {
    const n = Math.min(CHUNK, opts.count - from);
    const rows = await deps.db
      .insert(users)
      .values(
        Array.from({ length: n }, (_, i) => ({
          siteId: `${opts.tag}_${from + i}`,
          nickname: `${opts.tag} ${from + i}`,
          passwordHash: '!bench-no-login',
        })),
      )
      .returning({ id: users.id });
    ids.push(...rows.map((r) => r.id));
  }
  ids.sort((a, b) => a - b);
  const first = ids[0] as number;
  const last = ids[ids.length - 1] as number;
  if (last - first + 1 !== ids.length) throw new Error(`${opts.tag}: player ids are not contiguous`);

  // Funded through the one wallet writer, with a seed pair, as signup makes a new account.
  for (let i = 0; i < ids.length; i += 50) {
    await Promise.all(
      ids.slice(i, i + 50).map((id) =>
        inTransaction(deps, async (tx, outbox) => {
          await createSeed(tx, id);
          await applyChanges(tx, outbox, {
            userId: id,
            entries: [
              {
                currency: 'gold',
                delta: opts.gold,
                reason: 'signup_bonus',
                refType: 'user',
                refId: String(id),
                idempotencyKey: 'signup:gold',
              },
            ],
            freshKeys: true,
          });
        }),
      ),
    );
  }

  const players: BenchPlayer[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    players.push(...(await Promise.all(ids.slice(i, i + 100).map((id) => mint(deps, { id, role: 'user', rank: 'STANDARD' })))));
  }
  return players;
}

/** One admin (for admin.economy.reconcile), with a session; no balance, no ledger entries. */
export async function createAdmin(deps: Deps, tag: string): Promise<BenchPlayer> {
  const [row] = await deps.db
    .insert(users)
    .values({ siteId: `${tag}_admin`, nickname: `${tag} admin`, passwordHash: '!bench-no-login', role: 'admin' })
    .returning({ id: users.id });
  if (!row) throw new Error('could not create the bench admin');
  return mint(deps, { id: row.id, role: 'admin', rank: 'STANDARD' });
}
