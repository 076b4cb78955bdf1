/**
 * The crash players of `pnpm bench games`, in processes of their own (forked by games.ts,
 * talking over IPC; `--load-processes`, each with its share of the players and of the bets in
 * flight), so the server's event loop, CPU and RSS stay its own, and a tick's lag (measured
 * here) is not mostly one busy client's event loop.
 *
 *   1. Every player opens `games.crash.onRound` over SSE (a bare reader, lib/sse.ts: the
 *      wire and token of the typed client's subscription link at a fraction of its CPU)
 *      → `subscribed`. Bets are bare tRPC POSTs (lib/trpc-post.ts: the typed client's wire
 *      and token, without fetch and the link chain).
 *   2. On `go` (the parent has seen every player's Redis channel subscribed on the
 *      server), every player places one bet with its auto-cash-out target, at most
 *      `betConcurrency` bets in flight, longest targets first (so rounds overlap most).
 *   3. It then only listens: the server settles every round by itself. Once each bet's
 *      settlement event has arrived (or the timeout passed) it waits a little longer for
 *      duplicates, closes every subscription and reports.
 *
 * Lag = receive time (Date.now() here) − a server time carried by the event: a tick's
 * `serverNow`, a start's `startedAt`, and for settlement events (which carry no server time)
 * the Redis stream id's milliseconds, i.e. when the event was published. games.ts adds the
 * lag against each round's due time (crash_bets.due_at).
 */
import { performance } from 'node:perf_hooks';
import { describeError } from './lib/closed-loop';
import { type LatencySummary, summarize } from './lib/latency';
import type { BenchPlayer } from './lib/players';
import { type LoopDelay, loopDelayWindow } from './lib/resources';
import { openSse } from './lib/sse';
import { mutate } from './lib/trpc-post';

export type CrashPlayer = BenchPlayer & { target: number };

export type CrashLoadParams = {
  baseUrl: string;
  players: CrashPlayer[];
  bet: number;
  betConcurrency: number;
  /** How long to wait for settlement events after the last bet was answered. */
  settleTimeoutMs: number;
};

export type Settlement = { gameId: string; userId: number; kind: string; payout: number; receivedMs: number; publishedMs: number };

export type CrashLoadResult = {
  subscriptions: number;
  bets: { placed: number; failed: number; spanMs: number; latency: LatencySummary; games: { gameId: string; userId: number }[] };
  settlements: Settlement[];
  duplicates: number;
  unsettled: number;
  events: Record<string, number>;
  /** tickAfterBets: ticks received once every bet was answered (no bet burst in the way). */
  lag: { tick: LatencySummary; tickAfterBets: LatencySummary; start: LatencySummary; settlePublished: LatencySummary };
  streamErrors: number;
  errorSamples: string[];
  /** The worst of the load processes. */
  loop: LoopDelay;
  /** CPU of the load processes from `go` to the report (1 = one core). */
  cpu: number;
};

/** What one load process reports: raw samples, merged by mergeCrashLoads. */
export type CrashLoadPart = Omit<CrashLoadResult, 'bets' | 'lag'> & {
  bets: { placed: number; failed: number; spanMs: number; latency: number[]; games: { gameId: string; userId: number }[] };
  lag: { tick: number[]; tickAfterBets: number[]; start: number[]; settlePublished: number[] };
};

export function mergeCrashLoads(parts: CrashLoadPart[]): CrashLoadResult {
  const all = <T>(f: (p: CrashLoadPart) => T[]) => parts.flatMap(f);
  const sum = (f: (p: CrashLoadPart) => number) => parts.reduce((a, p) => a + f(p), 0);
  const worst = (f: (l: LoopDelay) => number) => Math.max(...parts.map((p) => f(p.loop)));
  const events: Record<string, number> = {};
  for (const p of parts) for (const [k, v] of Object.entries(p.events)) events[k] = (events[k] ?? 0) + v;
  return {
    subscriptions: sum((p) => p.subscriptions),
    bets: {
      placed: sum((p) => p.bets.placed),
      failed: sum((p) => p.bets.failed),
      spanMs: Math.max(...parts.map((p) => p.bets.spanMs)),
      latency: summarize(all((p) => p.bets.latency)),
      games: all((p) => p.bets.games),
    },
    settlements: all((p) => p.settlements),
    duplicates: sum((p) => p.duplicates),
    unsettled: sum((p) => p.unsettled),
    events,
    lag: {
      tick: summarize(all((p) => p.lag.tick)),
      tickAfterBets: summarize(all((p) => p.lag.tickAfterBets)),
      start: summarize(all((p) => p.lag.start)),
      settlePublished: summarize(all((p) => p.lag.settlePublished)),
    },
    streamErrors: sum((p) => p.streamErrors),
    errorSamples: all((p) => p.errorSamples).slice(0, 5),
    loop: { p50: worst((l) => l.p50), p99: worst((l) => l.p99), max: worst((l) => l.max) },
    cpu: sum((p) => p.cpu),
  };
}

export type CrashParentMessage = { type: 'init'; params: CrashLoadParams } | { type: 'go' };
export type CrashChildMessage =
  | { type: 'subscribed'; ms: number }
  | { type: 'bets-placed'; placed: number; failed: number; spanMs: number; atMs: number }
  | { type: 'result'; result: CrashLoadPart }
  | { type: 'fatal'; error: string };

type LiveData = { kind: string; gameId: string; serverNow?: string; startedAt?: string; payout?: number };

const send = (msg: CrashChildMessage) =>
  new Promise<void>((resolve) => {
    if (!process.send) throw new Error('games-crash-load.ts must be forked by games.ts (no IPC channel)');
    process.send(msg, () => resolve());
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let goSignal: (() => void) | null = null;
const go = new Promise<void>((resolve) => {
  goSignal = resolve;
});

async function main(p: CrashLoadParams): Promise<CrashLoadPart> {
  const tickLag: number[] = [];
  const tickLagAfterBets: number[] = [];
  let betsDoneAt = Number.POSITIVE_INFINITY;
  const startLag: number[] = [];
  const publishLag: number[] = [];
  const events: Record<string, number> = {};
  const settlements = new Map<string, Settlement>();
  const errorSamples: string[] = [];
  let duplicates = 0;
  let streamErrors = 0;
  const note = (err: unknown) => {
    if (errorSamples.length < 5) errorSamples.push(describeError(err));
  };

  let expected = new Set<string>();
  let betsDone = false;
  let allSettled: (() => void) | null = null;
  const settledAll = new Promise<void>((resolve) => {
    allSettled = resolve;
  });
  const checkDone = () => {
    if (betsDone && [...expected].every((id) => settlements.has(id))) allSettled?.();
  };

  // --- 1. subscriptions
  const t0 = performance.now();
  let started = 0;
  let onAllStarted: (() => void) | null = null;
  const allStarted = new Promise<void>((resolve) => {
    onAllStarted = resolve;
  });
  const clients = p.players.map((player) => {
    let opened = false;
    const sub = openSse(p.baseUrl, '/trpc/games.crash.onRound', player.accessToken, {
      onOpen: () => {
        if (opened) return;
        opened = true;
        if (++started === p.players.length) onAllStarted?.();
      },
      onError: (err) => {
        streamErrors++;
        note(err);
      },
      onData: (value, id) => {
        const now = Date.now();
        const d = value as LiveData;
        events[d.kind] = (events[d.kind] ?? 0) + 1;
        if (d.kind === 'tick') {
          if (d.serverNow) {
            const lag = now - Date.parse(d.serverNow);
            tickLag.push(lag);
            if (now >= betsDoneAt) tickLagAfterBets.push(lag);
          }
        } else if (d.kind === 'start') {
          if (d.startedAt) startLag.push(now - Date.parse(d.startedAt));
        } else {
          const publishedMs = Number((id ?? '').split('-')[0]);
          publishLag.push(now - publishedMs);
          if (settlements.has(d.gameId)) duplicates++;
          else {
            settlements.set(d.gameId, {
              gameId: d.gameId,
              userId: player.userId,
              kind: d.kind,
              payout: Number(d.payout ?? 0),
              receivedMs: now,
              publishedMs,
            });
          }
          checkDone();
        }
      },
    });
    return { player, sub };
  });
  await Promise.race([
    allStarted,
    sleep(30_000).then(() => {
      throw new Error(`only ${started} of ${p.players.length} subscriptions started within 30 s`);
    }),
  ]);
  await send({ type: 'subscribed', ms: performance.now() - t0 });

  // --- 2. bets, once the server has every subscription wired to Redis
  await go;
  const cpu0 = process.cpuUsage();
  const loop = loopDelayWindow();
  const order = [...clients].sort((a, b) => b.player.target - a.player.target);
  const betLatency: number[] = [];
  const games: { gameId: string; userId: number }[] = [];
  let failed = 0;
  let next = 0;
  const tb = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(p.betConcurrency, order.length) }, async () => {
      for (let c = order[next++]; c; c = order[next++]) {
        const t = performance.now();
        try {
          const res = await mutate<{ gameId: string }>(p.baseUrl, 'games.crash.bet', c.player.accessToken, {
            bet: p.bet,
            autoCashout: c.player.target,
          });
          betLatency.push(performance.now() - t);
          games.push({ gameId: res.gameId, userId: c.player.userId });
          expected.add(res.gameId);
        } catch (err) {
          failed++;
          note(err);
        }
      }
    }),
  );
  const spanMs = performance.now() - tb;
  expected = new Set(games.map((g) => g.gameId));
  betsDone = true;
  betsDoneAt = Date.now();
  await send({ type: 'bets-placed', placed: games.length, failed, spanMs, atMs: betsDoneAt });

  // --- 3. the server settles every round by itself
  checkDone();
  await Promise.race([settledAll, sleep(p.settleTimeoutMs)]);
  await sleep(500); // anything after this is a duplicate or a straggler worth reporting
  for (const c of clients) c.sub.close();
  const used = process.cpuUsage(cpu0);
  const loopDelay = loop();
  const wallMs = performance.now() - tb;
  await sleep(200);

  return {
    subscriptions: started,
    bets: { placed: games.length, failed, spanMs, latency: betLatency, games },
    settlements: [...settlements.values()],
    duplicates,
    unsettled: [...expected].filter((id) => !settlements.has(id)).length,
    events,
    lag: { tick: tickLag, tickAfterBets: tickLagAfterBets, start: startLag, settlePublished: publishLag },
    streamErrors,
    errorSamples,
    loop: loopDelay,
    cpu: (used.user + used.system) / (wallMs * 1000),
  };
}

process.on('message', (raw) => {
  const msg = raw as CrashParentMessage;
  if (msg.type === 'go') {
    goSignal?.();
    return;
  }
  main(msg.params).then(
    async (result) => {
      await send({ type: 'result', result });
      process.exit(0);
    },
    async (err: unknown) => {
      await send({ type: 'fatal', error: err instanceof Error ? (err.stack ?? err.message) : String(err) }).catch(() => {});
      process.exit(1);
    },
  );
});
