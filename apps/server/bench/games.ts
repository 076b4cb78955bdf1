/**
 * `pnpm bench games`: the two game benchmarks of issue 3, on a fresh database, against
 * the server running in this process (lib/server.ts), load from forked processes.
 *
 * 1. Slot. `--clients` players (own accounts, funded through the ledger, own sessions),
 *    each looping games.slot.spin over HTTP through the typed client (games-load.ts in the
 *    load process) — auth, then playRound's one transaction: takeNonce (UPDATE fairness_seeds
 *    … RETURNING, the seed-row lock), the streak from the player's latest slot round (one
 *    indexed SELECT), settleRoundMoney (one CTE: UPDATE users for stake and payout + both
 *    wallet_ledger rows), recordRound (one CTE: INSERT game_rounds with the active session,
 *    that session's totals, UPSERT user_game_stats, and the progression CTEs hanging off the
 *    round row: the player's joined events, the missions, battle-pass XP and XP; achievements
 *    and level-ups only when reached), COMMIT;
 *    then 1–2 token_update events to Redis.
 *    Then pgbench runs slotPgbenchScript — the same statements in the same transaction —
 *    with as many clients, each on its own player (client_id → player, as each HTTP player is
 *    serialised by its seed row). The win statements run on a random share of transactions
 *    equal to the configuration's exact hit rate (slotRtp().hitRate), paying the mean win
 *    (bet × RTP / hit rate); achievements (rare: once per player and code) and Redis are
 *    not in the script. Prints spins/s, p50/p99, server CPU per spin, pgbench tps and the
 *    ratio spins/s ÷ tps (goal ≥ 0.5, p99 ≤ 100 ms).
 *
 * 2. Crash. `--rounds` players, each with games.crash.onRound open over SSE (games-crash-load.ts:
 *    one EventSource per player, all in one process), then one bet each with an auto-cash-out
 *    target spread over [1.1, --max-target]; nobody cashes out by hand, the server's worker
 *    settles every round. Prints event lag p50/p99 (goal p99 < 100 ms) — ticks against their
 *    serverNow, settlement events against the round's due time (crash_bets.due_at, i.e.
 *    startedAt + msToReach(target) or the bust) and against their publication (Redis
 *    stream id) — rounds settled, events received, server RSS (before, with the
 *    subscriptions, peak, after; heap after a full GC to tell retained memory from garbage),
 *    CPU and event-loop delay, and verifies: no active round left, one game_rounds row and
 *    one settlement event per bet, matching its row, ledger entries matching the settlements.
 *
 * Both end with admin.economy.reconcile. Figures only; exits non-zero on failed calls,
 * unsettled or twice-settled rounds and ledger violations.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Deps } from '@casino/api';
import { createCasinoClient, memoryTokenStore } from '@casino/client';
import { queryRows } from '@casino/db';
import { hmacStream, msToReach, slotRtp, spinSlot } from '@casino/shared';
import { sql } from 'drizzle-orm';
import type { CrashChildMessage, CrashLoadParams, CrashLoadResult, CrashParentMessage, CrashPlayer } from './games-crash-load';
import type { SlotLoadParams } from './games-load';
import { type LoadHooks, type LoadResult, runHttpLoad } from './lib/http-load';
import {
  createBenchDatabase,
  DEFAULT_DATABASE_URL,
  DEFAULT_REDIS_URL,
  deleteRedisPrefix,
  redactUrl,
  waitForSubscribers,
} from './lib/infra';
import { type LatencySummary, ms, summarize } from './lib/latency';
import { type PgbenchResult, pgbenchBinary, runPgbench } from './lib/pgbench';
import { type BenchPlayer, createAdmin, createPlayers } from './lib/players';
import { type Profiler, startCpuProfile } from './lib/profile';
import { seedProgression, slotProgressSql } from './lib/progression';
import { cpuWindow, heapAfterGc, loopDelayWindow, maxRss, mb, memorySampler, pct, rssSampler } from './lib/resources';
import { type BenchServer, describeServer, startBenchServer } from './lib/server';
import { walletStatement } from './lib/statements';

export const description = 'slot spins/s over HTTP vs the same transaction in pgbench; 1,000 live crash rounds: event lag, RSS';

export const usage = `pnpm bench games [--only slot|crash] [--clients 32] [--warmup 2] [--duration 10] [--bet 10]
                 [--rounds 1000] [--max-target 3] [--bet-concurrency 100] [--pgbench-protocol extended|prepared]
                 [--progression]

  slot:  --clients players spin over HTTP for --warmup + --duration s, then pgbench runs the
         same transaction with --clients clients (one player each) for --duration s.
         --progression first gives every player a running battle-pass season, three active
         missions and two joined events, so each spin's progression statements have rows to advance.
  crash: --rounds players subscribe to games.crash.onRound (SSE) and bet once each with an
         auto-cash-out target spread over [1.1, --max-target] (3× ≈ 18 s), at most
         --bet-concurrency bets in flight; the server settles every round by itself.

  PostgreSQL server: DATABASE_URL (default ${DEFAULT_DATABASE_URL}); a fresh database is
  created on it and dropped afterwards (BENCH_KEEP_DB=1 keeps it).
  Redis: REDIS_URL (default ${DEFAULT_REDIS_URL}); keys under a per-run prefix, deleted afterwards.
  BENCH_LOG_LEVEL (default warn), PGBENCH (path to pgbench),
  BENCH_CPU_PROFILE=name: V8 profiles of the server, name.slot.cpuprofile over the measured
  HTTP window and name.crash.cpuprofile from the first bet to the last settlement.`;

const SLOT_GOLD = 1_000_000_000;
const CRASH_GOLD = 1_000_000;
const MIN_TARGET = 1.1;

/**
 * One games.slot.spin transaction as pgbench runs it; see the header. Variables: first_id
 * (client_id → player first_id + client_id), bet_amount, hit_ppm, win_payout, outcome (a
 * real spin's outcome JSON, bound as a parameter like Drizzle binds it), bet_suffix /
 * win_suffix (':bet' / ':win': pgbench would take a ':name' inside a literal for a variable).
 */
export const slotPgbenchScript = (progress: { ctes: string; columns: string }) => `\\set id :first_id + :client_id
\\set bet :bet_amount
\\set neg_bet -1 * :bet_amount
\\set r random(0, 999999)
\\if :r < :hit_ppm
\\set payout :win_payout
\\set win 1
\\else
\\set payout 0
\\set win 0
\\endif
\\set loss 1 - :win
\\set profit :payout - :bet
\\set multiplier :payout * 1.0 / :bet
BEGIN;
UPDATE fairness_seeds SET next_nonce = next_nonce + 1
  WHERE user_id = :id AND revealed_at IS NULL
  RETURNING id AS seed_id, user_id AS seed_user_id, server_seed, server_seed_hash, client_seed, next_nonce,
    created_at AS seed_created_at, revealed_at AS seed_revealed_at, gen_random_uuid() AS round_id \\gset
\\set nonce :next_nonce - 1
SELECT (outcome->>'streakAfter')::int AS streak, (outcome->>'streakStakeAfter')::int AS stake, created_at >= now() - interval '1 day' AS fresh
  FROM (SELECT outcome, created_at, seed_id, nonce FROM game_rounds WHERE user_id = :id AND game = 'slot'
        ORDER BY created_at DESC, seed_id DESC, nonce DESC LIMIT 8) latest
  ORDER BY seed_id DESC, nonce DESC LIMIT 1;
${walletStatement(':id', [
  {
    currency: "'gold'",
    delta: ':neg_bet',
    reason: "'slot_bet'",
    refType: "'round'",
    refId: ':round_id',
    key: "'round:' || :round_id || :bet_suffix",
  },
  {
    currency: "'gold'",
    delta: ':payout',
    reason: "'slot_win'",
    refType: "'round'",
    refId: ':round_id',
    key: "'round:' || :round_id || :win_suffix",
  },
])};
WITH r AS (
  INSERT INTO game_rounds (id, user_id, game, currency, bet, payout, multiplier, result, seed_id, nonce, outcome, session_id, duration_ms, created_at)
  VALUES (CAST(:round_id AS uuid), :id, 'slot', 'gold', :bet, :payout, CAST(:multiplier AS double precision),
    CAST(CASE WHEN CAST(:win AS int) = 1 THEN 'win' ELSE 'loss' END AS round_result), :seed_id, :nonce, CAST(:outcome AS jsonb),
    (SELECT id FROM game_sessions WHERE user_id = :id AND game = 'slot' AND ended_at IS NULL), NULL, now())
  ON CONFLICT DO NOTHING
  RETURNING session_id),
s AS (
  UPDATE game_sessions SET total_rounds = total_rounds + 1, total_bet = total_bet + :bet, total_win = total_win + :payout
  WHERE id = (SELECT session_id FROM r)),
st AS (
INSERT INTO user_game_stats AS g (user_id, game, total_bets, total_wagered, total_wins, total_losses, total_payout, total_profit, highest_multiplier, updated_at)
  SELECT :id, 'slot', 1, :bet, :win, :loss, :payout, :profit, CAST(:multiplier AS double precision), now() FROM r
  ON CONFLICT (user_id, game) DO UPDATE SET
    total_bets = g.total_bets + 1, total_wagered = g.total_wagered + excluded.total_wagered,
    total_wins = g.total_wins + excluded.total_wins, total_losses = g.total_losses + excluded.total_losses,
    total_payout = g.total_payout + excluded.total_payout, total_profit = g.total_profit + excluded.total_profit,
    highest_multiplier = GREATEST(g.highest_multiplier, excluded.highest_multiplier), updated_at = excluded.updated_at
  RETURNING total_bets)${progress.ctes.replace(/\s*\n\s*/g, ' ')}
SELECT (SELECT total_bets FROM st) AS total_bets${progress.columns.replace(/\s*\n\s*/g, ' ')};
COMMIT;
`;

type Options = ReturnType<typeof options>;

function options(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      clients: { type: 'string', default: '32' },
      warmup: { type: 'string', default: '2' },
      duration: { type: 'string', default: '10' },
      bet: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '1000' },
      'max-target': { type: 'string', default: '3' },
      'bet-concurrency': { type: 'string', default: '100' },
      'pgbench-protocol': { type: 'string', default: 'extended' },
      progression: { type: 'boolean', default: false },
    },
  });
  const num = (name: keyof typeof values, min: number, max: number, integer = true) => {
    const n = Number(values[name]);
    if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max)
      throw new Error(`--${name} must be ${integer ? 'an integer' : 'a number'} in ${min}..${max}\n\n${usage}`);
    return n;
  };
  const only = values.only;
  if (only !== undefined && only !== 'slot' && only !== 'crash') throw new Error(`--only must be slot or crash\n\n${usage}`);
  const protocol = values['pgbench-protocol'];
  // The script passes a uuid from one statement to the next as a bound parameter; simple protocol would paste it unquoted.
  if (protocol !== 'extended' && protocol !== 'prepared') throw new Error(`--pgbench-protocol must be extended or prepared\n\n${usage}`);
  return {
    slot: only !== 'crash',
    crash: only !== 'slot',
    clients: num('clients', 1, 256),
    warmup: num('warmup', 0, 600),
    duration: num('duration', 1, 3600),
    bet: num('bet', 10, 10_000),
    rounds: num('rounds', 1, 20_000),
    maxTarget: Math.round(num('max-target', 1.11, 100, false) * 100) / 100,
    betConcurrency: num('bet-concurrency', 1, 1000),
    protocol: protocol as 'extended' | 'prepared',
    progression: values.progression === true,
  };
}

/** CPU milliseconds per operation from a core share and a rate. */
const cpuMsPer = (coreShare: number, perSec: number) => (perSec > 0 ? ms((coreShare * 1000) / perSec) : 'n/a');
const lagLine = (s: LatencySummary) => `p50 ${ms(s.p50)}  p90 ${ms(s.p90)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  (n=${s.count})`;

function profileName(kind: 'slot' | 'crash'): string | null {
  const base = process.env.BENCH_CPU_PROFILE;
  return base ? `${base.replace(/\.cpuprofile$/, '')}.${kind}.cpuprofile` : null;
}

type Ctx = {
  opt: Options;
  server: BenchServer;
  deps: Deps;
  dbUrl: string;
  redisUrl: string;
  redisPrefix: string;
  problems: string[];
  admin: BenchPlayer;
};

// ---------------------------------------------------------------- slot

async function slotBench({ opt, server, deps, dbUrl, problems, admin }: Ctx): Promise<void> {
  const cfg = deps.config.games.slot;
  const rtp = slotRtp(cfg);
  const players = await createPlayers(deps, { tag: 'bench_slot', count: opt.clients, gold: SLOT_GOLD });
  const content = opt.progression ? await seedProgression(server.baseUrl, admin, players, deps.clock.now()) : 'none';
  const progress = slotProgressSql(deps.config, opt.bet, deps.clock.now());
  console.log(
    `\nslot — ${opt.clients} players × 1 closed loop, bet ${opt.bet}, ${opt.warmup} s warm-up + ${opt.duration} s; progression content: ${content}`,
  );

  const profileFile = profileName('slot');
  let profiler: Promise<Profiler> | null = null;
  let profileWritten: Promise<string> | null = null;
  const hooks: LoadHooks = profileFile
    ? {
        windowStart: () => {
          profiler = startCpuProfile(profileFile);
        },
        windowEnd: () => {
          profileWritten = profiler?.then((p) => p.stop()) ?? null;
        },
      }
    : {};
  const rss = rssSampler();
  const http: LoadResult = await runHttpLoad<SlotLoadParams>(
    {
      module: new URL('./games-load.ts', import.meta.url).href,
      params: { baseUrl: server.baseUrl, players, bet: opt.bet },
      clients: opt.clients,
      warmupMs: opt.warmup * 1000,
      durationMs: opt.duration * 1000,
    },
    hooks,
  );
  rss.stop();
  if (profileWritten) console.log(`  CPU profile of the server over the HTTP window: ${await profileWritten}`);
  if (http.errors) problems.push(`slot: ${http.errors} spins failed, e.g.: ${http.errorSamples.join(' | ')}`);

  // A real outcome of this configuration, as the HTTP path stores it (spin + bet + the streak before).
  const sample = spinSlot(cfg, hmacStream('0'.repeat(64), 'bench', 0), { bet: opt.bet, streak: 0 });
  const winPayout = Math.max(1, Math.round((opt.bet * rtp.rtp) / rtp.hitRate));
  const firstId = players[0]?.userId as number;
  const pgCpu = cpuWindow();
  let bench: PgbenchResult | null = null;
  try {
    bench = await runPgbench({
      url: dbUrl,
      script: slotPgbenchScript(progress),
      clients: opt.clients,
      threads: Math.min(opt.clients, cpus().length),
      durationSec: opt.duration,
      protocol: opt.protocol,
      vars: {
        first_id: firstId,
        bet_amount: opt.bet,
        hit_ppm: Math.round(rtp.hitRate * 1e6),
        win_payout: winPayout,
        outcome: JSON.stringify({ ...sample, bet: opt.bet, streakBefore: 0, streakStakeBefore: 0 }),
        bet_suffix: ':bet',
        win_suffix: ':win',
        ...progress.vars,
      },
    });
  } catch (err) {
    problems.push(`slot pgbench: ${err instanceof Error ? err.message : String(err)}`);
  }
  const pgMachine = pgCpu().machine;
  if (bench?.failed) problems.push(`slot: ${bench.failed} pgbench transactions failed`);

  // Every spin is one transaction: round row, bet entry, win entry iff paid, stats row counts.
  const [c] = await queryRows<{ rounds: string; paid: string; bets: string; wins: string; stats: string }>(
    deps.db,
    sql`SELECT (SELECT count(*) FROM game_rounds WHERE game = 'slot') AS rounds,
               (SELECT count(*) FROM game_rounds WHERE game = 'slot' AND payout > 0) AS paid,
               (SELECT count(*) FROM wallet_ledger WHERE reason = 'slot_bet') AS bets,
               (SELECT count(*) FROM wallet_ledger WHERE reason = 'slot_win') AS wins,
               (SELECT coalesce(sum(total_bets), 0) FROM user_game_stats WHERE game = 'slot') AS stats`,
  );
  const rounds = Number(c?.rounds);
  if (rounds !== Number(c?.bets) || rounds !== Number(c?.stats) || Number(c?.paid) !== Number(c?.wins))
    problems.push(
      `slot: ${c?.rounds} rounds, ${c?.bets} bet entries, ${c?.stats} in user_game_stats, ${c?.paid} paid rounds vs ${c?.wins} win entries`,
    );

  const cpu = http.serverCpu;
  const tps = bench?.tps ?? Number.NaN;
  console.log(
    `  HTTP     ${http.ratePerSec.toFixed(0).padStart(6)} spins/s  (${http.completed} in ${opt.duration} s, ${http.errors} errors)  ` +
      `p50 ${ms(http.latency.p50)}  p90 ${ms(http.latency.p90)}  p99 ${ms(http.latency.p99)}  max ${ms(http.latency.max)}  (goal p99 ≤ 100 ms)`,
  );
  console.log(
    `  pgbench  ${tps.toFixed(0).padStart(6)} tps      (${bench?.transactions ?? 0} tx, ${bench?.failed ?? 0} failed, -M ${opt.protocol}, ` +
      `win statements on ${(rtp.hitRate * 100).toFixed(1)}% paying ${winPayout})  latency avg ${ms(bench?.latencyAvgMs ?? Number.NaN)}`,
  );
  console.log(`  ratio    spins/s ÷ pgbench tps = ${(http.ratePerSec / tps).toFixed(2)}  (goal ≥ 0.5)`);
  console.log(
    `  cpu      HTTP window: server ${pct(cpu.process)} of a core = ${cpuMsPer(cpu.process, http.ratePerSec)} per spin, ` +
      `load process ${pct(http.loadProcessCpu)} of a core, machine ${pct(cpu.machine)} of ${cpu.cores} cores; pgbench: machine ${pct(pgMachine)}`,
  );
  console.log(
    `  server   RSS peak ${mb(rss.peak)} during the HTTP load; rounds ${rounds} (HTTP ${http.completedTotal} + pgbench ${bench?.transactions ?? 0}), ` +
      `${c?.paid} paid (${((Number(c?.paid) / Math.max(1, rounds)) * 100).toFixed(1)}%)`,
  );
}

// ---------------------------------------------------------------- crash

/** Targets spread evenly over [MIN_TARGET, max], two decimals. */
const targetOf = (i: number, n: number, max: number) =>
  Math.round((MIN_TARGET + ((max - MIN_TARGET) * i) / Math.max(1, n - 1)) * 100) / 100;

function startCrashLoad(): {
  child: ChildProcess;
  next<T extends CrashChildMessage['type']>(type: T): Promise<Extract<CrashChildMessage, { type: T }>>;
} {
  const child = fork(fileURLToPath(new URL('./games-crash-load.ts', import.meta.url)), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const inbox: CrashChildMessage[] = [];
  const waiters: { type: string; resolve(m: CrashChildMessage): void; reject(e: Error): void }[] = [];
  let dead: Error | null = null;
  const failAll = (e: Error) => {
    dead ??= e;
    for (const w of waiters.splice(0)) w.reject(e);
  };
  child.on('message', (raw) => {
    const msg = raw as CrashChildMessage;
    if (msg.type === 'fatal') return failAll(new Error(`crash load process: ${msg.error}`));
    const i = waiters.findIndex((w) => w.type === msg.type);
    if (i >= 0) waiters.splice(i, 1)[0]?.resolve(msg);
    else inbox.push(msg);
  });
  child.on('error', (e) => failAll(e));
  child.on('exit', (code) => failAll(new Error(`crash load process exited with ${code}`)));
  return {
    child,
    next: (type) =>
      new Promise((resolve, reject) => {
        const i = inbox.findIndex((m) => m.type === type);
        if (i >= 0) return resolve(inbox.splice(i, 1)[0] as never);
        if (dead) return reject(dead);
        waiters.push({ type, resolve: resolve as (m: CrashChildMessage) => void, reject });
      }),
  };
}

type CrashRow = {
  id: string;
  user_id: number;
  status: string;
  payout: string;
  started_ms: string;
  due_ms: string;
  settled_ms: string | null;
};

async function crashBench({ opt, server, deps, redisUrl, redisPrefix, problems }: Ctx): Promise<void> {
  const n = opt.rounds;
  const setupStart = performance.now();
  const created = await createPlayers(deps, { tag: 'bench_crash', count: n, gold: CRASH_GOLD });
  const players: CrashPlayer[] = created.map((p, i) => ({ ...p, target: targetOf(i, n, opt.maxTarget) }));
  console.log(
    `\ncrash — ${n} players, one round each, bet ${opt.bet}, auto-cash-out ${MIN_TARGET}–${opt.maxTarget}× ` +
      `(${(msToReach(MIN_TARGET) / 1000).toFixed(1)}–${(msToReach(opt.maxTarget) / 1000).toFixed(1)} s), ≤ ${opt.betConcurrency} bets in flight ` +
      `(players + sessions created in ${ms(performance.now() - setupStart)})`,
  );

  const liveBefore = heapAfterGc();
  const before = process.memoryUsage();
  const mem = memorySampler(50);
  const load = startCrashLoad();
  let result: CrashLoadResult;
  let subscribedMs: number;
  let wiredMs: number;
  let subscribedMem: NodeJS.MemoryUsage;
  let liveSubscribed: number;
  let serverCpu: ReturnType<ReturnType<typeof cpuWindow>>;
  let serverLoop: ReturnType<ReturnType<typeof loopDelayWindow>>;
  let betsPlaced: Extract<CrashChildMessage, { type: 'bets-placed' }>;
  const profileFile = profileName('crash');
  let profileWritten: string | null = null;
  try {
    const params: CrashLoadParams = {
      baseUrl: server.baseUrl,
      players,
      bet: opt.bet,
      betConcurrency: opt.betConcurrency,
      settleTimeoutMs: msToReach(opt.maxTarget) + 20_000,
    };
    load.child.send({ type: 'init', params } satisfies CrashParentMessage);
    subscribedMs = (await load.next('subscribed')).ms;
    // EventSource "open" comes with the response headers; the stream's Redis SUBSCRIBE may still be in flight.
    wiredMs = await waitForSubscribers(
      redisUrl,
      players.map((p) => `${redisPrefix}ch:user:${p.userId}`),
      20_000,
    );
    subscribedMem = process.memoryUsage();
    liveSubscribed = heapAfterGc();
    const profiler = profileFile ? await startCpuProfile(profileFile) : null;
    const cpu = cpuWindow();
    const loop = loopDelayWindow();
    load.child.send({ type: 'go' } satisfies CrashParentMessage);
    betsPlaced = await load.next('bets-placed');
    result = (await load.next('result')).result;
    serverCpu = cpu();
    serverLoop = loop();
    if (profiler) profileWritten = await profiler.stop();
  } finally {
    mem.stop();
    if (load.child.exitCode === null) load.child.kill();
  }
  const after = process.memoryUsage();
  const memPeak = mem.peak;
  const liveAfter = heapAfterGc();
  if (profileWritten) console.log(`  CPU profile of the server from the first bet to the last settlement: ${profileWritten}`);

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
      .join(', ')}; ${result.reconnects} reconnects, ${result.streamErrors} errors`,
  );
  console.log(`  lag      tick (receive − serverNow)            ${lagLine(result.lag.tick)}  (goal p99 < 100 ms)`);
  console.log(`             … after the last bet was answered     ${lagLine(result.lag.tickAfterBets)}`);
  console.log(`           settlement (receive − due_at)         ${lagLine(due)}`);
  console.log(`             … rounds due after the last bet         ${lagLine(summarize(dueLagAfterBets))}`);
  console.log(`           settlement (receive − published)      ${lagLine(result.lag.settlePublished)}`);
  console.log(`           start (receive − startedAt)           ${lagLine(result.lag.start)}`);
  console.log(`           server settled_at − due_at            ${lagLine(settleDelay)}`);
  const memLine = (m: { rss: number; heapUsed: number; external: number }) =>
    `${mb(m.rss)} (heap ${mb(m.heapUsed)}, external ${mb(m.external)})`;
  console.log(
    `  server   RSS ${memLine(before)} before, ${memLine(subscribedMem)} with ${result.subscriptions} subscriptions, ` +
      `peak ${memLine(memPeak)}, ${memLine(after)} after`,
  );
  console.log(
    `  server   live heap after a full GC: ${mb(liveBefore)} before, ${mb(liveSubscribed)} with the subscriptions ` +
      `(${((liveSubscribed - liveBefore) / Math.max(1, result.subscriptions) / 1024).toFixed(0)} KB each), ${mb(liveAfter)} once they closed`,
  );
  console.log(
    `  server   CPU ${pct(serverCpu.process)} of a core from the first bet to the report, ` +
      `event-loop delay p50 ${ms(serverLoop.p50)} p99 ${ms(serverLoop.p99)} max ${ms(serverLoop.max)}`,
  );
  console.log(
    `  load     process CPU ${pct(result.cpu)} of a core, event-loop delay p50 ${ms(result.loop.p50)} p99 ${ms(result.loop.p99)} max ${ms(result.loop.max)}; ` +
      `machine ${pct(serverCpu.machine)} of ${serverCpu.cores} cores`,
  );
}

// ---------------------------------------------------------------- run

export async function run(argv: string[]): Promise<void> {
  const opt = options(argv);
  const serverUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;
  const db = await createBenchDatabase(serverUrl);
  const redisPrefix = `bench:${db.name}:`;
  const parts = [opt.slot ? 'slot' : '', opt.crash ? 'crash' : ''].filter(Boolean).join(' + ');
  console.log(`games bench — ${parts}`);
  console.log(`  database ${redactUrl(db.url)} (fresh), redis ${redactUrl(redisUrl)} (prefix ${redisPrefix}), ${pgbenchBinary()}`);

  let server: BenchServer | null = null;
  const problems: string[] = [];
  const peak = rssSampler();
  try {
    server = await startBenchServer({ databaseUrl: db.url, redisUrl, redisPrefix });
    const { deps } = server;
    console.log(await describeServer(server));
    const admin = await createAdmin(deps, 'bench');
    const ctx: Ctx = { opt, server, deps, dbUrl: db.url, redisUrl, redisPrefix, problems, admin };

    if (opt.slot) await slotBench(ctx);
    if (opt.crash) await crashBench(ctx);

    const client = createCasinoClient({ baseUrl: server.baseUrl, tokens: memoryTokenStore(admin) });
    const reconcile = await client.admin.economy.reconcile.query();
    if (reconcile.violations.length)
      problems.push(`reconcile: ${reconcile.violations.length} violations, e.g. ${JSON.stringify(reconcile.violations[0])}`);
    console.log(
      `\nledger   reconcile: ${reconcile.checkedUsers} users, ${reconcile.violations.length} violations; server RSS peak over the run ${mb(Math.max(peak.peak, maxRss()))}`,
    );
  } finally {
    peak.stop();
    await server?.close();
    await deleteRedisPrefix(redisUrl, redisPrefix).catch((e: Error) => console.error(`redis cleanup failed: ${e.message}`));
    if (process.env.BENCH_KEEP_DB === '1') console.log(`kept database ${db.name}`);
    else await db.drop().catch((e: Error) => console.error(`could not drop ${db.name}: ${e.message}`));
  }
  if (problems.length) throw new Error(problems.join('\n'));
}
