/** Invite codes: validation, atomic use at signup, admin management. */
import { type Db, type InviteCode, inviteCodes } from '@casino/db';
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { DomainError, isUniqueViolation } from '../../errors';
import { byId, pageOf } from '../shared/page';

export type InviteProblem = 'invite_unknown' | 'invite_inactive' | 'invite_expired' | 'invite_exhausted';

export function inviteProblem(invite: InviteCode | undefined, now: Date): InviteProblem | null {
  if (!invite) return 'invite_unknown';
  if (!invite.isActive) return 'invite_inactive';
  if (invite.expiresAt && invite.expiresAt <= now) return 'invite_expired';
  if (invite.maxUses !== null && invite.usedCount >= invite.maxUses) return 'invite_exhausted';
  return null;
}

const PROBLEM_TEXT: Record<InviteProblem, string> = {
  invite_unknown: 'Unknown invite code.',
  invite_inactive: 'This invite code has been deactivated.',
  invite_expired: 'This invite code has expired.',
  invite_exhausted: 'This invite code has no uses left.',
};

export async function validateInvite(deps: Pick<Deps, 'db' | 'clock'>, code: string) {
  const [invite] = await deps.db.select().from(inviteCodes).where(eq(inviteCodes.code, code)).limit(1);
  const problem = inviteProblem(invite, deps.clock.now());
  return {
    isValid: problem === null,
    errorMessage: problem ? PROBLEM_TEXT[problem] : null,
    reason: problem,
    code,
    expiresAt: invite?.expiresAt ?? null,
    remainingUses: invite && invite.maxUses !== null ? Math.max(0, invite.maxUses - invite.usedCount) : null,
  };
}

/**
 * Uses one slot of the code inside the signup transaction. The conditional UPDATE
 * is the guard: two signups racing for the last use cannot both match it.
 */
export async function consumeInvite(tx: Db, code: string, now: Date): Promise<InviteCode> {
  const [used] = await tx
    .update(inviteCodes)
    .set({ usedCount: sql`${inviteCodes.usedCount} + 1` })
    .where(
      and(
        eq(inviteCodes.code, code),
        eq(inviteCodes.isActive, true),
        or(isNull(inviteCodes.expiresAt), sql`${inviteCodes.expiresAt} > ${now.toISOString()}`),
        or(isNull(inviteCodes.maxUses), lt(inviteCodes.usedCount, inviteCodes.maxUses)),
      ),
    )
    .returning();
  if (used) return used;
  const [invite] = await tx.select().from(inviteCodes).where(eq(inviteCodes.code, code)).limit(1);
  const problem = inviteProblem(invite, now) ?? 'invite_exhausted';
  throw new DomainError(problem, {}, PROBLEM_TEXT[problem]);
}

export async function createInvite(
  tx: Db,
  input: { code: string; maxUses: number | null; expiresAt: Date | null; createdBy: number | null },
) {
  try {
    const [row] = await tx.insert(inviteCodes).values(input).returning();
    return row as InviteCode;
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('invite_code_taken', {}, 'An invite code with that text already exists.');
    throw e;
  }
}

export async function listInvites(db: Db, opts: { activeOnly: boolean; limit: number; cursor?: number | undefined }) {
  const rows = await db
    .select()
    .from(inviteCodes)
    .where(and(opts.activeOnly ? eq(inviteCodes.isActive, true) : undefined, opts.cursor ? lt(inviteCodes.id, opts.cursor) : undefined))
    .orderBy(desc(inviteCodes.id))
    .limit(opts.limit + 1);
  return pageOf(rows, opts.limit, byId);
}

/** The unlimited development code; never created in production. */
export async function ensureDefaultInvite(deps: Pick<Deps, 'db' | 'config'>): Promise<void> {
  const code = deps.config.defaultInviteCode;
  if (!code || deps.config.nodeEnv === 'production') return;
  await deps.db.insert(inviteCodes).values({ code, maxUses: null }).onConflictDoNothing();
}
