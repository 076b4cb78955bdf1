/**
 * The one reward grant: gold and gems through the wallet writer, items into the inventory,
 * XP (levels), battle-pass XP and VIP points, recorded in `rewards` and pushed live as
 * `reward` — all inside the caller's transaction. Idempotent by (user, idempotency key), a
 * unique key of the database: the same grant again returns the first one and changes
 * nothing; another grant under the same key is `idempotency_conflict`.
 */
import { type Db, type Reward, rewards, userItems, users } from '@casino/db';
import type { TRewardItem } from '@casino/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { ApiConfig } from '../../config';
import type { Outbox } from '../../deps';
import { DomainError } from '../../errors';
import { addBattlepassXp } from '../progression/battlepass-xp';
import { addExperienceTx, type LevelChange } from '../progression/levels';
import { getBalance } from '../wallet/queries';
import { applyChanges, type WalletEntry } from '../wallet/wallet';
import { type ItemCatalog, itemCatalog } from './items';

/**
 * What a grant needs besides the transaction: configuration (level rewards), the time it
 * happens and, for admin grants, the items grantable now (the game configuration in force,
 * activeItemCatalog); without it the static configuration's items.
 */
export type RewardCtx = { config: ApiConfig; at: Date; items?: ItemCatalog };

const catalogFor = (ctx: RewardCtx) => ctx.items ?? itemCatalog(ctx.config);

export type RewardGrant = {
  userId: number;
  idempotencyKey: string;
  /** Where it comes from (`streak_claim`, `event_reward`, `admin_grant`, …); also the ledger reason. */
  source: string;
  description?: string | null;
  gold?: number;
  gems?: number;
  xp?: number;
  battlepassXp?: number;
  vipPoints?: number;
  items?: readonly TRewardItem[];
  refType?: string | null;
  refId?: string | null;
};

export type GrantResult = {
  rewardId: number;
  idempotent: boolean;
  gold: number;
  gems: number;
  xp: number;
  battlepassXp: number;
  vipPoints: number;
  items: TRewardItem[];
  balance: { gold: number; gems: number };
  /** Set when this grant's XP changed the level. */
  levelUp: LevelChange | null;
};

const MAX_AMOUNT = 1_000_000_000;

function normalise(g: RewardGrant) {
  const n = (v: number | undefined) => v ?? 0;
  const merged = new Map<string, number>();
  for (const i of g.items ?? []) merged.set(i.itemId, (merged.get(i.itemId) ?? 0) + i.quantity);
  const items = [...merged].sort(([a], [b]) => a.localeCompare(b)).map(([itemId, quantity]) => ({ itemId, quantity }));
  return { gold: n(g.gold), gems: n(g.gems), xp: n(g.xp), battlepassXp: n(g.battlepassXp), vipPoints: n(g.vipPoints), items };
}

function check(catalog: ItemCatalog, a: ReturnType<typeof normalise>) {
  const amounts = [a.gold, a.gems, a.xp, a.battlepassXp, a.vipPoints, ...a.items.map((i) => i.quantity)];
  if (amounts.some((v) => !Number.isSafeInteger(v) || v < 0 || v > MAX_AMOUNT) || a.items.some((i) => i.quantity <= 0)) {
    throw new DomainError('invalid_amount');
  }
  if (amounts.every((v) => v === 0)) throw new DomainError('invalid_amount', {}, 'A reward grants something.');
  const unknown = a.items.find((i) => !catalog.has(i.itemId));
  if (unknown) throw new DomainError('item_unknown', { itemId: unknown.itemId });
}

const sameGrant = (row: Reward, source: string, a: ReturnType<typeof normalise>) =>
  row.source === source &&
  row.gold === a.gold &&
  row.gems === a.gems &&
  row.xp === a.xp &&
  row.battlepassXp === a.battlepassXp &&
  row.vipPoints === a.vipPoints &&
  JSON.stringify(row.items) === JSON.stringify(a.items);

/**
 * Locks the player's row first. Lock order for everything that touches a player's progress:
 * users, then progress rows (participations, mission progress, battle pass) — the order a round
 * takes them (its stake locks users before recordRound advances progress) — so a claim racing
 * a round waits instead of deadlocking.
 */
export async function lockPlayer(tx: Db, userId: number): Promise<void> {
  const status = await lockUserRow(tx, userId);
  if (!status || status === 'deleted') throw new DomainError('user_not_found');
}

/** The row lock alone (settling a round of any account, even an anonymised one); returns its status. */
export async function lockUserRow(tx: Db, userId: number): Promise<string | null> {
  const [user] = await tx.select({ status: users.status }).from(users).where(eq(users.id, userId)).for('update');
  return user?.status ?? null;
}

export async function grantReward(tx: Db, outbox: Outbox, ctx: RewardCtx, g: RewardGrant): Promise<GrantResult> {
  const a = normalise(g);
  check(catalogFor(ctx), a);
  await lockPlayer(tx, g.userId);

  const [inserted] = await tx
    .insert(rewards)
    .values({
      userId: g.userId,
      idempotencyKey: g.idempotencyKey,
      source: g.source,
      description: g.description ?? null,
      ...a,
      refType: g.refType ?? null,
      refId: g.refId ?? null,
      createdAt: ctx.at,
    })
    .onConflictDoNothing({ target: [rewards.userId, rewards.idempotencyKey] })
    .returning({ id: rewards.id });
  if (!inserted) {
    // A concurrent grant under this key waited for the first to commit; it now reads that one.
    const [prior] = await tx
      .select()
      .from(rewards)
      .where(and(eq(rewards.userId, g.userId), eq(rewards.idempotencyKey, g.idempotencyKey)));
    if (!prior) throw new DomainError('service_unavailable'); // the first grant rolled back between the two statements: retry
    if (!sameGrant(prior, g.source, a)) throw new DomainError('idempotency_conflict', {}, 'This key was used for a different reward.');
    const balance = await getBalance(tx, g.userId);
    return { rewardId: prior.id, idempotent: true, ...a, balance: { gold: balance.gold, gems: balance.gems }, levelUp: null };
  }

  const rewardId = inserted.id;
  const entries: WalletEntry[] = (['gold', 'gems'] as const)
    .filter((c) => a[c] > 0)
    .map((currency) => ({
      currency,
      delta: a[currency],
      reason: g.source,
      refType: 'reward',
      refId: String(rewardId),
      idempotencyKey: `reward:${rewardId}:${currency}`,
    }));
  let balance: { gold: number; gems: number } | null = null;
  if (entries.length) {
    // The reward row is new, so are its keys; the ledger's unique index is the backstop.
    const res = await applyChanges(tx, outbox, { userId: g.userId, entries, freshKeys: true });
    if (res.balances.gold !== undefined && res.balances.gems !== undefined) balance = { gold: res.balances.gold, gems: res.balances.gems };
  }
  if (a.items.length) {
    const catalog = catalogFor(ctx);
    for (const i of a.items) {
      await tx
        .insert(userItems)
        .values({
          userId: g.userId,
          itemId: i.itemId,
          rarity: catalog.get(i.itemId)?.rarity ?? 'special',
          quantity: i.quantity,
          firstAcquiredAt: ctx.at,
        })
        .onConflictDoUpdate({
          target: [userItems.userId, userItems.itemId],
          set: { quantity: sql`${userItems.quantity} + ${i.quantity}` },
        });
    }
  }
  if (a.vipPoints > 0) {
    await tx
      .update(users)
      .set({ vipPoints: sql`${users.vipPoints} + ${a.vipPoints}` })
      .where(eq(users.id, g.userId));
  }
  outbox.push({
    userId: g.userId,
    type: 'reward',
    data: {
      source: g.source,
      rewardId,
      description: g.description ?? null,
      ...(a.gold ? { gold: a.gold } : {}),
      ...(a.gems ? { gems: a.gems } : {}),
      ...(a.xp ? { xp: a.xp } : {}),
      ...(a.battlepassXp ? { battlepassXp: a.battlepassXp } : {}),
      ...(a.vipPoints ? { vipPoints: a.vipPoints } : {}),
      ...(a.items.length ? { items: a.items.map((i) => i.itemId) } : {}),
    },
  });
  const levelUp = a.xp > 0 ? await addExperienceTx(tx, outbox, ctx, g.userId, a.xp) : null;
  if (a.battlepassXp > 0) await addBattlepassXp(tx, outbox, { userId: g.userId, xp: a.battlepassXp, at: ctx.at });
  // Level rewards may have credited gold after this grant's own entries.
  if (!balance || levelUp) {
    const b = await getBalance(tx, g.userId);
    balance = { gold: b.gold, gems: b.gems };
  }
  return { rewardId, idempotent: false, ...a, balance, levelUp: levelUp?.levelsGained ? levelUp : null };
}
