/** Staff test helpers: TOTP codes computed with the same library an authenticator app uses, and the two-step login. */
import { generate } from 'otplib';
import type { Deps } from '../deps';
import { callerFor } from './harness';

/** The 6-digit code for `secret` at the deps' clock (optionally `stepsAhead` periods later). */
export const totpCode = (deps: Pick<Deps, 'clock'>, secret: string, stepsAhead = 0) =>
  generate({ secret, epoch: Math.floor(deps.clock.now().getTime() / 1000) + stepsAhead * 30 });

/** The reason of a refusal (or 'resolved'): what access tables compare. */
export const reasonOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: { code?: string; cause?: { reason?: string } }) => `${e.code}:${e.cause?.reason ?? ''}`,
  );

/** Password step: the challenge of `totp_required` (throws if login gave tokens instead). */
export async function loginChallenge(deps: Deps, siteId: string, password: string): Promise<string> {
  try {
    await callerFor(deps).auth.login({ siteId, password });
  } catch (e) {
    const challenge = (e as { cause?: { reason?: string; details?: { challenge?: string } } }).cause;
    if (challenge?.reason === 'totp_required' && challenge.details?.challenge) return challenge.details.challenge;
    throw e;
  }
  throw new Error('login answered tokens without the second step');
}

/** Enrols the caller's account; returns the secret and the recovery codes. */
export async function enrolTotp(deps: Deps, accessToken: string) {
  const caller = callerFor(deps, accessToken);
  const { secret } = await caller.admin.security.enrolStart();
  const { recoveryCodes } = await caller.admin.security.enrolConfirm({ code: await totpCode(deps, secret) });
  return { secret, recoveryCodes };
}
