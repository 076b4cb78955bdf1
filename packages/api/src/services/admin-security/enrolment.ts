/**
 * TOTP enrolment of a staff account: the secret is generated here and shown once (QR code and
 * otpauth URI); it becomes active only when a first code from the app confirms it. Confirming
 * issues 10 recovery codes (shown once). Regenerating codes and disabling need a current code.
 */
import { adminRecoveryCodes, adminTotp, type Db, sessions } from '@casino/db';
import { and, count, eq, isNull } from 'drizzle-orm';
import { generateSecret, generateURI } from 'otplib';
import QRCode from 'qrcode';
import { type Deps, inTransaction, principalChanged } from '../../deps';
import { DomainError } from '../../errors';
import { writeAudit } from '../audit/audit';
import { claimTimeStep, clearCodeFailures, consumeSecondFactor, matchTotp, reserveCodeAttempt } from './factor';
import { hashRecoveryCode, newRecoveryCodes, sealSecret } from './secrets';

export type Staff = { id: number; nickname: string; sessionId: string; ip?: string | null };

export async function totpStatus(deps: Pick<Deps, 'db' | 'config'>, userId: number) {
  const [row] = await deps.db.select({ enabledAt: adminTotp.enabledAt }).from(adminTotp).where(eq(adminTotp.userId, userId));
  const [left] = await deps.db
    .select({ n: count() })
    .from(adminRecoveryCodes)
    .where(and(eq(adminRecoveryCodes.userId, userId), isNull(adminRecoveryCodes.usedAt)));
  return {
    enabled: Boolean(row?.enabledAt),
    pending: Boolean(row && !row.enabledAt),
    enabledAt: row?.enabledAt ?? null,
    recoveryCodesLeft: row?.enabledAt ? Number(left?.n ?? 0) : 0,
    required: deps.config.adminSecurity.totpRequired,
  };
}

/** A new secret (replacing an unconfirmed one); refused while a factor is active. */
export async function startEnrolment(deps: Pick<Deps, 'db' | 'config'>, staff: Staff) {
  const secret = generateSecret();
  const sealed = sealSecret(deps.config, secret);
  const [row] = await deps.db
    .insert(adminTotp)
    .values({ userId: staff.id, secretSealed: sealed })
    .onConflictDoUpdate({
      target: adminTotp.userId,
      set: { secretSealed: sealed, lastTimeStep: null },
      setWhere: isNull(adminTotp.enabledAt),
    })
    .returning({ userId: adminTotp.userId });
  if (!row) throw new DomainError('totp_already_enrolled');
  const otpauthUri = generateURI({ issuer: deps.config.adminSecurity.totpIssuer, label: staff.nickname, secret });
  const qrDataUrl = await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
  return { secret, otpauthUri, qrDataUrl };
}

async function replaceRecoveryCodes(tx: Db, userId: number) {
  const codes = newRecoveryCodes();
  await tx.delete(adminRecoveryCodes).where(eq(adminRecoveryCodes.userId, userId));
  await tx.insert(adminRecoveryCodes).values(codes.map((c) => ({ userId, codeHash: hashRecoveryCode(c) })));
  return codes;
}

/** The first code turns the factor on; this session counts as verified from now on. */
export async function confirmEnrolment(deps: Deps, staff: Staff, code: string) {
  const [row] = await deps.db.select().from(adminTotp).where(eq(adminTotp.userId, staff.id));
  if (!row) throw new DomainError('totp_not_enrolled', {}, 'Start the set-up first.');
  if (row.enabledAt) throw new DomainError('totp_already_enrolled');
  await reserveCodeAttempt(deps, staff.id);
  const step = await matchTotp(deps, row.secretSealed, code, null);
  if (step === null) throw new DomainError('totp_invalid');
  await clearCodeFailures(deps, staff.id);
  const result = await inTransaction(deps, async (tx) => {
    const now = deps.clock.now();
    const [on] = await tx
      .update(adminTotp)
      .set({ enabledAt: now })
      .where(and(eq(adminTotp.userId, staff.id), isNull(adminTotp.enabledAt), eq(adminTotp.secretSealed, row.secretSealed)))
      .returning({ userId: adminTotp.userId });
    if (!on) throw new DomainError('totp_already_enrolled');
    if (!(await claimTimeStep(tx, staff.id, step))) throw new DomainError('totp_code_used');
    const recoveryCodes = await replaceRecoveryCodes(tx, staff.id);
    await tx.update(sessions).set({ mfaAt: now }).where(eq(sessions.id, staff.sessionId));
    await writeAudit(tx, {
      adminId: staff.id,
      action: 'security.totp_enable',
      targetType: 'user',
      targetId: staff.id,
      ip: staff.ip ?? null,
    });
    return { recoveryCodes };
  });
  principalChanged(deps, staff.id);
  return result;
}

export async function regenerateRecoveryCodes(deps: Deps, staff: Staff, code: string) {
  await consumeSecondFactor(deps, staff.id, code);
  return inTransaction(deps, async (tx) => {
    const recoveryCodes = await replaceRecoveryCodes(tx, staff.id);
    await writeAudit(tx, {
      adminId: staff.id,
      action: 'security.recovery_codes',
      targetType: 'user',
      targetId: staff.id,
      ip: staff.ip ?? null,
    });
    return { recoveryCodes };
  });
}

export async function disableTotp(deps: Deps, staff: Staff, code: string) {
  await consumeSecondFactor(deps, staff.id, code);
  await inTransaction(deps, async (tx) => {
    await tx.delete(adminRecoveryCodes).where(eq(adminRecoveryCodes.userId, staff.id));
    await tx.delete(adminTotp).where(eq(adminTotp.userId, staff.id));
    await writeAudit(tx, {
      adminId: staff.id,
      action: 'security.totp_disable',
      targetType: 'user',
      targetId: staff.id,
      ip: staff.ip ?? null,
    });
  });
  principalChanged(deps, staff.id);
  return { ok: true as const };
}
