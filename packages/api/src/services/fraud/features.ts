/**
 * The features a purchase attempt is scored on. Velocity comes from sliding windows in Redis
 * (every attempt is counted as it is assessed, this one included); the amount's deviation
 * from the player's history comes from their completed purchases in PostgreSQL.
 */
import { type Db, purchases } from '@casino/db';
import type { TFraudFeatures } from '@casino/shared';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Kv, WindowHit, WindowQuery } from '../../infra/kv';

export type FraudCurrency = 'gold' | 'gems' | 'cash';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** Caps each window set: counts saturate there, far above any sensible threshold, and memory stays bounded. */
const ATTEMPT_CAP = 10_000;
const DISTINCT_CAP = 1000;

/** The windows, their Redis keys (under the Kv prefix) and what their members are. */
export const WINDOWS = {
  ip: { key: (ip: string) => `fraud:ip:${ip}`, windowsMs: [10 * MIN, HOUR], cap: ATTEMPT_CAP },
  device: { key: (d: string) => `fraud:dev:${d}`, windowsMs: [HOUR], cap: ATTEMPT_CAP },
  /** Members are user ids: distinct players per device. */
  deviceUsers: { key: (d: string) => `fraud:devusers:${d}`, windowsMs: [24 * HOUR], cap: DISTINCT_CAP },
  user: { key: (userId: number) => `fraud:user:${userId}`, windowsMs: [HOUR], cap: ATTEMPT_CAP },
  /** Members are payment fingerprints: distinct cards per player. */
  cards: { key: (userId: number) => `fraud:fp:${userId}`, windowsMs: [24 * HOUR], cap: DISTINCT_CAP },
} as const;

export const cooldownKey = (userId: number) => `fraud:cooldown:${userId}`;
/** The IP and device of the player's last assessed attempt, so support can look at their windows. */
export const lastSeenKey = (userId: number) => `fraud:last:${userId}`;
export const LAST_SEEN_TTL_MS = 24 * HOUR;

export type WindowCounts = Pick<
  TFraudFeatures,
  'ipAttempts10m' | 'ipAttempts1h' | 'deviceAttempts1h' | 'deviceUsers24h' | 'userAttempts1h' | 'distinctFingerprints24h'
>;

type Who = { userId: number; ip: string | null; deviceId: string | null };

/** Counts this attempt (ip, device, player, card) and returns every window's total including it. */
export async function hitWindows(kv: Kv, who: Who & { attemptId: string; paymentFingerprint: string | null }, nowMs: number) {
  const hits: WindowHit[] = [{ ...WINDOWS.user, key: WINDOWS.user.key(who.userId), member: who.attemptId }];
  if (who.ip) hits.push({ ...WINDOWS.ip, key: WINDOWS.ip.key(who.ip), member: who.attemptId });
  if (who.deviceId) {
    hits.push({ ...WINDOWS.device, key: WINDOWS.device.key(who.deviceId), member: who.attemptId });
    hits.push({ ...WINDOWS.deviceUsers, key: WINDOWS.deviceUsers.key(who.deviceId), member: String(who.userId) });
  }
  // Without a card this attempt adds no fingerprint, but the player's recent cards still count.
  const cards = { ...WINDOWS.cards, key: WINDOWS.cards.key(who.userId) };
  if (who.paymentFingerprint) hits.push({ ...cards, member: who.paymentFingerprint });
  const [counted, cardsOnly] = await Promise.all([
    kv.windowHit(hits, nowMs),
    who.paymentFingerprint ? null : kv.windowCount([cards], nowMs),
  ]);
  return windowCounts(hits, counted, who, cardsOnly ? (cardsOnly[0]?.[0] ?? 0) : null);
}

/** The same totals without counting anything (support's view of a player). */
export async function readWindows(kv: Kv, who: Who, nowMs: number): Promise<WindowCounts> {
  const queries: WindowQuery[] = [{ ...WINDOWS.user, key: WINDOWS.user.key(who.userId) }];
  if (who.ip) queries.push({ ...WINDOWS.ip, key: WINDOWS.ip.key(who.ip) });
  if (who.deviceId) {
    queries.push({ ...WINDOWS.device, key: WINDOWS.device.key(who.deviceId) });
    queries.push({ ...WINDOWS.deviceUsers, key: WINDOWS.deviceUsers.key(who.deviceId) });
  }
  queries.push({ ...WINDOWS.cards, key: WINDOWS.cards.key(who.userId) });
  return windowCounts(queries, await kv.windowCount(queries, nowMs), who, null);
}

function windowCounts(sets: readonly WindowQuery[], counts: number[][], who: Who, cardCount: number | null): WindowCounts {
  const of = (key: string, i: number) => counts[sets.findIndex((s) => s.key === key)]?.[i] ?? 0;
  return {
    ipAttempts10m: who.ip ? of(WINDOWS.ip.key(who.ip), 0) : 0,
    ipAttempts1h: who.ip ? of(WINDOWS.ip.key(who.ip), 1) : 0,
    deviceAttempts1h: who.deviceId ? of(WINDOWS.device.key(who.deviceId), 0) : 0,
    deviceUsers24h: who.deviceId ? of(WINDOWS.deviceUsers.key(who.deviceId), 0) : 0,
    userAttempts1h: of(WINDOWS.user.key(who.userId), 0),
    distinctFingerprints24h: cardCount ?? of(WINDOWS.cards.key(who.userId), 0),
  };
}

export type AmountHistory = { count: number; mean: number | null; stddev: number | null };

/** How many earlier completed purchases in the currency the deviation is measured against. */
export const HISTORY_SIZE = 50;
/** The z-score needs a spread: fewer purchases than this give 0. */
export const MIN_Z_HISTORY = 3;

/** Count, mean and population standard deviation of the player's last HISTORY_SIZE completed purchases in `currency`. */
export async function amountHistory(db: Db, userId: number, currency: FraudCurrency): Promise<AmountHistory> {
  const recent = db
    .select({ amount: purchases.amount })
    .from(purchases)
    .where(and(eq(purchases.userId, userId), eq(purchases.status, 'completed'), eq(purchases.priceCurrency, currency)))
    .orderBy(desc(purchases.createdAt))
    .limit(HISTORY_SIZE)
    .as('recent');
  const [row] = await db
    .select({
      count: sql<number>`count(*)::int`,
      mean: sql<number | null>`avg(${recent.amount})::float8`,
      stddev: sql<number | null>`stddev_pop(${recent.amount})::float8`,
    })
    .from(recent);
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return { count: Number(row?.count ?? 0), mean: num(row?.mean), stddev: num(row?.stddev) };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * amountRatio = amount ÷ mean of the history (1 — "as usual" — with no history);
 * amountZScore = (amount − mean) ÷ spread with at least MIN_Z_HISTORY purchases, else 0, where the
 * spread is the standard deviation floored at 10 % of the mean and at 1 (identical past amounts
 * would otherwise make any change infinite).
 */
export function amountDeviation(amount: number, h: AmountHistory): Pick<TFraudFeatures, 'historyCount' | 'amountRatio' | 'amountZScore'> {
  const mean = h.mean ?? 0;
  const amountRatio = h.count >= 1 && mean > 0 ? round2(amount / mean) : 1;
  const spread = Math.max(h.stddev ?? 0, mean * 0.1, 1);
  const amountZScore = h.count >= MIN_Z_HISTORY ? round2((amount - mean) / spread) : 0;
  return { historyCount: h.count, amountRatio, amountZScore };
}

export const accountAgeHours = (createdAt: Date, now: Date) => round2(Math.max(0, now.getTime() - createdAt.getTime()) / HOUR);

/** Seconds left of a cooldown stored as its end (ms), rounded up; 0 when none. */
export function cooldownLeft(stored: string | null, nowMs: number): number {
  const until = Number(stored);
  return stored && Number.isFinite(until) && until > nowMs ? Math.ceil((until - nowMs) / 1000) : 0;
}
