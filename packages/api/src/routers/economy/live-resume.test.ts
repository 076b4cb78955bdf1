/**
 * economy.live as issue 10 asks: filtered by topic, and resumed from the last event id on
 * another instance with no event lost and none doubled — including events whose writer could
 * not deliver them (Redis down, process gone) and that the outbox relay of another instance
 * delivered while the player was away.
 */
import { walletLedger } from '@casino/db';
import { and, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '../../context';
import { type Deps, inTransaction } from '../../deps';
import { createRedisKv } from '../../infra/kv-redis';
import { silentLogger } from '../../infra/logger';
import { EventBus } from '../../realtime/bus';
import { relayOnce } from '../../realtime/outbox';
import { createCaller } from '../../root';
import { applyChange } from '../../services/wallet/wallet';
import { createTestEnv, newAdmin, newPlayer, type TestEnv } from '../../test/harness';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

type Got = { id: string; type: string; data: Record<string, unknown> };

/** Opens economy.live for `token` on `deps` and collects tracked events until `stop` says so. */
async function open(deps: Deps, userId: number, token: string, input: Record<string, unknown>, stop: (got: Got[]) => boolean) {
  const ac = new AbortController();
  const sub = await createCaller(createInnerContext({ deps, accessToken: token }), { signal: ac.signal }).economy.live(input as never);
  const got: Got[] = [];
  const done = (async () => {
    for await (const item of sub as AsyncIterable<[string, { type: string; data: Record<string, unknown> }]>) {
      got.push({ id: item[0], type: item[1].type, data: item[1].data });
      if (stop(got)) ac.abort();
    }
  })();
  await deps.bus.whenStreams(userId, 1);
  return { got, done, close: () => ac.abort() };
}

function otherInstance(): { deps: Deps; close(): Promise<void> } {
  const kv = process.env.REDIS_URL ? createRedisKv(process.env.REDIS_URL, env.kv.prefix) : env.kv;
  return {
    deps: { ...env.deps, kv, bus: new EventBus(env.deps.db, kv, silentLogger) },
    close: async () => {
      if (kv !== env.kv) await kv.close();
    },
  };
}

describe('economy.live topics', () => {
  it('delivers only the requested event types', async () => {
    const admin = await newAdmin(env.deps);
    const p = await newPlayer(env.deps);
    const s = await open(env.deps, p.user.id, p.accessToken, { topics: ['ADMIN_NOTIFICATION'] }, (g) => g.length >= 1);
    await p.caller.games.slot.spin({ bet: 10 }); // token_update events: filtered out
    await admin.caller.admin.notifications.send({ userId: p.user.id, title: 'Only this', body: 'b' });
    await s.done;
    expect(s.got.map((e) => [e.type, e.data.title])).toEqual([['ADMIN_NOTIFICATION', 'Only this']]);
    for (const topics of [['no_such_event'], [], ['x'.repeat(41)]])
      await expect(p.caller.economy.live({ topics } as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('economy.live resume', () => {
  it('resumes on another instance after the last event id: nothing lost, nothing doubled, relayed events included', async () => {
    const p = await newPlayer(env.deps);
    const [start] = await env.deps.db
      .select({ id: walletLedger.id })
      .from(walletLedger)
      .where(eq(walletLedger.userId, p.user.id))
      .orderBy(walletLedger.id);
    const firstSpins = 3;
    const a = await open(env.deps, p.user.id, p.accessToken, {}, () => false);
    for (let i = 0; i < firstSpins; i++) await p.caller.games.slot.spin({ bet: 10 });
    // Each spin's bet (and win, if any) entry arrives; then the player drops off.
    const ledgerSoFar = async () =>
      (
        await env.deps.db
          .select()
          .from(walletLedger)
          .where(and(eq(walletLedger.userId, p.user.id), gt(walletLedger.id, start?.id ?? 0)))
      ).length;
    const expectedFirst = await ledgerSoFar();
    await expect.poll(() => a.got.filter((e) => e.type === 'token_update').length).toBe(expectedFirst);
    a.close();
    await a.done;
    const lastEventId = a.got.at(-1)?.id;

    // While away: more spins, and a credit whose writer could not reach Redis (its events wait in the outbox).
    for (let i = 0; i < 2; i++) await p.caller.games.slot.spin({ bet: 10 });
    const dead = createRedisKv('redis://127.0.0.1:1', env.kv.prefix);
    await inTransaction({ db: env.deps.db, bus: new EventBus(env.deps.db, dead, silentLogger) }, (tx, outbox) =>
      applyChange(tx, outbox, { userId: p.user.id, currency: 'gold', delta: 77, reason: 'resume_test' }),
    );
    await dead.close();

    const b = otherInstance();
    try {
      // Another instance's relay delivers the stranded event; two relays at once deliver it once.
      await Promise.all([relayOnce(b.deps, { graceMs: 0 }), relayOnce(env.deps, { graceMs: 0 })]);
      const total = await ledgerSoFar();
      const resumed = await open(
        b.deps,
        p.user.id,
        p.accessToken,
        { lastEventId },
        (g) => g.filter((e) => e.type === 'token_update').length >= total - expectedFirst + 1,
      );
      // …then it goes live: one more spin arrives exactly once.
      await expect.poll(() => resumed.got.filter((e) => e.type === 'token_update').length).toBe(total - expectedFirst);
      const spin = await p.caller.games.slot.spin({ bet: 10 });
      await resumed.done;

      const ids = [...a.got, ...resumed.got].filter((e) => e.type === 'token_update').map((e) => e.data.ledgerId as number);
      const ledger = (
        await env.deps.db
          .select({ id: walletLedger.id })
          .from(walletLedger)
          .where(and(eq(walletLedger.userId, p.user.id), gt(walletLedger.id, start?.id ?? 0)))
          .orderBy(walletLedger.id)
      ).map((r) => r.id);
      // Every entry up to the last spin's bet arrived, in order; what follows it (its win, an
      // achievement or level reward it earned) may arrive after the stop.
      expect(ids).toEqual(ledger.slice(0, ids.length));
      const [lastBet] = await env.deps.db
        .select({ id: walletLedger.id })
        .from(walletLedger)
        .where(and(eq(walletLedger.refId, spin.roundId), eq(walletLedger.reason, 'slot_bet')));
      expect(ids).toContain(lastBet?.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(resumed.got.some((e) => e.data.delta === 77)).toBe(true);
      // Stream ids only ever increase across the two connections.
      const streamIds = [...a.got, ...resumed.got].map((e) => e.id.split('-').map(Number) as [number, number]);
      for (let i = 1; i < streamIds.length; i++) {
        const [pm, ps] = streamIds[i - 1] as [number, number];
        const [cm, cs] = streamIds[i] as [number, number];
        expect(cm > pm || (cm === pm && cs > ps)).toBe(true);
      }
    } finally {
      await b.close();
    }
  });
});
