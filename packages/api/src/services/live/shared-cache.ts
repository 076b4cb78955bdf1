/**
 * A value computed at most once per period across every instance (global metrics, admin stats).
 * The period's computation slot is a Redis key taken with SET NX PX period: whoever takes it
 * computes and stores the value; everyone else reads the stored one (the previous value while
 * the next is being computed). Within an instance, concurrent callers share one Redis round
 * trip, and a value read in the last second is reused. If Redis is down, each instance
 * computes at most once per period on its own.
 */
import { setTimeout as delay } from 'node:timers/promises';
import superjson from 'superjson';
import type { Deps } from '../../deps';
import { isDomainError } from '../../errors';
import type { Kv } from '../../infra/kv';

export type SharedSpec<T> = {
  key: string;
  periodMs: number;
  compute(): Promise<T>;
  /** How long this instance reuses a value it just read without asking Redis (default: a second, at most the period). */
  localMs?: number;
};

type Stored<T> = { value: T; computedAt: number };
type Local = { inflight: Promise<unknown> | null; memo: { value: unknown; at: number } | null };

const locals = new WeakMap<Kv, Map<string, Local>>();
const counts = new WeakMap<Kv, Map<string, number>>();

/** How long an instance reuses a value it just read without asking Redis again. */
const LOCAL_MS = 1000;
/** How long a caller waits for the very first value while another instance computes it. */
const FIRST_VALUE_WAIT_MS = 3000;

function localOf(kv: Kv, key: string): Local {
  let byKey = locals.get(kv);
  if (!byKey) {
    byKey = new Map();
    locals.set(kv, byKey);
  }
  let l = byKey.get(key);
  if (!l) {
    l = { inflight: null, memo: null };
    byKey.set(key, l);
  }
  return l;
}

/** Computations this instance ran, by key (for /metrics and the tests that count them). */
export function sharedComputations(kv: Kv): Record<string, number> {
  return Object.fromEntries(counts.get(kv) ?? []);
}

const redisDown = (err: unknown) => isDomainError(err) && err.reason === 'service_unavailable';

export function sharedValue<T>(deps: Pick<Deps, 'kv' | 'logger'>, spec: SharedSpec<T>): Promise<T> {
  const { kv } = deps;
  const local = localOf(kv, spec.key);
  const fresh = Math.min(spec.localMs ?? LOCAL_MS, spec.periodMs);
  if (local.memo && Date.now() - local.memo.at < fresh) return Promise.resolve(local.memo.value as T);
  if (local.inflight) return local.inflight as Promise<T>;

  const valueKey = `cache:${spec.key}`;
  const slotKey = `cache:${spec.key}:slot`;
  const remember = (value: T, at = Date.now()) => {
    local.memo = { value, at };
    return value;
  };
  const compute = async () => {
    const byKey = counts.get(kv) ?? new Map<string, number>();
    counts.set(kv, byKey);
    byKey.set(spec.key, (byKey.get(spec.key) ?? 0) + 1);
    return spec.compute();
  };
  const read = async (): Promise<Stored<T> | null> => {
    const raw = await kv.get(valueKey);
    return raw ? superjson.parse<Stored<T>>(raw) : null;
  };

  const run = async (): Promise<T> => {
    try {
      const cached = await read();
      if (cached && Date.now() - cached.computedAt < spec.periodMs) return remember(cached.value);
      if (await kv.set(slotKey, '1', { nx: true, ttlMs: spec.periodMs })) {
        const computedAt = Date.now();
        const value = await compute();
        // Kept well past its period: it is what others answer while the next one is computed.
        await kv
          .set(valueKey, superjson.stringify({ value, computedAt } satisfies Stored<T>), { ttlMs: spec.periodMs * 12 })
          .catch((err) => deps.logger.warn({ err, key: spec.key }, 'shared value: could not store it; others compute theirs'));
        return remember(value, computedAt);
      }
      if (cached) return remember(cached.value);
      // No value yet and another instance holds the slot: its value is on the way.
      for (const deadline = Date.now() + FIRST_VALUE_WAIT_MS; Date.now() < deadline; ) {
        await delay(25);
        const c = await read();
        if (c) return remember(c.value);
      }
      deps.logger.warn({ key: spec.key }, 'shared value: the instance holding the slot stored nothing; computing here');
      return remember(await compute());
    } catch (err) {
      if (!redisDown(err)) throw err;
      // Without Redis: once per period per instance.
      if (local.memo && Date.now() - local.memo.at < spec.periodMs) return local.memo.value as T;
      return remember(await compute());
    }
  };
  const p = run().finally(() => {
    local.inflight = null;
  });
  local.inflight = p;
  return p;
}

/**
 * True for exactly one caller per period across every instance (SET NX PX): for periodic
 * side effects such as the admin feed scan. False when Redis cannot say (nobody runs it then,
 * except in-process roles, which always answer).
 */
export async function takeSlot(kv: Kv, key: string, periodMs: number): Promise<boolean> {
  return kv.set(`slot:${key}`, '1', { nx: true, ttlMs: periodMs }).catch(() => false);
}
