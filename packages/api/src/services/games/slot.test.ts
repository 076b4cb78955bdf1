/**
 * The slot streak (issue 6 #2, #14): carried in the rounds' outcomes under the seed row lock,
 * its bonus applies to at most the streak's smallest bet, and no Redis call is made while the
 * spin's transaction is open (a dead Redis does not stop or stall a spin's transaction).
 */
import { type Db, gameRounds, outboxEvents } from '@casino/db';
import { hmacStream, type TSlotConfig, ZLiveEvent } from '@casino/shared';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../deps';
import { manualClock } from '../../infra/clock';
import type { Kv } from '../../infra/kv';
import { createRedisKv } from '../../infra/kv-redis';
import { silentLogger } from '../../infra/logger';
import { EventBus } from '../../realtime/bus';
import type { StoredEvent } from '../../realtime/outbox';
import { callerFor, createTestEnv, editUser, newAdmin, newPlayer, type TestEnv } from '../../test/harness';
import { reasonOf } from '../../test/staff';
import { reconcile } from '../wallet/queries';
import { spin } from './slot';

const clock = manualClock('2026-06-01T08:00:00Z');
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ clock, maxConnections: 30 });
});
afterAll(() => env.close());

async function richPlayer() {
  const [p, admin] = await Promise.all([newPlayer(env.deps), newAdmin(env.deps)]);
  await admin.caller.admin.users.adjustBalance({ userId: p.user.id, currency: 'gold', delta: 5_000_000, reason: 'slot test budget' });
  return p;
}

type State = { streak: number; stake: number };
/** One spin by hand from the configuration: the shared fair stream, the paytable read here, the payout formula as stated. */
function expectedSpin(cfg: TSlotConfig, seeds: { serverSeed: string; clientSeed: string; nonce: number }, bet: number, s: State) {
  const rng = hmacStream(seeds.serverSeed, seeds.clientSeed, seeds.nonce);
  const [a, b, c] = [0, 1, 2].map((r) => cfg.symbols[rng.pickWeighted(cfg.symbols.map((x) => x.weights[r as 0] ?? 0))]?.id ?? '');
  const jitter = 950 + rng.nextInt(101);
  const pair = a === b || a === c ? a : b === c ? b : undefined;
  const m = a === b && b === c ? (cfg.paytable.triple[a ?? ''] ?? 0) : pair ? (cfg.paytable.pair[pair] ?? 0) : 0;
  if (m === 0) return { payout: 0, next: { streak: 0, stake: 0 } };
  const nominal = Math.min(Math.round(cfg.streakBonus.maxPercent * 100), Math.round(cfg.streakBonus.percentPerWin * 100) * s.streak);
  const bp = Math.floor((nominal * jitter) / 1000);
  const onStake = s.streak > 0 ? Math.min(bet, s.stake) : 0;
  const payout = Math.min(Math.floor((Math.round(m * 100) * (bet * 10_000 + onStake * bp)) / 1_000_000), cfg.maxWinMultiplier * bet);
  return { payout, next: { streak: s.streak + 1, stake: s.streak > 0 ? Math.min(s.stake, bet) : bet } };
}

/** Reveals the player's seed and re-derives every slot round in lock order, carrying the streak by hand. */
async function checkChain(p: Awaited<ReturnType<typeof newPlayer>>) {
  const { revealed } = await p.caller.games.fairness.rotate();
  const rounds = await env.deps.db.select().from(gameRounds).where(eq(gameRounds.userId, p.user.id)).orderBy(asc(gameRounds.nonce));
  let state: State = { streak: 0, stake: 0 };
  for (const r of rounds) {
    const o = r.outcome as { streakBefore: number; streakStakeBefore: number; streakAfter: number; streakStakeAfter: number };
    expect({ streak: o.streakBefore, stake: o.streakStakeBefore }).toEqual(state);
    const want = expectedSpin(env.deps.config.games.slot, { ...revealed, nonce: r.nonce }, r.bet, state);
    expect(r.payout).toBe(want.payout);
    expect({ streak: o.streakAfter, stake: o.streakStakeAfter }).toEqual(want.next);
    state = want.next;
  }
  return rounds;
}

describe('slot streak', () => {
  it('carries the streak and its smallest stake; building it at the minimum caps the bonus at the minimum', async () => {
    const p = await richPlayer();
    // The old attack: the minimum bet until a streak of 2, then the maximum.
    let streak = 0;
    let capped = 0;
    for (let i = 0; i < 2000 && capped < 3; i++) {
      const bet = streak >= 2 ? 10_000 : 10;
      const res = await p.caller.games.slot.spin({ bet });
      if (bet === 10_000 && res.bonusPercent > 0) {
        expect(res.bonusStake).toBe(10);
        capped += 1;
      }
      if (res.streak > 0) expect(res.streakStake).toBe(10);
      streak = res.streak;
    }
    expect(capped).toBe(3);
    await Promise.all(Array.from({ length: 12 }, (_, i) => p.caller.games.slot.spin({ bet: 100 + i })));
    await checkChain(p);
    expect((await reconcile(env.deps.db)).violations).toEqual([]);
  });

  it('a streak idle for a day starts over', async () => {
    const p = await richPlayer();
    let res = await p.caller.games.slot.spin({ bet: 50 });
    while (!res.win) res = await p.caller.games.slot.spin({ bet: 50 });
    clock.advance(86_400_001); // the player's access token has expired too: call the service
    const after = await spin(env.deps, p.user.id, 50);
    expect(after.bonusPercent).toBe(0);
    expect(after.streak).toBe(after.win ? 1 : 0);
  });
});

/** Counts the database transactions in flight on `db`. */
function watchTransactions(db: Db) {
  const state = { open: 0 };
  const watched = new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (prop !== 'transaction') return typeof value === 'function' ? value.bind(target) : value;
      return (fn: (tx: Db) => Promise<unknown>, config?: unknown) =>
        target.transaction(async (tx) => {
          state.open += 1;
          try {
            return await fn(tx as unknown as Db);
          } finally {
            state.open -= 1;
          }
        }, config as never);
    },
  });
  return { db: watched, state };
}

/** Records every Kv method called while a watched transaction is open. */
function recordingKv(kv: Kv, state: { open: number }) {
  const insideTransaction: string[] = [];
  const proxy = new Proxy(kv, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (state.open > 0) insideTransaction.push(String(prop));
        return value.apply(target, args);
      };
    },
  });
  return { kv: proxy, insideTransaction };
}

describe('slot and Redis', () => {
  it('makes no Redis call while its transaction is open', async () => {
    const p = await richPlayer();
    const watched = watchTransactions(env.deps.db);
    const rec = recordingKv(env.kv, watched.state);
    const deps: Deps = { ...env.deps, db: watched.db, kv: rec.kv, bus: new EventBus(watched.db, rec.kv, silentLogger) };
    for (let i = 0; i < 40; i++) await spin(deps, p.user.id, 10 + i);
    expect(rec.insideTransaction).toEqual([]);
    await checkChain(p);
  });

  it('spins, and keeps the streak, with Redis unreachable', async () => {
    const p = await richPlayer();
    const dead = createRedisKv('redis://127.0.0.1:1', 't:dead:');
    try {
      // Live events keep the working bus: they are published after commit, and move to an outbox.
      const deps: Deps = { ...env.deps, kv: dead };
      let longest = 0;
      for (let i = 0; i < 200 && longest < 2; i++) {
        const res = await spin(deps, p.user.id, 100);
        longest = Math.max(longest, res.streak);
        expect(res.balance).toBe((await p.caller.economy.wallet.balance()).gold);
      }
      expect(longest).toBe(2);
      await checkChain(p);
    } finally {
      await dead.close();
    }
  });
});

describe('slot round statement (cached state, one round trip)', () => {
  /** Another instance on the same database: its own cache of slot states (keyed by the handle). */
  const instance = (): Deps => ({ ...env.deps, db: new Proxy(env.deps.db, {}) });

  it('two instances spinning for one player, in turn and at once, never reuse a nonce or carry a stale streak', async () => {
    const p = await richPlayer();
    const [a, b] = [instance(), instance()];
    for (let i = 0; i < 30; i++) {
      const bet = 10 + (i % 7) * 10;
      if (i % 3 === 2) await Promise.all([spin(a, p.user.id, bet), spin(b, p.user.id, bet + 1)]);
      else await spin(i % 2 ? a : b, p.user.id, bet);
    }
    const rounds = await checkChain(p);
    expect(new Set(rounds.map((r) => r.nonce)).size).toBe(rounds.length);
    expect(rounds.map((r) => r.nonce)).toEqual(rounds.map((_, i) => i));
    expect((await reconcile(env.deps.db)).violations).toEqual([]);
  });

  it("a new player's first spins at once (no seed pair yet, the first creates it) all land, nonces 0…n-1", async () => {
    // The pair appears while the others wait: each must lock it before reading its nonce.
    const p = await richPlayer();
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => spin(instance(), p.user.id, 10 + i)));
    expect(results).toHaveLength(8);
    const rounds = await checkChain(p);
    expect(rounds.map((r) => r.nonce)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('after a seed rotation the next spin takes the new pair from nonce 0', async () => {
    const p = await richPlayer();
    const a = instance();
    await spin(a, p.user.id, 10);
    await spin(a, p.user.id, 10);
    await p.caller.games.fairness.rotate();
    const seed = await p.caller.games.fairness.current();
    const res = await spin(a, p.user.id, 10);
    expect(res.fairness).toEqual({ serverSeedHash: seed.serverSeedHash, clientSeed: seed.clientSeed, nonce: 0 });
  });

  it('refuses a stake the balance cannot pay with insufficient_funds and writes nothing, the nonce included', async () => {
    const p = await newPlayer(env.deps);
    const a = instance();
    const first = await spin(a, p.user.id, 10);
    const gold = (await p.caller.economy.wallet.balance()).gold;
    const err = await spin(a, p.user.id, gold + 1).catch((e: unknown) => e);
    expect(err).toMatchObject({ reason: 'insufficient_funds', details: { currency: 'gold', balance: gold, required: gold + 1 } });
    expect((await p.caller.economy.wallet.balance()).gold).toBe(gold);
    const next = await spin(a, p.user.id, 10);
    expect(next.fairness.nonce).toBe(first.fairness.nonce + 1);
    expect(await env.deps.db.$count(gameRounds, eq(gameRounds.userId, p.user.id))).toBe(2);
  });

  it('stores live events that match their schema, in ledger order, and delivers them', async () => {
    const p = await richPlayer();
    const stored: StoredEvent[] = [];
    const bus = Object.create(env.deps.bus) as EventBus;
    bus.afterCommit = async (events) => {
      stored.push(...events);
      await env.deps.bus.afterCommit(events);
    };
    const deps: Deps = { ...instance(), bus };
    for (let i = 0; i < 20; i++) await spin(deps, p.user.id, 10);
    expect(stored.length).toBeGreaterThanOrEqual(20);
    const parsed = stored.map((e) => ZLiveEvent.parse(JSON.parse(e.body)));
    const ledger = parsed.flatMap((e) => (e.type === 'token_update' ? [e.data.ledgerId] : []));
    expect(ledger).toEqual([...ledger].sort((x, y) => x - y));
    expect(stored.every((e) => e.userId === p.user.id)).toBe(true);
    // Delivered events' rows are deleted after their requests are answered.
    await env.deps.bus.idle();
    expect(await env.deps.db.$count(outboxEvents, eq(outboxEvents.userId, p.user.id))).toBe(0);
  });
});

describe('slot spin authentication (checked by the round statement)', () => {
  const refusedWith = async (p: Awaited<ReturnType<typeof newPlayer>>, reason: string) => {
    const before = await env.deps.db.$count(gameRounds, eq(gameRounds.userId, p.user.id));
    expect(await reasonOf(p.caller.games.slot.spin({ bet: 10 }))).toMatch(new RegExp(`:${reason}$`));
    expect(await env.deps.db.$count(gameRounds, eq(gameRounds.userId, p.user.id))).toBe(before);
  };

  it('refuses a logged-out session, a banned or deleted account and a forced password change, cached or not, writing nothing', async () => {
    const out = await newPlayer(env.deps);
    await out.caller.games.slot.spin({ bet: 10 }); // cached from here on
    await out.caller.auth.logout();
    await refusedWith(out, 'session_revoked');

    const banned = await newPlayer(env.deps);
    await banned.caller.games.slot.spin({ bet: 10 });
    await editUser(env.deps, banned.user.id, { status: 'banned' });
    await refusedWith(banned, 'account_banned');

    const deleted = await newPlayer(env.deps);
    await editUser(env.deps, deleted.user.id, { status: 'deleted' });
    await refusedWith(deleted, 'token_invalid');

    const forced = await newPlayer(env.deps);
    await forced.caller.games.slot.spin({ bet: 10 });
    await editUser(env.deps, forced.user.id, { mustChangePassword: true });
    await refusedWith(forced, 'password_change_required');

    expect(await reasonOf(callerFor(env.deps, 'not-a-token').games.slot.spin({ bet: 10 }))).toMatch(/token_invalid$/);
    expect(await reasonOf(callerFor(env.deps).games.slot.spin({ bet: 10 }))).toMatch(/token_missing$/);
  });
});
