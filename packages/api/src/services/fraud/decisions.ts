/** Fraud decisions for admins: the list with filters, the review of open ones, and a player's current windows. */
import { type Db, fraudDecisions, users } from '@casino/db';
import type { TFraudAction, TFraudReviewStatus } from '@casino/shared';
import { and, desc, eq, lt } from 'drizzle-orm';
import { type Deps, inTransaction } from '../../deps';
import { DomainError } from '../../errors';
import type { Actor } from '../admin/users';
import { writeAudit } from '../audit/audit';
import { byId, pageOf } from '../shared/page';
import { accountAgeHours, amountHistory, cooldownKey, cooldownLeft, type FraudCurrency, lastSeenKey, readWindows } from './features';

export type DecisionFilter = {
  action?: TFraudAction | undefined;
  reviewStatus?: TFraudReviewStatus | undefined;
  userId?: number | undefined;
  cursor?: number | undefined;
  limit: number;
};

export async function listDecisions(db: Db, f: DecisionFilter) {
  const rows = await db
    .select({
      id: fraudDecisions.id,
      userId: fraudDecisions.userId,
      nickname: users.nickname,
      sku: fraudDecisions.sku,
      action: fraudDecisions.action,
      score: fraudDecisions.score,
      features: fraudDecisions.features,
      matchedRules: fraudDecisions.matchedRules,
      reviewStatus: fraudDecisions.reviewStatus,
      reviewedBy: fraudDecisions.reviewedBy,
      reviewedAt: fraudDecisions.reviewedAt,
      createdAt: fraudDecisions.createdAt,
    })
    .from(fraudDecisions)
    .innerJoin(users, eq(users.id, fraudDecisions.userId))
    .where(
      and(
        f.action ? eq(fraudDecisions.action, f.action) : undefined,
        f.reviewStatus ? eq(fraudDecisions.reviewStatus, f.reviewStatus) : undefined,
        f.userId ? eq(fraudDecisions.userId, f.userId) : undefined,
        f.cursor ? lt(fraudDecisions.id, f.cursor) : undefined,
      ),
    )
    .orderBy(desc(fraudDecisions.id))
    .limit(f.limit + 1);
  // Written by assessPurchase only: feature name → number or boolean.
  const typed = rows.map((r) => ({ ...r, features: r.features as Record<string, number | boolean> }));
  return pageOf(typed, f.limit, byId);
}

/** Closes an open review; the conditional update makes a second (or racing) review a clear conflict. */
export async function reviewDecision(
  deps: Deps,
  actor: Actor,
  input: { id: number; status: 'approved' | 'rejected'; note?: string | undefined },
) {
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const [updated] = await tx
      .update(fraudDecisions)
      .set({ reviewStatus: input.status, reviewedBy: actor.id, reviewedAt: now })
      .where(and(eq(fraudDecisions.id, input.id), eq(fraudDecisions.reviewStatus, 'open')))
      .returning({ id: fraudDecisions.id, userId: fraudDecisions.userId, reviewStatus: fraudDecisions.reviewStatus });
    if (!updated) {
      const [exists] = await tx
        .select({ reviewStatus: fraudDecisions.reviewStatus })
        .from(fraudDecisions)
        .where(eq(fraudDecisions.id, input.id));
      if (!exists) throw new DomainError('fraud_decision_not_found');
      throw new DomainError('fraud_decision_not_open', { reviewStatus: exists.reviewStatus });
    }
    await writeAudit(tx, {
      adminId: actor.id,
      action: 'fraud.decision.review',
      targetType: 'fraud_decision',
      targetId: input.id,
      before: { reviewStatus: 'open' },
      after: { reviewStatus: input.status },
      meta: { userId: updated.userId, ...(input.note ? { note: input.note } : {}) },
      ip: actor.ip ?? null,
    });
    return { id: input.id, reviewStatus: input.status, reviewedBy: actor.id, reviewedAt: now };
  });
}

const CURRENCIES: FraudCurrency[] = ['gold', 'gems', 'cash'];

/**
 * What the next assessment of this player would see before counting itself: their windows
 * (by the IP and device of their last attempt, or the ones given), cooldown, account age and history.
 */
export async function userFeatures(
  deps: Pick<Deps, 'db' | 'kv' | 'clock'>,
  input: { userId: number; ip?: string | undefined; deviceId?: string | undefined },
) {
  const [user] = await deps.db.select({ createdAt: users.createdAt }).from(users).where(eq(users.id, input.userId));
  if (!user) throw new DomainError('user_not_found');
  const now = deps.clock.now();
  const [lastRaw, cooldown] = await Promise.all([deps.kv.get(lastSeenKey(input.userId)), deps.kv.get(cooldownKey(input.userId))]);
  const last = parseLastSeen(lastRaw);
  const ip = input.ip ?? last.ip;
  const deviceId = input.deviceId ?? last.deviceId;
  const [windows, ...histories] = await Promise.all([
    readWindows(deps.kv, { userId: input.userId, ip, deviceId }, now.getTime()),
    ...CURRENCIES.map((c) => amountHistory(deps.db, input.userId, c)),
  ]);
  return {
    userId: input.userId,
    ip,
    deviceId,
    windows,
    cooldownSeconds: cooldownLeft(cooldown, now.getTime()),
    accountAgeHours: accountAgeHours(user.createdAt, now),
    history: CURRENCIES.map((currency, i) => ({ currency, ...(histories[i] ?? { count: 0, mean: null, stddev: null }) })),
  };
}

function parseLastSeen(raw: string | null): { ip: string | null; deviceId: string | null } {
  try {
    const v = raw ? (JSON.parse(raw) as { ip?: unknown; deviceId?: unknown }) : {};
    return { ip: typeof v.ip === 'string' ? v.ip : null, deviceId: typeof v.deviceId === 'string' ? v.deviceId : null };
  } catch {
    return { ip: null, deviceId: null };
  }
}
