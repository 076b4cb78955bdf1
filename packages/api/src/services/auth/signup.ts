/** Signup: invite use, account creation, its name handles and starting balance in one transaction. */
import { users } from '@casino/db';
import type { TSignupInput } from '@casino/shared';
import { eq } from 'drizzle-orm';
import type { RequestMeta } from '../../context';
import { type Deps, inTransaction } from '../../deps';
import { DomainError, isUniqueViolation } from '../../errors';
import { createSeed } from '../games/fairness';
import { applyChange } from '../wallet/wallet';
import { claimHandles, takenReason } from './handles';
import { consumeInvite } from './invites';
import { hashPassword } from './passwords';
import { toProfile } from './profile';
import { openSession, touchLastLogin } from './sessions';

export async function signup(deps: Deps, input: TSignupInput, meta: Partial<RequestMeta>) {
  // Answers a taken name before hashing; the handle claim in the transaction is what decides.
  const taken = await takenReason(deps.db, input);
  if (taken) throw new DomainError(taken);
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock.now();
  try {
    return await inTransaction(deps, async (tx, outbox) => {
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
      await claimHandles(tx, user.id, input);
      // The first seed pair is committed (its hash shown) before the player's first round,
      // and that round reads it instead of creating it.
      await createSeed(tx, user.id);
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
    // Two signups racing for the very same siteId or nickname: the users unique index may speak first.
    if (isUniqueViolation(e, 'users_site_id_uq')) throw new DomainError('site_id_taken');
    if (isUniqueViolation(e, 'users_nickname_lower_uq')) throw new DomainError('nickname_taken');
    throw e;
  }
}
