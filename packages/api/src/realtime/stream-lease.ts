/**
 * Caps on open live streams (SSE subscriptions), counted across instances in Redis:
 * each open stream holds a lease in its session's set and its user's set; leases
 * are renewed while the stream is open and expire if an instance dies holding them.
 */
import { randomUUID } from 'node:crypto';
import type { Deps } from '../deps';
import { DomainError } from '../errors';

const LEASE_TTL_MS = 60_000;

/**
 * Taken before the stream starts (so a refusal is an ordinary typed error); the stream
 * calls keepAlive() when it starts and release() when it ends. A lease never started
 * expires on its own.
 */
export type StreamLease = { keepAlive(): void; release(): Promise<void> };

export async function acquireStreamLease(
  deps: Pick<Deps, 'kv' | 'config' | 'logger'>,
  user: { id: number; sessionId: string },
): Promise<StreamLease> {
  const { perSession, perUser } = deps.config.liveStreams;
  return lease(
    deps,
    [
      { key: `live:session:${user.sessionId}`, limit: perSession },
      { key: `live:user:${user.id}`, limit: perUser },
    ],
    { perSession, perUser },
  );
}

/** Open public streams (economy.metrics.onGlobal) per client IP; calls without an IP (jobs, tests) are not capped. */
export const PUBLIC_STREAMS_PER_IP = 20;

export async function acquireIpStreamLease(deps: Pick<Deps, 'kv' | 'config' | 'logger'>, ip: string | null): Promise<StreamLease> {
  if (!ip) return { keepAlive() {}, async release() {} };
  return lease(deps, [{ key: `live:ip:${ip}`, limit: PUBLIC_STREAMS_PER_IP }], { perIp: PUBLIC_STREAMS_PER_IP });
}

async function lease(
  deps: Pick<Deps, 'kv' | 'logger'>,
  sets: { key: string; limit: number }[],
  limits: Record<string, number>,
): Promise<StreamLease> {
  const member = randomUUID();
  let granted: boolean;
  try {
    granted = await deps.kv.acquireLease(sets, member, LEASE_TTL_MS);
  } catch {
    // Without Redis a stream could deliver nothing anyway.
    throw new DomainError('service_unavailable');
  }
  if (!granted) throw new DomainError('too_many_streams', limits);
  let timer: NodeJS.Timeout | undefined;
  return {
    keepAlive() {
      timer ??= setInterval(() => {
        deps.kv.acquireLease(sets, member, LEASE_TTL_MS).catch((err) => deps.logger.warn({ err }, 'live stream lease renewal failed'));
      }, LEASE_TTL_MS / 3);
      timer.unref();
    },
    async release() {
      clearInterval(timer);
      await deps.kv
        .releaseLease(
          sets.map((s) => s.key),
          member,
        )
        .catch(() => {});
    },
  };
}
