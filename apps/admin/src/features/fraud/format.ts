import type { TFraudAction, TFraudCondition, TFraudOp } from '@casino/shared';

const SYMBOL: Record<TFraudOp, string> = { gt: '>', gte: '≥', lt: '<', lte: '≤', eq: '=', neq: '≠' };

/** One line a person can read: `ipAttempts10m > 10 and (isCash = true or amount ≥ 5000)`. */
export function describeCondition(c: TFraudCondition, nested = false): string {
  if ('all' in c || 'any' in c) {
    const parts = 'all' in c ? c.all : c.any;
    const text = parts.map((p) => describeCondition(p, true)).join('all' in c ? ' and ' : ' or ');
    return nested && parts.length > 1 ? `(${text})` : text;
  }
  return `${c.feature} ${SYMBOL[c.op]} ${String(c.value)}`;
}

export const ACTION_LABELS: Record<TFraudAction, string> = {
  allow: 'Allow',
  review: 'Review',
  soft_block: 'Soft block',
  hard_block: 'Hard block',
};

export const pretty = (v: unknown) => JSON.stringify(v, null, 2);

/** JSON text → value, or the parser's complaint. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: `Not valid JSON: ${(e as Error).message}` };
  }
}
