import { crashBets, gameRounds, walletLedger } from '@casino/db';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../infra/clock';
import { createTestEnv, newPlayer, type TestEnv } from '../../../test/harness';
import { expectCrashRoundsConsistent, expectRefused, referencePayout } from '../../../test/reference';
import { reconcile } from '../../wallet/queries';
import { placeBet } from './bet';
import { cashout } from './cashout';
import { nextCrashPoint } from './test-seeds';
import { crashSettler } from './worker';

const clock = manualClock('2026-04-01T00:00:00Z');
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ clock, maxConnections: 40 });
});
afterAll(() => env.close());

describe('crash money paths under concurrency', () => {
  it.each([
    ['flies', (point: number) => point > 1.5],
    ['crashes at 1.00', (point: number) => point === 1],
  ])(
    '50 concurrent bets of one player whose first round %s: one round in play at a time, one debit per round, the rest CONFLICT crash_active',
    async (_, wanted) => {
      const p = await newPlayer(env.deps);
      const first = await nextCrashPoint(env.deps, p.user.id, wanted);
      const results = await Promise.allSettled(Array.from({ length: 50 }, () => p.caller.games.crash.bet({ bet: 25 })));
      for (const r of results)
        if (r.status === 'rejected') {
          expect(r.reason.code).toBe('CONFLICT');
          expectRefused(r.reason, 'crash_active');
        }
      // A round that crashes at 1.00 is over the moment it starts (the clock is stopped here), so a
      // later bet may rightly settle it and open the next; every other round blocks the rest.
      const rounds = await env.deps.db
        .select()
        .from(crashBets)
        .where(eq(crashBets.userId, p.user.id))
        .orderBy(crashBets.startedAt, crashBets.nonce);
      const accepted = results.filter((r) => r.status === 'fulfilled').length;
      if (first > 1) expect(accepted).toBe(1);
      expect(accepted).toBeGreaterThanOrEqual(1);
      expect(rounds[0]?.crashPoint).toBe(first);
      expect(rounds).toHaveLength(accepted);
      for (const r of rounds.slice(0, -1)) {
        expect(r.crashPoint).toBe(1);
        expect(r.status).toBe('busted');
      }
      const last = rounds.at(-1);
      if (last && last.crashPoint !== 1) expect(last.status).toBe('active');
      const debits = await env.deps.db
        .select()
        .from(walletLedger)
        .where(and(eq(walletLedger.userId, p.user.id), eq(walletLedger.reason, 'crash_bet')));
      expect(debits.map((d) => d.delta)).toEqual(rounds.map(() => -25));
      expect((await p.caller.economy.wallet.balance()).gold).toBe(1000 - 25 * accepted);
      expect((await reconcile(env.deps.db)).violations).toEqual([]);
    },
  );

  it('players short of their stake, betting concurrently: each is BAD_REQUEST insufficient_funds, never a 5xx, and nothing moves', async () => {
    const players = await Promise.all(Array.from({ length: 12 }, () => newPlayer(env.deps)));
    const results = await Promise.allSettled(
      players.flatMap((p) => [p.caller.games.crash.bet({ bet: 1001 }), p.caller.games.crash.bet({ bet: 1001 })]),
    );
    for (const r of results) {
      expect(r.status).toBe('rejected');
      if (r.status === 'rejected') expectRefused(r.reason, 'insufficient_funds');
    }
    const rows = await env.deps.db
      .select()
      .from(crashBets)
      .where(
        inArray(
          crashBets.userId,
          players.map((p) => p.user.id),
        ),
      );
    expect(rows).toEqual([]);
    expect((await reconcile(env.deps.db)).violations).toEqual([]);
  });

  it('1,000 cashouts racing the bust and two settler instances: each round settled and paid at most once', async () => {
    const players = await Promise.all(Array.from({ length: 20 }, () => newPlayer(env.deps)));
    const settlers = [crashSettler(env.deps), crashSettler(env.deps)]; // two server instances
    const deltas = [-3, -2, -1, 0, 1, 2];
    const seen = { cashoutWon: 0, settlerWon: 0, lost: 0 };
    const ids: string[] = [];
    let t = clock.now().getTime();
    for (let wave = 0; wave < 50; wave++) {
      t += 200_000;
      clock.set(new Date(t));
      const bets = await Promise.all(
        players.map((p, i) => placeBet(env.deps, p.user.id, { bet: 10, autoCashout: (wave + i) % 4 === 0 ? 1.5 : null })),
      );
      const rows = await env.deps.db
        .select()
        .from(crashBets)
        .where(
          inArray(
            crashBets.id,
            bets.map((b) => b.gameId),
          ),
        );
      const byId = new Map(rows.map((r) => [r.id, r]));
      // Each cashout reads the server clock synchronously on entry: place it a few ms around its round's fate…
      const races = players.map((p, i) => {
        const row = byId.get(bets[i]?.gameId ?? '');
        if (!row) throw new Error('round not stored');
        const at = row.dueAt.getTime() + (deltas[(wave * 7 + i) % deltas.length] ?? 0);
        clock.set(new Date(at));
        return cashout(env.deps, p.user.id, row.id).then(
          (ok) => ({ row, at, ok, reason: null as string | null }),
          (e) => ({ row, at, ok: null, reason: e.reason as string }),
        );
      });
      // …while both settlers, already past every round's due time, settle the same rounds.
      clock.set(new Date(Math.max(...rows.map((r) => r.dueAt.getTime())) + 1));
      const [answers] = await Promise.all([Promise.all(races), Promise.all(settlers.flatMap((s) => [s.tick(), s.sweep()]))]);

      const settled = new Map(
        (
          await env.deps.db
            .select()
            .from(crashBets)
            .where(
              inArray(
                crashBets.id,
                rows.map((r) => r.id),
              ),
            )
        ).map((r) => [r.id, r]),
      );
      for (const a of answers) {
        const final = settled.get(a.row.id);
        ids.push(a.row.id);
        expect(final?.status).not.toBe('active');
        if (a.ok) {
          expect(final).toMatchObject({ status: 'cashed', payout: a.ok.payout, cashoutMultiplier: a.ok.multiplier });
          expect(a.ok.multiplier).toBeLessThan(a.row.crashPoint);
          expect(a.ok.payout).toBe(referencePayout(10, a.ok.multiplier, env.deps.config.games.crash.maxWinMultiplier));
          if (a.at < a.row.dueAt.getTime()) seen.cashoutWon++;
        } else if (a.reason === 'crash_not_found') {
          // A settler cashed out the auto-cashout first, at its target; this call computed a lower manual multiplier.
          expect(final).toMatchObject({ status: 'cashed', cashoutMultiplier: a.row.autoCashout });
          seen.settlerWon++;
        } else {
          expect(a.reason).toBe(final?.status === 'expired' ? 'crash_expired' : 'crash_busted');
          expect(final?.payout).toBe(0);
          if (a.at < a.row.dueAt.getTime()) seen.settlerWon++;
          else seen.lost++;
        }
      }
    }
    expect(new Set(ids).size).toBe(1000);
    // Exactly one stake and at most one payout per round, equal to what the round records.
    const ledger = await env.deps.db
      .select()
      .from(walletLedger)
      .where(
        inArray(
          walletLedger.userId,
          players.map((p) => p.user.id),
        ),
      );
    const byKey = new Map<string, number[]>();
    for (const e of ledger) if (e.idempotencyKey) byKey.set(e.idempotencyKey, [...(byKey.get(e.idempotencyKey) ?? []), e.delta]);
    const rounds = await env.deps.db.select().from(crashBets).where(inArray(crashBets.id, ids));
    for (const r of rounds) {
      expect(byKey.get(`crash:${r.id}:bet`)).toEqual([-10]);
      expect(byKey.get(`crash:${r.id}:win`)).toEqual(r.payout > 0 ? [r.payout] : undefined);
    }
    const recorded = await env.deps.db.select().from(gameRounds).where(inArray(gameRounds.id, ids));
    expect(recorded).toHaveLength(1000);
    await expectCrashRoundsConsistent(env.deps, rounds);
    expect((await reconcile(env.deps.db)).violations).toEqual([]);
    // Both sides of the race were exercised.
    expect(seen.cashoutWon).toBeGreaterThan(0);
    expect(seen.settlerWon + seen.lost).toBeGreaterThan(0);
  });
});
