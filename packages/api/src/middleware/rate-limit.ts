/** Per-IP rate limits (rate-limiter-flexible over Redis); calls without an IP (jobs, tests) pass. */
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { Context } from '../context';
import type { Deps } from '../deps';
import { DomainError } from '../errors';

type Limiter = ReturnType<Deps['kv']['limiter']>;
const cache = new WeakMap<Deps['kv'], Map<string, Limiter>>();

export async function limitByIp(ctx: Context, name: string, points: number, durationSec: number): Promise<void> {
  const ip = ctx.meta.ip;
  if (!ip) return;
  const byName = cache.get(ctx.deps.kv) ?? new Map<string, Limiter>();
  cache.set(ctx.deps.kv, byName);
  const limiter = byName.get(name) ?? ctx.deps.kv.limiter({ keyPrefix: `ip:${name}`, points, durationSec });
  byName.set(name, limiter);
  try {
    await limiter.consume(ip);
  } catch (e) {
    if (e instanceof RateLimiterRes) throw new DomainError('rate_limited', { retryAfterMs: e.msBeforeNext });
    throw e;
  }
}
