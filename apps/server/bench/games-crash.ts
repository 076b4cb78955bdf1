/**
 * The crash part of `pnpm bench games` (games.ts parses the options and calls runCrash).
 * `--rounds` players, each with games.crash.onRound open over SSE (games-crash-load.ts: forked
 * load processes, `--load-processes`, reading the streams with a bare SSE reader), against the
 * built server in its own process (lib/server-process.ts), then one bet each with an
 * auto-cash-out target spread over [1.1, --max-target]; nobody cashes out by hand, the
 * server's worker settles every round. Prints event lag p50/p99 (goal p99 < 100 ms) — ticks
 * against their serverNow, settlement events against the round's due time (crash_bets.due_at,
 * i.e. startedAt + msToReach(target) or the bust) and against their publication (Redis stream
 * id) — rounds settled, events received, server RSS (before, with the subscriptions, peak,
 * after), CPU (the whole window and while the bets were placed) and event-loop delay, and
 * verifies: no active round left, one game_rounds row and one settlement event per bet,
 * matching its row, ledger entries matching the settlements.
 */
import { mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Deps } from '@casino/api';
import { createCasinoClient, memoryTokenStore } from '@casino/client';
import { queryRows } from '@casino/db';
import { msToReach } from '@casino/shared';
import { sql } from 'drizzle-orm';
import type { GamesOptions as Options } from './games';
import {
  type CrashChildMessage,
  type CrashLoadParams,
  type CrashLoadResult,
  type CrashParentMessage,
  type CrashPlayer,
  mergeCrashLoads,
} from './games-crash-load';
import { checkpoint, createBenchDatabase, deleteRedisPrefix, redactUrl, waitForSubscribers } from './lib/infra';
import { type LatencySummary, ms, summarize } from './lib/latency';
import { forkLoadProcess } from './lib/load-process';
import { type BenchPlayer, createAdmin, createPlayers } from './lib/players';
import { cpuMeter, groupCpuMeter, procRssSampler, procSample } from './lib/proc';
import { profileLines, summarizeProfile } from './lib/profile-summary';
import { cpuWindow, mb, pct } from './lib/resources';
import { type ServerProcess, startServerProcess } from './lib/server-process';
import { createSetupDeps } from './lib/setup-deps';
import { type Counters, countersDiff, cpuPer, readCounters } from './lib/window';

const CRASH_GOLD = 1_000_000;
/** collectDefaultMetrics' eventLoopMonitoringPrecision (apps/server/src/metrics.ts keeps the default). */
const PROM_LOOP_PRECISION_MS = 10;
const MIN_TARGET = 1.1;

const lagLine = (s: LatencySummary) => `p50 ${ms(s.p50)}  p90 ${ms(s.p90)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  (n=${s.count})`;

type Ctx = {
  opt: Options;
  server: ServerProcess;
  deps: Deps;
  dbUrl: string;
  redisUrl: string;
  redisPrefix: string;
  problems: string[];
  admin: BenchPlayer;
};

// ---------------------------------------------------------------- crash

/** Targets spread evenly over [MIN_TARGET, max], two decimals. */
const targetOf = (i: number, n: number, max: number) =>
  Math.round((MIN_TARGET + ((max - MIN_TARGET) * i) / Math.max(1, n - 1)) * 100) / 100;

const startCrashLoad = () => forkLoadProcess<CrashChildMessage>(new URL('./games-crash-load.ts', import.meta.url), 'crash load process');

type CrashRow = {
  id: string;
  user_id: number;
  status: string;
  payout: string;
  started_ms: string;
  due_ms: string;
  settled_ms: string | null;
};

async function crashBench(
  { opt, server, deps, redisUrl, redisPrefix, problems }: Ctx,
  spinRate: { perSec: number; source: string },
): Promise<{ fromUs: number; toUs: number }> {
  const n = opt.rounds;
  const setupStart = performance.now();
  const created = await createPlayers(deps, { tag: 'bench_crash', count: n, gold: CRASH_GOLD });
  const players: CrashPlayer[] = created.map((p, i) => ({ ...p, target: targetOf(i, n, opt.maxTarget) }));
  console.log(
    `\ncrash — ${n} players, one round each, bet ${opt.bet}, auto-cash-out ${MIN_TARGET}–${opt.maxTarget}× ` +
      `(${(msToReach(MIN_TARGET) / 1000).toFixed(1)}–${(msToReach(opt.maxTarget) / 1000).toFixed(1)} s), ≤ ${opt.betConcurrency} bets in flight ` +
      `from ${Math.min(opt.loadProcesses, n)} load processes ` +
      `(players + sessions created in ${ms(performance.now() - setupStart)})`,
  );

  const loadBefore = loadavg();
  const heapUsed = async () => (await server.metrics()).nodejs_heap_size_used_bytes ?? Number.NaN;
  const memNow = async () => ({ rss: procSample(server.pid)?.rssBytes ?? Number.NaN, heapUsed: await heapUsed() });
  const before = await memNow();
  const rss = procRssSampler(server.pid, 50);
  const loadCount = Math.min(opt.loadProcesses, players.length);
  const loads = Array.from({ length: loadCount }, () => startCrashLoad());
  let result: CrashLoadResult;
  let subscribedMs: number;
  let wiredMs: number;
  let subscribedMem: { rss: number; heapUsed: number };
  let serverCpu: ReturnType<ReturnType<typeof cpuMeter>>;
  let machine: ReturnType<ReturnType<typeof cpuWindow>>;
  let serverLoop: { p50: number; p99: number; max: number };
  let betsPlaced: Extract<CrashChildMessage, { type: 'bets-placed' }>;
  /** The server's and the machine's CPU while the bets were placed (the burst), apart from the whole window. */
  let betWindow: {
    server: ReturnType<ReturnType<typeof cpuMeter>>;
    machine: ReturnType<ReturnType<typeof cpuWindow>>;
    postgres: ReturnType<ReturnType<typeof groupCpuMeter>>;
    redis: ReturnType<ReturnType<typeof groupCpuMeter>>;
    load: ReturnType<ReturnType<typeof groupCpuMeter>>;
  };
  let counters: Counters;
  let fromUs = 0;
  let toUs = 0;
  try {
    // Each load process: every k-th player (targets stay spread) and its share of the bets in flight.
    loads.forEach((load, i) => {
      const params: CrashLoadParams = {
        baseUrl: server.baseUrl,
        players: players.filter((_, j) => j % loads.length === i),
        bet: opt.bet,
        betConcurrency: Math.max(1, Math.round(opt.betConcurrency / loads.length)),
        settleTimeoutMs: msToReach(opt.maxTarget) + 20_000,
      };
      load.child.send({ type: 'init', params } satisfies CrashParentMessage);
    });
    subscribedMs = Math.max(...(await Promise.all(loads.map((l) => l.next('subscribed')))).map((m) => m.ms));
    // EventSource "open" comes with the response headers; the stream's Redis SUBSCRIBE may still be in flight.
    wiredMs = await waitForSubscribers(
      redisUrl,
      players.map((p) => `${redisPrefix}ch:user:${p.userId}`),
      20_000,
    );
    subscribedMem = await memNow();
    // What the subscriptions retain, by constructor: open the file in Chrome DevTools › Memory.
    if (process.env.BENCH_HEAP_SNAPSHOT) {
      process.kill(server.pid, 'SIGUSR2');
      console.log('  heap snapshot with the subscriptions open: apps/server/Heap.*.heapsnapshot (written by the server)');
    }
    await checkpoint(deps.db);
    // prom-client resets its event-loop histogram at each scrape: this one starts the window.
    await server.metrics();
    const countersBefore = await readCounters(server);
    const cpu = cpuMeter(server.pid);
    const machineCpu = cpuWindow();
    const postgresCpu = groupCpuMeter([], ['postgres']);
    const redisCpu = groupCpuMeter([], ['redis-server']);
    const loadCpu = groupCpuMeter(loads.map((l) => l.child.pid ?? 0).filter((pid) => pid > 0));
    fromUs = Number(process.hrtime.bigint() / 1000n);
    for (const l of loads) l.child.send({ type: 'go' } satisfies CrashParentMessage);
    const placed = await Promise.all(loads.map((l) => l.next('bets-placed')));
    betWindow = { server: cpu(), machine: machineCpu(), postgres: postgresCpu(), redis: redisCpu(), load: loadCpu() };
    betsPlaced = {
      type: 'bets-placed',
      placed: placed.reduce((a, m) => a + m.placed, 0),
      failed: placed.reduce((a, m) => a + m.failed, 0),
      spanMs: Math.max(...placed.map((m) => m.spanMs)),
      atMs: Math.max(...placed.map((m) => m.atMs)),
    };
    result = mergeCrashLoads((await Promise.all(loads.map((l) => l.next('result')))).map((m) => m.result));
    toUs = Number(process.hrtime.bigint() / 1000n);
    serverCpu = cpu();
    machine = machineCpu();
    // prom-client's histogram holds whole timer intervals (10 ms, its default precision): the delay is the rest.
    const m = await server.metrics();
    // After the scrape above: each scrape restarts the event-loop histogram.
    counters = await readCounters(server).then((after) => countersDiff(countersBefore, after));
    const delay = (name: string) => Math.max(0, (m[name] ?? Number.NaN) * 1000 - PROM_LOOP_PRECISION_MS);
    serverLoop = {
      p50: delay('nodejs_eventloop_lag_p50_seconds'),
      p99: delay('nodejs_eventloop_lag_p99_seconds'),
      max: delay('nodejs_eventloop_lag_max_seconds'),
    };
  } finally {
    rss.stop();
    for (const l of loads) if (l.child.exitCode === null) l.child.kill();
  }
  const after = await memNow();
  const memPeak = rss.peak;

  // --- what the database says
  const rows = await queryRows<CrashRow>(
    deps.db,
    sql`SELECT id, user_id, status, payout,
               (extract(epoch FROM started_at) * 1000)::bigint AS started_ms,
               (extract(epoch FROM due_at) * 1000)::bigint AS due_ms,
               (extract(epoch FROM settled_at) * 1000)::bigint AS settled_ms
        FROM crash_bets`,
  );
  const [c] = await queryRows<{ rounds: string; matched: string; bet_entries: string; win_entries: string; win_sum: string }>(
    deps.db,
    sql`SELECT (SELECT count(*) FROM game_rounds WHERE game = 'crash') AS rounds,
               (SELECT count(*) FROM game_rounds g JOIN crash_bets b ON b.id = g.id WHERE g.game = 'crash' AND g.payout = b.payout) AS matched,
               (SELECT count(*) FROM wallet_ledger WHERE reason = 'crash_bet') AS bet_entries,
               (SELECT count(*) FROM wallet_ledger WHERE reason = 'crash_win') AS win_entries,
               (SELECT coalesce(sum(delta), 0) FROM wallet_ledger WHERE reason = 'crash_win') AS win_sum`,
  );
  const byStatus: Record<string, number> = {};
  for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  const active = byStatus.active ?? 0;
  const paid = rows.filter((r) => Number(r.payout) > 0);
  const paidSum = paid.reduce((s, r) => s + Number(r.payout), 0);
  const bets = result.bets;

  if (bets.failed) problems.push(`crash: ${bets.failed} bets failed, e.g.: ${result.errorSamples.join(' | ')}`);
  if (rows.length !== bets.placed) problems.push(`crash: ${rows.length} crash_bets rows for ${bets.placed} accepted bets`);
  if (active) problems.push(`crash: ${active} rounds still active`);
  if (Number(c?.rounds) !== rows.length || Number(c?.matched) !== rows.length)
    problems.push(`crash: ${c?.rounds} crash game_rounds (${c?.matched} matching their bet's payout) for ${rows.length} bets`);
  if (Number(c?.bet_entries) !== rows.length) problems.push(`crash: ${c?.bet_entries} crash_bet ledger entries for ${rows.length} bets`);
  if (Number(c?.win_entries) !== paid.length || Number(c?.win_sum) !== paidSum)
    problems.push(`crash: ${c?.win_entries} crash_win entries (sum ${c?.win_sum}) for ${paid.length} paid rounds (sum ${paidSum})`);
  if (result.unsettled) problems.push(`crash: no settlement event for ${result.unsettled} rounds`);
  if (result.duplicates) problems.push(`crash: ${result.duplicates} duplicate settlement events`);
  if (result.streamErrors) problems.push(`crash: ${result.streamErrors} subscription errors, e.g.: ${result.errorSamples.join(' | ')}`);

  // Each settlement event against its row: same outcome, and its lag behind the round's due time.
  const KIND: Record<string, string> = { cashout: 'cashed', bust: 'busted', expired: 'expired' };
  const rowById = new Map(rows.map((r) => [r.id, r]));
  let mismatched = 0;
  const dueLag: number[] = [];
  const dueLagAfterBets: number[] = [];
  for (const s of result.settlements) {
    const r = rowById.get(s.gameId);
    if (!r || KIND[s.kind] !== r.status || Number(r.payout) !== s.payout || r.user_id !== s.userId) {
      mismatched++;
      continue;
    }
    dueLag.push(s.receivedMs - Number(r.due_ms));
    if (Number(r.due_ms) >= betsPlaced.atMs) dueLagAfterBets.push(s.receivedMs - Number(r.due_ms));
  }
  if (mismatched) problems.push(`crash: ${mismatched} settlement events disagree with crash_bets`);
  const settleDelay = summarize(rows.filter((r) => r.settled_ms !== null).map((r) => Number(r.settled_ms) - Number(r.due_ms)));
  const due = summarize(dueLag);

  // Rounds in play at once (from start to settlement).
  const edges = rows.flatMap((r) => [
    [Number(r.started_ms), 1],
    [Number(r.settled_ms ?? Number.MAX_SAFE_INTEGER), -1],
  ]);
  edges.sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number));
  let inPlay = 0;
  let peakInPlay = 0;
  for (const [, d] of edges) {
    inPlay += d as number;
    peakInPlay = Math.max(peakInPlay, inPlay);
  }

  const ev = result.events;
  const totalEvents = Object.values(ev).reduce((a, b) => a + b, 0);
  console.log(
    `  setup    ${result.subscriptions} SSE subscriptions open in ${ms(subscribedMs)}, all wired to Redis ${ms(wiredMs)} later; ` +
      `bets: ${betsPlaced.placed} accepted, ${betsPlaced.failed} failed in ${ms(betsPlaced.spanMs)} ` +
      `(${((betsPlaced.placed * 1000) / betsPlaced.spanMs).toFixed(0)}/s, p50 ${ms(bets.latency.p50)}, p99 ${ms(bets.latency.p99)}); ` +
      `peak ${peakInPlay} rounds in play at once`,
  );
  console.log(
    `  rounds   ${rows.length - active} of ${rows.length} settled by the server (${byStatus.cashed ?? 0} auto-cashed, ${byStatus.busted ?? 0} busted, ` +
      `${byStatus.expired ?? 0} expired, ${active} active); ${result.settlements.length} settlement events, ${result.duplicates} duplicates`,
  );
  console.log(
    `  events   ${totalEvents} received: ${Object.entries(ev)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}; ${result.streamErrors} stream errors (a dropped stream is not reopened)`,
  );
  console.log(`  lag      tick (receive − serverNow)            ${lagLine(result.lag.tick)}  (goal p99 < 100 ms)`);
  console.log(`             … after the last bet was answered     ${lagLine(result.lag.tickAfterBets)}`);
  console.log(`           settlement (receive − due_at)         ${lagLine(due)}`);
  console.log(`             … rounds due after the last bet         ${lagLine(summarize(dueLagAfterBets))}`);
  console.log(`           settlement (receive − published)      ${lagLine(result.lag.settlePublished)}`);
  console.log(`           start (receive − startedAt)           ${lagLine(result.lag.start)}`);
  console.log(`           server settled_at − due_at            ${lagLine(settleDelay)}`);
  const memLine = (m: { rss: number; heapUsed: number }) => `${mb(m.rss)} (heap used ${mb(m.heapUsed)})`;
  console.log(
    `  server   RSS ${memLine(before)} before, ${memLine(subscribedMem)} with ${result.subscriptions} subscriptions ` +
      `(${((subscribedMem.heapUsed - before.heapUsed) / Math.max(1, result.subscriptions) / 1024).toFixed(0)} KB heap each), ` +
      `peak RSS ${mb(memPeak)}, ${memLine(after)} after`,
  );
  console.log(
    `  server   CPU ${pct(serverCpu.cores)} of a core from the first bet to the report, ` +
      `event-loop delay p50 ${ms(serverLoop.p50)} p99 ${ms(serverLoop.p99)} max ${ms(serverLoop.max)}; ` +
      `while the bets were placed ${pct(betWindow.server.cores)} of a core (${(betWindow.server.cpuMs / Math.max(1, betsPlaced.placed)).toFixed(2)} ms per bet, ` +
      `ticks and settlements included), machine ${pct(betWindow.machine.machine)} of ${betWindow.machine.cores} cores: ` +
      `PostgreSQL ${cpuPer(betWindow.postgres, betsPlaced.placed)} per bet, Redis ${cpuPer(betWindow.redis, betsPlaced.placed)}, ` +
      `the load processes ${betWindow.load ? `${pct(betWindow.load.cores)} of a core` : 'n/a'}`,
  );
  const perRound = (n: number) => (n / Math.max(1, betsPlaced.placed)).toFixed(1);
  console.log(
    `  trips    per round, from the bet to the settlement event (ticks, the worker's polling and stream-lease renewals included): ${perRound(counters.statements)} PostgreSQL statements, ` +
      `${perRound(counters.commands)} Redis commands; on the wire ${perRound(counters.pgWrites)} PostgreSQL writes, ` +
      `${perRound(counters.redisWrites)} Redis writes, ${perRound(counters.httpWrites)} HTTP writes`,
  );
  const betRate = (betsPlaced.placed * 1000) / betsPlaced.spanMs;
  const goal = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const la = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  console.log(
    `  goals    server settled_at − due_at p99 ${ms(settleDelay.p99)} (≤ 250 ms: ${goal(settleDelay.p99 <= 250)}); ` +
      `tick lag p99 ${ms(result.lag.tick.p99)} (< 100 ms: ${goal(result.lag.tick.p99 < 100)}); ` +
      `bets ${betRate.toFixed(0)}/s = ${(betRate / spinRate.perSec).toFixed(2)}× the slot spin rate ${spinRate.perSec.toFixed(0)}/s ${spinRate.source} (≥ 0.5×: ${goal(betRate >= 0.5 * spinRate.perSec)}); ` +
      `server RSS peak ${mb(memPeak)} (< 300 MB: ${goal(memPeak < 300 * 1024 * 1024)}); ` +
      `load average ${la(loadBefore)} before, ${la(loadavg())} after (1, 5, 15 min)`,
  );
  console.log(
    `  load     ${loadCount} processes: CPU ${pct(result.cpu)} of a core in all, event-loop delay (the worst) p50 ${ms(result.loop.p50)} p99 ${ms(result.loop.p99)} max ${ms(result.loop.max)}; ` +
      `machine ${pct(machine.machine)} of ${machine.cores} cores`,
  );
  return { fromUs, toUs };
}

/** The crash part, against the built server in its own process (lib/server-process.ts), as the slot part. */
export async function runCrash(
  opt: Options,
  serverUrl: string,
  redisUrl: string,
  problems: string[],
  spinRate: { perSec: number; source: string },
): Promise<void> {
  const db = await createBenchDatabase(serverUrl);
  const redisPrefix = `bench:${db.name}:`;
  console.log(`\ncrash — database ${redactUrl(db.url)} (fresh), redis prefix ${redisPrefix}`);
  const profileDir = opt.profile ? mkdtempSync(join(tmpdir(), 'casino-crash-profile-')) : null;
  const server = await startServerProcess({
    databaseUrl: db.url,
    redisUrl,
    redisPrefix,
    profileDir,
    flags: process.env.BENCH_HEAP_SNAPSHOT ? ['--heapsnapshot-signal=SIGUSR2'] : [],
  });
  const setup = await createSetupDeps(server.env);
  let stopped = false;
  try {
    const { deps } = setup;
    const [pg] = await queryRows<{ version: string; sync: string; max: string }>(
      deps.db,
      sql`SELECT current_setting('server_version') AS version, current_setting('synchronous_commit') AS sync, current_setting('max_connections') AS max`,
    );
    console.log(
      `  server   node dist/main.js (built), pid ${server.pid}, ${server.baseUrl}, NODE_ENV=production, LOG_LEVEL=${server.env.LOG_LEVEL}, ` +
        `${process.env.BENCH_SERVER_FLAGS ?? '--max-old-space-size=192'}${opt.profile ? ', --cpu-prof' : ''}; ` +
        `PostgreSQL ${pg?.version}, synchronous_commit=${pg?.sync}, max_connections=${pg?.max}; ${cpus().length} cores`,
    );
    const admin = await createAdmin(deps, 'bench');
    const ctx: Ctx = { opt, server, deps, dbUrl: db.url, redisUrl, redisPrefix, problems, admin };

    const window = await crashBench(ctx, spinRate);

    const client = createCasinoClient({ baseUrl: server.baseUrl, tokens: memoryTokenStore(admin) });
    const reconcile = await client.admin.economy.reconcile.query();
    if (reconcile.violations.length)
      problems.push(`reconcile: ${reconcile.violations.length} violations, e.g. ${JSON.stringify(reconcile.violations[0])}`);
    console.log(`\nledger   reconcile: ${reconcile.checkedUsers} users, ${reconcile.violations.length} violations`);
    stopped = true;
    const profileFile = await server.stop();
    if (profileFile) {
      console.log(`  profile  the server from the first bet to the report (${profileFile}):`);
      for (const line of profileLines(summarizeProfile(profileFile, window))) console.log(line);
    }
  } finally {
    if (!stopped) await server.stop();
    await setup.close();
    await deleteRedisPrefix(redisUrl, redisPrefix).catch((e: Error) => console.error(`redis cleanup failed: ${e.message}`));
    if (process.env.BENCH_KEEP_DB === '1') console.log(`kept database ${db.name}`);
    else await db.drop().catch((e: Error) => console.error(`could not drop ${db.name}: ${e.message}`));
  }
}
