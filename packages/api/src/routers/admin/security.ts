/**
 * admin.security: the caller's own TOTP factor (status, enrol with QR + URI, confirm with a
 * first code, recovery codes, disable). Reachable by staff before a factor is set up, so an
 * account made to enrol by ADMIN_TOTP_REQUIRED can get through. And resetTotp: an admin removes
 * another staff account's factor (a lost phone), admin role only.
 */
import { ZText, ZUserId } from '@casino/shared';
import { z } from 'zod';
import {
  confirmEnrolment,
  disableTotp,
  regenerateRecoveryCodes,
  startEnrolment,
  totpStatus,
} from '../../services/admin-security/enrolment';
import { resetTotp } from '../../services/admin-security/reset';
import { adminProcedure, router, staffEnrolmentProcedure } from '../../trpc';
import { ZOk } from '../shared/outputs';

const ZCode = z.object({ code: ZText.trim().min(6).max(20) });
const ZRecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
const staff = (ctx: { user: { id: number; nickname: string; sessionId: string }; meta: { ip: string | null } }) => ({
  id: ctx.user.id,
  nickname: ctx.user.nickname,
  sessionId: ctx.user.sessionId,
  ip: ctx.meta.ip,
});

export const adminSecurityRouter = router({
  status: staffEnrolmentProcedure
    .output(
      z.object({
        enabled: z.boolean(),
        pending: z.boolean(),
        enabledAt: z.date().nullable(),
        recoveryCodesLeft: z.number(),
        required: z.boolean(),
        sessionVerified: z.boolean(),
        role: z.string(),
      }),
    )
    .query(async ({ ctx }) => ({
      ...(await totpStatus(ctx.deps, ctx.user.id)),
      sessionVerified: ctx.user.mfa,
      role: ctx.user.role,
    })),

  /** A fresh secret, shown once as a QR code and an otpauth URI; inactive until confirmed. */
  enrolStart: staffEnrolmentProcedure
    .output(z.object({ secret: z.string(), otpauthUri: z.string(), qrDataUrl: z.string() }))
    .mutation(({ ctx }) => startEnrolment(ctx.deps, staff(ctx))),

  /** The first code from the app turns the factor on and returns 10 recovery codes, shown once. */
  enrolConfirm: staffEnrolmentProcedure
    .input(ZCode)
    .output(ZRecoveryCodes)
    .mutation(({ ctx, input }) => confirmEnrolment(ctx.deps, staff(ctx), input.code)),

  regenerateRecoveryCodes: staffEnrolmentProcedure
    .input(ZCode)
    .output(ZRecoveryCodes)
    .mutation(({ ctx, input }) => regenerateRecoveryCodes(ctx.deps, staff(ctx), input.code)),

  disable: staffEnrolmentProcedure
    .input(ZCode)
    .output(ZOk)
    .mutation(({ ctx, input }) => disableTotp(ctx.deps, staff(ctx), input.code)),

  /** Another staff account's factor and recovery codes removed, its sessions revoked; never your own (cannot_target_self). */
  resetTotp: adminProcedure
    .input(z.object({ userId: ZUserId, reason: ZText.trim().min(3).max(500) }))
    .output(z.object({ ok: z.literal(true), revokedSessions: z.number() }))
    .mutation(({ ctx, input }) => resetTotp(ctx.deps, { id: ctx.user.id, ip: ctx.meta.ip }, input.userId, input.reason)),
});
