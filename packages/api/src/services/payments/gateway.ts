/**
 * The payment-gateway interface the shop charges cash through: authorize → capture
 * (or void), refund, and a lookup by our reference (the purchase id) so the sweeper can
 * repair a purchase whose process died between authorize and capture.
 */

export type AuthorizeInput = { token: string; amountCents: number; reference: string };

export type AuthorizeResult = { ok: true; authorizationId: string } | { ok: false; reason: 'PAYMENT_DECLINED'; message: string };
export type CaptureResult = { ok: true; chargeId: string } | { ok: false; reason: 'PAYMENT_FAILED'; message: string };
export type RefundResult = { ok: true; refundId: string } | { ok: false; message: string };

export type GatewayChargeStatus = 'authorized' | 'captured' | 'voided' | 'refunded' | 'failed';
export type GatewayCharge = { id: string; status: GatewayChargeStatus; amountCents: number; reference: string | null };

export interface PaymentGateway {
  readonly name: string;
  authorize(input: AuthorizeInput): Promise<AuthorizeResult>;
  /** Captures an authorization; the charge id is what webhooks and refunds name. */
  capture(authorizationId: string): Promise<CaptureResult>;
  /** Releases an authorization that will not be captured (idempotent). */
  void(authorizationId: string): Promise<void>;
  /** Refunds a captured charge in full (idempotent: a second refund of the same charge succeeds without moving money). */
  refund(chargeId: string): Promise<RefundResult>;
  /** Every charge the gateway holds for our reference (the purchase id), newest first. */
  lookup(reference: string): Promise<GatewayCharge[]>;
}
