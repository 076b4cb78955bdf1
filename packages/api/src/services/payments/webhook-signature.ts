/**
 * Payment webhook verification (CONTRACT.md "Shop and payments"), pure: the header
 * `Casino-Signature: t=<unix seconds>,n=<nonce>,kid=<key id>,v1=<hex>` where
 * `v1 = HMAC-SHA256(secret of kid, "<t>.<n>.<raw body>")` over the exact bytes received,
 * compared in constant time; the timestamp must be within the tolerance either way.
 * The nonce memory and the event store come after this, in webhooks.ts.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ZText } from '@casino/shared';
import { z } from 'zod';
import type { WebhookKey } from '../../config';

/** What a refused webhook answers: 400 `{ error: <one of these> }`. */
export const WEBHOOK_REJECTIONS = [
  'signature_missing',
  'signature_malformed',
  'unknown_key',
  'timestamp_out_of_range',
  'signature_invalid',
  'nonce_replayed',
  'malformed_body',
] as const;
export type WebhookRejection = (typeof WEBHOOK_REJECTIONS)[number];

export const WEBHOOK_SIGNATURE_HEADER = 'casino-signature';

/** Printable ASCII without space or comma: what a header value and an id may hold. */
const TOKEN = /^[\x21-\x2b\x2d-\x7e]+$/;
const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

export type ParsedSignature = { t: string; timestamp: number; nonce: string; kid: string; v1: string };

/** Splits the header; any part missing, repeated or out of shape is `signature_malformed`. */
export function parseSignatureHeader(header: string): ParsedSignature | null {
  const parts = new Map<string, string>();
  for (const piece of header.split(',')) {
    const eq = piece.indexOf('=');
    if (eq <= 0) return null;
    const key = piece.slice(0, eq).trim();
    const value = piece.slice(eq + 1).trim();
    if (parts.has(key)) return null;
    parts.set(key, value);
  }
  const t = parts.get('t') ?? '';
  const nonce = parts.get('n') ?? '';
  const kid = parts.get('kid') ?? '';
  const v1 = parts.get('v1') ?? '';
  if (!/^\d{1,12}$/.test(t) || !v1) return null;
  if (nonce.length > 200 || !TOKEN.test(nonce)) return null;
  if (kid.length > 64 || !TOKEN.test(kid)) return null;
  return { t, timestamp: Number(t), nonce, kid, v1 };
}

export type VerifiedSignature = { ok: true; kid: string; nonce: string; timestamp: number };
export type SignatureCheck = VerifiedSignature | { ok: false; reason: WebhookRejection };

/**
 * Checks the signature header against the raw body, in this order: shape, key id, timestamp,
 * HMAC. During a rotation two keys are configured; each has its own kid.
 */
export function verifyWebhookSignature(input: {
  header: string | undefined;
  rawBody: Uint8Array;
  keys: readonly WebhookKey[];
  nowSec: number;
  toleranceSec: number;
}): SignatureCheck {
  if (input.header === undefined || input.header.trim() === '') return { ok: false, reason: 'signature_missing' };
  const sig = parseSignatureHeader(input.header);
  if (!sig) return { ok: false, reason: 'signature_malformed' };
  const keys = input.keys.filter((k) => k.kid === sig.kid);
  if (keys.length === 0) return { ok: false, reason: 'unknown_key' };
  if (Math.abs(input.nowSec - sig.timestamp) > input.toleranceSec) return { ok: false, reason: 'timestamp_out_of_range' };
  if (!HEX_SHA256.test(sig.v1)) return { ok: false, reason: 'signature_invalid' };
  const given = Buffer.from(sig.v1, 'hex');
  // Every key of the kid is checked (no early exit), each comparison in constant time.
  let match = false;
  for (const key of keys) {
    const expected = signatureOf(key.secret, sig.t, sig.nonce, input.rawBody);
    if (timingSafeEqual(expected, given)) match = true;
  }
  if (!match) return { ok: false, reason: 'signature_invalid' };
  return { ok: true, kid: sig.kid, nonce: sig.nonce, timestamp: sig.timestamp };
}

function signatureOf(secret: string, t: string, nonce: string, rawBody: Uint8Array): Buffer {
  return createHmac('sha256', secret).update(`${t}.${nonce}.`).update(rawBody).digest();
}

/** The header a gateway (or the sandbox tooling) sends for `rawBody`. */
export function signWebhook(key: WebhookKey, rawBody: string | Uint8Array, opts: { timestamp: number; nonce: string }): string {
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody) : rawBody;
  const v1 = signatureOf(key.secret, String(opts.timestamp), opts.nonce, body).toString('hex');
  return `t=${opts.timestamp},n=${opts.nonce},kid=${key.kid},v1=${v1}`;
}

export const WEBHOOK_EVENT_TYPES = ['payment.captured', 'payment.refunded', 'payment.failed'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Ids the gateway gives (event, charge): printable ASCII, no spaces or commas. */
export const ZGatewayId = z.string().min(1).max(128).regex(TOKEN, 'printable characters without spaces or commas');

/** The webhook body (CONTRACT.md); other fields are dropped (the stored payload is this parsed body). */
export const ZWebhookBody = z.object({
  id: ZGatewayId,
  type: z.enum(WEBHOOK_EVENT_TYPES),
  createdAt: z.union([
    ZText.max(64).refine((s) => !Number.isNaN(Date.parse(s)), 'a date'),
    z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  ]),
  data: z.object({
    chargeId: ZGatewayId,
    purchaseId: ZText.max(128).nullish(),
    amountCents: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullish(),
  }),
});
export type WebhookBody = z.infer<typeof ZWebhookBody>;

/** Parses the raw bytes as the webhook body; null when it is not one. */
export function parseWebhookBody(rawBody: Uint8Array): WebhookBody | null {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(rawBody).toString('utf8'));
  } catch {
    return null;
  }
  const res = ZWebhookBody.safeParse(json);
  return res.success ? res.data : null;
}
