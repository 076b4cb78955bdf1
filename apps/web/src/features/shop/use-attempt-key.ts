/**
 * One idempotency key per purchase attempt (Stripe's rule: retry with the same key only
 * while the outcome is unknown). The key is made when the attempt starts and reused for the
 * same request — a double click, a retry after a dropped connection, or a retry while the
 * server says the first is still in progress — so it never buys twice. A definite answer
 * (success or a refusal) ends the attempt: the next Pay is a new purchase with a new key,
 * so a refusal stored under the old key (say, not enough gems) is not replayed after a
 * top-up. A changed request (quantity, promo, card) is a new attempt too.
 */
import { appErrorOf, errorCode, newIdempotencyKey } from '@casino/ui';
import { useCallback, useRef } from 'react';

type Attempt = { key: string; request: string; open: boolean };

/** Answers that say nothing about whether the purchase happened: the same key must be retried. */
const UNKNOWN_OUTCOME = new Set(['request_in_progress', 'service_unavailable', 'rate_limited']);

export function useAttemptKey() {
  const attempt = useRef<Attempt | null>(null);
  const keyFor = useCallback((request: unknown) => {
    const fp = JSON.stringify(request);
    const a = attempt.current;
    if (a?.open && a.request === fp) return a.key;
    attempt.current = { key: newIdempotencyKey(), request: fp, open: true };
    return attempt.current.key;
  }, []);
  /** Called with the outcome: success (no error) or the error the call ended with. */
  const settle = useCallback((error?: unknown) => {
    const reason = error === undefined ? null : (appErrorOf(error)?.reason ?? null);
    // No answer (network) or a server fault: unknown. A refusal or a rejected input: definite.
    const definite = error === undefined || (reason ? !UNKNOWN_OUTCOME.has(reason) : errorCode(error) === 'BAD_REQUEST');
    if (definite && attempt.current) attempt.current.open = false;
  }, []);
  /** Whether the next Pay repeats the unfinished attempt (same key). */
  const retrying = useCallback((request: unknown) => {
    const a = attempt.current;
    return Boolean(a?.open && a.request === JSON.stringify(request));
  }, []);
  const reset = useCallback(() => {
    attempt.current = null;
  }, []);
  return { keyFor, settle, retrying, reset };
}
