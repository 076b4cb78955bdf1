/**
 * The sandbox gateway shipped with the product. It keeps its books in
 * `payment_sandbox_charges` (as a real gateway keeps them on its side), so a charge
 * outlives the process that started it. The documented test tokens (CONTRACT.md) fail
 * deterministically: `tok_declined` at authorize, `tok_capture_fail` at capture; any
 * other token (e.g. `tok_visa`) succeeds.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type Db, sandboxCharges } from '@casino/db';
import { and, desc, eq } from 'drizzle-orm';
import type { AuthorizeInput, AuthorizeResult, CaptureResult, GatewayCharge, PaymentGateway, RefundResult } from './gateway';

export const SANDBOX_TOKENS = {
  success: 'tok_visa',
  declined: 'tok_declined',
  captureFail: 'tok_capture_fail',
} as const;

/** Fingerprint of a payment token: fraud features count distinct cards without storing them. */
export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(`card:${token}`).digest('hex').slice(0, 32);
}

export function createSandboxGateway(db: Db): PaymentGateway {
  return {
    name: 'sandbox',
    async authorize(input: AuthorizeInput): Promise<AuthorizeResult> {
      if (input.token === SANDBOX_TOKENS.declined) {
        return { ok: false, reason: 'PAYMENT_DECLINED', message: 'The card was declined.' };
      }
      const id = `ch_sbx_${randomBytes(12).toString('hex')}`;
      // A capture-fail token authorizes; remember it so capture can fail deterministically.
      const status = 'authorized' as const;
      await db.insert(sandboxCharges).values({
        id,
        amountCents: input.amountCents,
        tokenFingerprint: input.token === SANDBOX_TOKENS.captureFail ? 'capture_fail' : tokenFingerprint(input.token),
        status,
        reference: input.reference,
      });
      return { ok: true, authorizationId: id };
    },
    async capture(authorizationId: string): Promise<CaptureResult> {
      const [row] = await db.select().from(sandboxCharges).where(eq(sandboxCharges.id, authorizationId));
      if (!row) return { ok: false, reason: 'PAYMENT_FAILED', message: 'Unknown authorization.' };
      if (row.status === 'captured') return { ok: true, chargeId: row.id };
      if (row.status !== 'authorized' || row.tokenFingerprint === 'capture_fail') {
        if (row.status === 'authorized') await setStatus(db, row.id, 'authorized', 'failed');
        return { ok: false, reason: 'PAYMENT_FAILED', message: 'The payment could not be completed.' };
      }
      const moved = await setStatus(db, row.id, 'authorized', 'captured');
      if (!moved) return this.capture(authorizationId);
      return { ok: true, chargeId: row.id };
    },
    async void(authorizationId: string): Promise<void> {
      await setStatus(db, authorizationId, 'authorized', 'voided');
    },
    async refund(chargeId: string): Promise<RefundResult> {
      const [row] = await db.select().from(sandboxCharges).where(eq(sandboxCharges.id, chargeId));
      if (!row) return { ok: false, message: 'Unknown charge.' };
      if (row.status === 'refunded') return { ok: true, refundId: `re_${row.id}` };
      if (row.status !== 'captured') return { ok: false, message: `A ${row.status} charge cannot be refunded.` };
      await setStatus(db, row.id, 'captured', 'refunded');
      return { ok: true, refundId: `re_${row.id}` };
    },
    async lookup(reference: string): Promise<GatewayCharge[]> {
      const rows = await db
        .select()
        .from(sandboxCharges)
        .where(eq(sandboxCharges.reference, reference))
        .orderBy(desc(sandboxCharges.createdAt));
      return rows.map((r) => ({ id: r.id, status: r.status, amountCents: r.amountCents, reference: r.reference }));
    },
  };
}

async function setStatus(db: Db, id: string, from: GatewayCharge['status'], to: GatewayCharge['status']): Promise<boolean> {
  const rows = await db
    .update(sandboxCharges)
    .set({ status: to, updatedAt: new Date() })
    .where(and(eq(sandboxCharges.id, id), eq(sandboxCharges.status, from)))
    .returning({ id: sandboxCharges.id });
  return rows.length > 0;
}
