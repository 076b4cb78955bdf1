/**
 * economy.live and games.crash.onRound end with the session they belong to, on every
 * instance, and open streams are capped per session and per user.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '../../context';
import { createRedisKv } from '../../infra/kv-redis';
import { silentLogger } from '../../infra/logger';
import { EventBus } from '../../realtime/bus';
import { createCaller } from '../../root';
import { callerFor, createTestEnv, newPlayer, type TestEnv } from '../../test/harness';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ config: { liveStreams: { perSession: 2, perUser: 3 } } });
});
afterAll(() => env.close());

type Envelope = [string, { type: string }];

/** Reads a subscription until it ends; resolves with the event types it carried. */
function drain(stream: AsyncIterable<unknown>): Promise<string[]> {
  return (async () => {
    const seen: string[] = [];
    for await (const ev of stream as AsyncIterable<Envelope | object>) seen.push(Array.isArray(ev) ? ev[1].type : 'tick');
    return seen;
  })();
}

async function secondSession(p: Awaited<ReturnType<typeof newPlayer>>) {
  const login = await callerFor(env.deps).auth.login({ siteId: p.siteId, password: p.password });
  const caller = callerFor(env.deps, login.accessToken);
  const sessionId = (await caller.auth.sessions()).find((s) => s.current)?.id ?? '';
  return { caller, sessionId, token: login.accessToken };
}

describe('live streams end with their session', () => {
  it('logout ends that session’s streams, not those of the user’s other sessions', async () => {
    const p = await newPlayer(env.deps);
    const other = await secondSession(p);
    const mine = drain(await p.caller.economy.live());
    const crash = drain(await p.caller.games.crash.onRound());
    const theirs = drain(await other.caller.economy.live());
    await env.deps.bus.whenStreams(p.user.id, 3);

    await p.caller.auth.logout();
    // The session's own stream is told why it ends (the SPA shows it), then ends.
    expect(await mine).toEqual(['session_revoked']);
    await crash;
    // The other session's stream is still open: it ends only with its own session.
    await env.deps.bus.whenStreams(p.user.id, 1);
    await other.caller.auth.revokeSession({ sessionId: other.sessionId });
    expect(await theirs).toEqual(['session_revoked']);
  });

  it('revokeSession from another device ends the revoked session’s stream on another instance', async () => {
    const p = await newPlayer(env.deps);
    const phone = await secondSession(p);
    // A second instance serves the phone's stream: its own Redis connections and bus.
    const otherKv = process.env.REDIS_URL ? createRedisKv(process.env.REDIS_URL, env.kv.prefix) : env.kv;
    const otherDeps = { ...env.deps, kv: otherKv, bus: new EventBus(env.deps.db, otherKv, silentLogger) };
    try {
      const phoneLogin = await callerFor(env.deps).auth.login({ siteId: p.siteId, password: p.password });
      const phoneOnOther = callerFor(otherDeps, phoneLogin.accessToken);
      const phoneSession = (await phoneOnOther.auth.sessions()).find((s) => s.current)?.id ?? '';
      const stream = drain(await phoneOnOther.economy.live());
      await otherDeps.bus.whenStreams(p.user.id, 1);
      await p.caller.auth.revokeSession({ sessionId: phoneSession });
      expect(await stream).toEqual(['session_revoked']);
      expect(phone.sessionId).not.toBe(phoneSession);
    } finally {
      if (otherKv !== env.kv) await otherKv.close();
    }
  });

  it('logoutAll ends every stream of the user', async () => {
    const p = await newPlayer(env.deps);
    const other = await secondSession(p);
    const a = drain(await p.caller.economy.live());
    const b = drain(await other.caller.economy.live());
    await env.deps.bus.whenStreams(p.user.id, 2);
    await p.caller.auth.logoutAll();
    expect(await a).toEqual(['session_revoked']);
    expect(await b).toEqual(['session_revoked']);
  });
});

describe('live stream caps', () => {
  it('refuses a stream beyond the per-session and per-user limits and frees a slot when one closes', async () => {
    const p = await newPlayer(env.deps);
    const other = await secondSession(p);
    let open = 0;
    /** Opens a stream; resolves with null once it is live, or with the reason it was refused. */
    const openStream = async (token: string) => {
      // The stream's own signal, as the HTTP adapter gives one per request: aborting it closes the stream.
      const ac = new AbortController();
      const caller = createCaller(createInnerContext({ deps: env.deps, accessToken: token }), { signal: ac.signal });
      // A refusal is a typed error of the call itself, before any streaming.
      const stream = await caller.economy
        .live()
        .catch((e: { code?: string; cause?: { reason?: string } }) => `${e.code}:${e.cause?.reason}`);
      if (typeof stream === 'string') return { outcome: stream, close: async () => {} };
      const reading = drain(stream);
      await env.deps.bus.whenStreams(p.user.id, ++open);
      return {
        outcome: null,
        close: async () => {
          ac.abort();
          await reading;
        },
      };
    };
    const s1 = await openStream(p.accessToken);
    const s2 = await openStream(p.accessToken);
    const s3 = await openStream(p.accessToken);
    expect([s1.outcome, s2.outcome, s3.outcome]).toEqual([null, null, 'TOO_MANY_REQUESTS:too_many_streams']);
    // Another session of the same user may open one more (user limit 3), then no more.
    const s4 = await openStream(other.token);
    const s5 = await openStream(other.token);
    expect([s4.outcome, s5.outcome]).toEqual([null, 'TOO_MANY_REQUESTS:too_many_streams']);
    await s1.close();
    open--;
    const s6 = await openStream(p.accessToken);
    expect(s6.outcome).toBe(null);
    for (const s of [s2, s4, s6]) await s.close();
  });
});
