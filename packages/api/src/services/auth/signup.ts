/** Signup: invite use, account creation and starting balance in one transaction. */
import { users } from '@casino/db';
import type { TSignupInput } from '@casino/shared';
import { eq, sql } from 'drizzle-orm';
import type { RequestMeta } from '../../context';
import { type Deps, inTransaction } from '../../deps';
import { DomainError, isUniqueViolation } from '../../errors';
import { applyChange } from '../wallet/wallet';
import { consumeInvite } from './invites';
import { hashPassword } from './passwords';
import { toProfile } from './profile';
import { openSession, touchLastLogin } from './sessions';

export async function signup(deps: Deps, input: TSignupInput, meta: Partial<RequestMeta>) {
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock.now();
  try {
    return await inTransaction(deps, async (tx, outbox) => {
      const taken = await tx
        .select({ siteId: users.siteId, nickname: users.nickname })
        .from(users)
        .where(sql`${users.siteId} = ${input.siteId} OR lower(${users.nickname}) = lower(${input.nickname})`)
        .limit(1);
      if (taken[0]) throw new DomainError(taken[0].siteId === input.siteId ? 'site_id_taken' : 'nickname_taken');
      await consumeInvite(tx, input.inviteCode, now);
      const [created] = await tx
        .insert(users)
        .values({
          siteId: input.siteId,
          nickname: input.nickname,
          passwordHash,
          phoneNumber: input.phoneNumber ?? null,
          createdAt: now,
          lastLoginAt: now,
        })
        .returning();
      const user = created as NonNullable<typeof created>;
      const grants = [
        { currency: 'gold' as const, amount: deps.config.startingGold },
        { currency: 'gems' as const, amount: deps.config.startingGems },
      ];
      for (const g of grants) {
        if (g.amount > 0) {
          await applyChange(tx, outbox, {
            userId: user.id,
            currency: g.currency,
            delta: g.amount,
            reason: 'signup_bonus',
            refType: 'user',
            refId: String(user.id),
            idempotencyKey: `signup:${g.currency}`,
          });
        }
      }
      await touchLastLogin(tx, user.id, now);
      const tokens = await openSession(deps, tx, user, meta);
      const [fresh] = await tx.select().from(users).where(eq(users.id, user.id));
      return { ...tokens, user: toProfile(fresh ?? user) };
    });
  } catch (e) {
    // Two signups racing for the same siteId or nickname: the unique index decides.
    if (isUniqueViolation(e, 'users_site_id_uq')) throw new DomainError('site_id_taken');
    if (isUniqueViolation(e, 'users_nickname_lower_uq')) throw new DomainError('nickname_taken');
    throw e;
  }
}
