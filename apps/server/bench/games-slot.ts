/**
 * The slot part of `pnpm bench games` (games.ts parses the options and calls runSlot).
 *
 *   server   the built server (apps/server/dist/main.js, bundled first) in its own process,
 *            on a fresh database and Redis prefix: its CPU and RSS come from /proc, alone.
 *   load     wrk, one thread and connection per player (own session token, so a player never
 *            has two spins in flight), POST /trpc/games.slot.spin {"json":{"bet":…}} back to
 *            back; `--load node` uses the typed-client load process instead (lib/http-load.ts).
 *   pgbench  right after (the server stopped, so its workers and pool leave the database to
 *            pgbench), with as many clients as players, each on its own player:
 *            (a) the spin's own statement (slotPgbenchScript: the product's slotRoundStatement
 *            rendered with pgbench expressions) and
 *            (b) the minimal spin (lib/minimal.ts): the physical limit.
 *
 * Prints spins/s, p50/p99, server and client CPU per spin, the client's share, PostgreSQL
 * statements and Redis commands per spin (the server's /metrics counters) and socket writes
 * per spin (round trips on the wire), RSS, both pgbench rates and ratios, each with the load
 * average. `--soak <min>` runs the load in one-minute windows and prints RSS and heap after
 * each; `--profile` profiles the server (node --cpu-prof) and prints where the window's
 * samples went. Exits non-zero on failed spins or pgbench transactions and ledger violations.
 */

import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiConfig, slotRoundStatement } from '@casino/api';
import { queryRows } from '@casino/db';
import { hmacStream, slotRtp, spinSlot } from '@casino/shared';
import { sql } from 'drizzle-orm';
import type { SlotLoadParams } from './games-load';
import { checkpoint, createBenchDatabase, deleteRedisPrefix, redactUrl } from './lib/infra';
import { ms } from './lib/latency';
import { MINIMAL_SPIN } from './lib/minimal';
import { type PgbenchResult, runPgbench } from './lib/pgbench';
import { type BenchPlayer, createAdmin, createPlayers } from './lib/players';
import { type CpuUse, loadAverage, procSample } from './lib/proc';
import { profileLines, summarizeProfile } from './lib/profile-summary';
import { seedProgression, slotProgressVars, slotRoundPgbenchValues } from './lib/progression';
import { mb } from './lib/resources';
import { startServerProcess } from './lib/server-process';
import { createSetupDeps, reconcile } from './lib/setup-deps';
import { pgbenchText } from './lib/statements';
import { idleRates, measureNodeLoad, measureWindow, type Window, windowLines } from './lib/window';
import type { WrkSpec } from './lib/wrk';

export type SlotOptions = {
  clients: number;
  warmup: number;
  duration: number;
  bet: number;
  protocol: 'extended' | 'prepared';
  progression: boolean;
  soakMinutes: number;
  profile: boolean;
  load: 'wrk' | 'node';
};

const SLOT_GOLD = 1_000_000_000;

/**
 * One games.slot.spin as pgbench runs it: the product's own round statement (slotRoundStatement,
 * one statement, no transaction around it) rendered with pgbench expressions. The server takes
 * the seed and nonce from its cache; here they are read by subqueries of the same statement.
 * Variables: first_id (client_id → player first_id + client_id), bet_amount, hit_ppm,
 * win_payout, outcome (a real spin's outcome JSON), config_version, bet_suffix / win_suffix
 * (':bet' / ':win': pgbench would take a ':name' inside a literal for a variable), and the
 * progression values of lib/progression.ts (inc_win / inc_loss). The server deletes delivered
 * outbox rows in batches; the script leaves them.
 */
const v = (text: string) => sql.raw(text);

export const slotPgbenchScript = (config: ApiConfig, bet: number, at: Date) => {
  const p = slotRoundPgbenchValues(config, bet, at);
  const round = `CAST(md5(:id || '-' || :r1 || '-' || :r2) AS uuid)`;
  const seed = `(SELECT %s FROM fairness_seeds WHERE user_id = :id AND revealed_at IS NULL)`;
  const text = pgbenchText(
    slotRoundStatement({
      ...p,
      user: v(':id'),
      session: v('(SELECT id FROM sessions WHERE user_id = :id AND revoked_at IS NULL ORDER BY created_at DESC LIMIT 1)'),
      seed: v(seed.replace('%s', 'id')),
      nonce: v(seed.replace('%s', 'next_nonce')),
      currency: v("'gold'"),
      stake: v(':bet'),
      payout: v(':payout'),
      betReason: v("'slot_bet'"),
      winReason: v("'slot_win'"),
      roundId: v(round),
      betKey: v(`'round:' || ${round} || :bet_suffix`),
      winKey: v(`'round:' || ${round} || :win_suffix`),
      game: v("'slot'"),
      multiplier: v(':multiplier'),
      result: v("CASE WHEN CAST(:win AS int) = 1 THEN 'win' ELSE 'loss' END"),
      outcome: v(':outcome'),
      configVersion: v(':config_version'),
      at: v('now()'),
      win: v(':win'),
      loss: v(':loss'),
    }),
  );
  return `\\set id :first_id + :client_id
\\set bet :bet_amount
\\set r random(0, 999999)
\\set r1 random(0, 2000000000)
\\set r2 random(0, 2000000000)
\\if :r < :hit_ppm
\\set payout :win_payout
\\set win 1
\\else
\\set payout 0
\\set win 0
\\endif
\\set loss 1 - :win
\\set multiplier :payout * 1.0 / :bet
${text.replace(/\s*\n\s*/g, ' ')};
`;
};

/** wrk connections: one per player, its own token, the same body. */
export const spinConnections = (players: BenchPlayer[], bet: number): WrkSpec['connections'] =>
  players.map((p) => ({
    headers: { 'content-type': 'application/json', authorization: `Bearer ${p.accessToken}` },
    bodies: [JSON.stringify({ json: { bet } })],
  }));

const rate = (r: PgbenchResult | null) => r?.tps ?? Number.NaN;

/** Returns the spins/s measured over HTTP (the crash part compares its bets with it). */
export async function runSlot(opt: SlotOptions, env: { databaseUrl: string; redisUrl: string }, problems: string[]): Promise<number> {
  const db = await createBenchDatabase(env.databaseUrl);
  const redisPrefix = `bench:${db.name}:`;
  const profileDir = opt.profile ? mkdtempSync(join(tmpdir(), 'casino-slot-profile-')) : null;
  console.log(`\nslot — database ${redactUrl(db.url)} (fresh), redis prefix ${redisPrefix}`);
  const server = await startServerProcess({ databaseUrl: db.url, redisUrl: env.redisUrl, redisPrefix, profileDir });
  const setup = await createSetupDeps(server.env);
  let stopped = false;
  try {
    const { deps } = setup;
    const [pg] = await queryRows<{ version: string; sync: string; cfg: number | null }>(
      deps.db,
      sql`SELECT current_setting('server_version') AS version, current_setting('synchronous_commit') AS sync,
                 (SELECT max(version) FROM game_config_versions) AS cfg`,
    );
    console.log(
      `  server   node dist/main.js (built), pid ${server.pid}, ${server.baseUrl}, NODE_ENV=production, LOG_LEVEL=${server.env.LOG_LEVEL}` +
        `${opt.profile ? ', --cpu-prof' : ''}; PostgreSQL ${pg?.version}, synchronous_commit=${pg?.sync}; ${cpus().length} cores`,
    );

    const admin = await createAdmin(deps, 'bench');
    const players = await createPlayers(deps, { tag: 'bench_slot', count: opt.clients, gold: SLOT_GOLD });
    const content = opt.progression ? await seedProgression(server.baseUrl, admin, players, deps.clock.now()) : 'none';
    const soak = opt.soakMinutes > 0;
    console.log(
      `  load     ${opt.load === 'wrk' ? 'wrk' : 'Node typed client (--load node)'}: ${opt.clients} players × 1 connection, bet ${opt.bet}, ` +
        `${opt.warmup} s warm-up + ${soak ? `${opt.soakMinutes} × 60 s (soak)` : `${opt.duration} s`}; progression content: ${content}`,
    );

    await checkpoint(deps.db);
    const idle = await idleRates(server);
    const spec = (durationSec: number): WrkSpec => ({
      baseUrl: server.baseUrl,
      path: '/trpc/games.slot.spin',
      connections: spinConnections(players, opt.bet),
      durationSec,
    });
    const measure = (durationSec: number) =>
      opt.load === 'wrk'
        ? measureWindow(server, spec(durationSec), idle)
        : measureNodeLoad<SlotLoadParams>(
            server,
            {
              module: new URL('./games-load.ts', import.meta.url).href,
              params: { baseUrl: server.baseUrl, players, bet: opt.bet },
              clients: opt.clients,
              warmupMs: 0,
              durationMs: durationSec * 1000,
            },
            idle,
          );
    if (opt.warmup > 0) await measure(opt.warmup);

    const rssBefore = procSample(server.pid)?.rssBytes ?? Number.NaN;
    const fromUs = Number(process.hrtime.bigint() / 1000n);
    const windows: Window[] = [];
    const minutes: { rss: number; heap: number }[] = [];
    for (let i = 0; i < (soak ? opt.soakMinutes : 1); i++) {
      const w = await measure(soak ? 60 : opt.duration);
      windows.push(w);
      if (soak) {
        const heap = (await server.metrics()).nodejs_heap_size_used_bytes ?? Number.NaN;
        const rss = procSample(server.pid)?.rssBytes ?? Number.NaN;
        minutes.push({ rss, heap });
        console.log(
          `  minute ${String(i + 1).padStart(2)}  ${w.wrk.ratePerSec.toFixed(0).padStart(5)} spins/s  p99 ${ms(w.wrk.latency.p99)}  ` +
            `${w.wrk.errors.total} errors  server RSS ${mb(rss)} (peak ${mb(w.rssPeak)}), heap used ${mb(heap)}  [${w.load}]`,
        );
      }
    }
    const toUs = Number(process.hrtime.bigint() / 1000n);
    const w = combine(windows);
    if (w.wrk.errors.total)
      problems.push(`slot: ${w.wrk.errors.total} spins failed (${await sampleError(server.baseUrl, players[0], opt.bet)})`);

    // The server stops before pgbench: its workers and its connection pool leave the database to pgbench.
    stopped = true;
    const profileFile = await server.stop();

    // pgbench: the spin's own statements, then the minimal spin, same players.
    const cfg = deps.config.games.slot;
    const rtp = slotRtp(cfg);
    const sample = spinSlot(cfg, hmacStream('0'.repeat(64), 'bench', 0), { bet: opt.bet, streak: 0 });
    const winPayout = Math.max(1, Math.round((opt.bet * rtp.rtp) / rtp.hitRate));
    const vars = {
      first_id: players[0]?.userId as number,
      bet_amount: opt.bet,
      hit_ppm: Math.round(rtp.hitRate * 1e6),
      win_payout: winPayout,
      outcome: JSON.stringify({ ...sample, bet: opt.bet, streakBefore: 0, streakStakeBefore: 0 }),
      config_version: pg?.cfg ?? 1,
      bet_suffix: ':bet',
      win_suffix: ':win',
    };
    const pgbench = async (name: string, script: string, extra: Record<string, string | number>, protocol: 'extended' | 'prepared') => {
      try {
        const r = await runPgbench({
          url: db.url,
          script,
          clients: opt.clients,
          threads: Math.min(opt.clients, cpus().length),
          durationSec: opt.duration,
          protocol,
          vars: { ...vars, ...extra },
        });
        if (r.failed) problems.push(`slot pgbench (${name}): ${r.failed} transactions failed`);
        return { r, load: loadAverage() };
      } catch (err) {
        problems.push(`slot pgbench (${name}): ${err instanceof Error ? err.message : String(err)}`);
        return { r: null, load: loadAverage() };
      }
    };
    const own = await pgbench(
      'own statements',
      slotPgbenchScript(deps.config, opt.bet, deps.clock.now()),
      slotProgressVars(deps.config, opt.bet, deps.clock.now()),
      opt.protocol,
    );
    const minimal = await pgbench('minimal', MINIMAL_SPIN, { seq: 0 }, 'prepared');

    // Every spin is one transaction: round row, bet entry, win entry iff paid, stats row counts.
    const [c] = await queryRows<{ rounds: string; paid: string; bets: string; wins: string; stats: string }>(
      deps.db,
      sql`SELECT (SELECT count(*) FROM game_rounds WHERE game = 'slot' AND nonce >= 0) AS rounds,
                 (SELECT count(*) FROM game_rounds WHERE game = 'slot' AND nonce >= 0 AND payout > 0) AS paid,
                 (SELECT count(*) FROM wallet_ledger w WHERE reason = 'slot_bet' AND ref_id IN (SELECT id::text FROM game_rounds WHERE nonce >= 0)) AS bets,
                 (SELECT count(*) FROM wallet_ledger w WHERE reason = 'slot_win' AND ref_id IN (SELECT id::text FROM game_rounds WHERE nonce >= 0)) AS wins,
                 (SELECT coalesce(sum(total_bets), 0) FROM user_game_stats WHERE game = 'slot') AS stats`,
    );
    if (c?.rounds !== c?.bets || c?.rounds !== c?.stats || c?.paid !== c?.wins)
      problems.push(
        `slot: ${c?.rounds} rounds, ${c?.bets} bet entries, ${c?.stats} in user_game_stats, ${c?.paid} paid rounds vs ${c?.wins} win entries`,
      );
    const books = await reconcile(deps, admin);
    if (books.violations.length)
      problems.push(`slot reconcile: ${books.violations.length} violations, e.g. ${JSON.stringify(books.violations[0])}`);

    console.log('');
    for (const line of windowLines(w, 'spin', { cpuMs: 1.0 })) console.log(line);
    const spins = w.wrk.ratePerSec;
    const ratio = (tps: number) => (tps > 0 ? (spins / tps).toFixed(2) : 'n/a');
    console.log(
      `  pgbench  minimal spin ${rate(minimal.r).toFixed(0).padStart(6)} tps (-M prepared, ${minimal.r?.transactions ?? 0} tx, avg ${ms(minimal.r?.latencyAvgMs ?? Number.NaN)}, p99 ${ms(minimal.r?.latencyP99Ms ?? Number.NaN)})  ` +
        `→ spins/s ÷ minimal = ${ratio(rate(minimal.r))} (goal ≥ 0.5; the physical limit)  [${minimal.load}]`,
    );
    console.log(
      `           own statements ${rate(own.r).toFixed(0).padStart(4)} tps (-M ${opt.protocol}, ${own.r?.transactions ?? 0} tx, avg ${ms(own.r?.latencyAvgMs ?? Number.NaN)}, p99 ${ms(own.r?.latencyP99Ms ?? Number.NaN)}, ` +
        `win on ${(rtp.hitRate * 100).toFixed(1)}% paying ${winPayout})  → spins/s ÷ own = ${ratio(rate(own.r))} (the SQL's efficiency)  [${own.load}]`,
    );
    if (soak && minutes.length) {
      const first = minutes[0] as { rss: number; heap: number };
      const last = minutes[minutes.length - 1] as { rss: number; heap: number };
      console.log(
        `  soak     RSS ${mb(rssBefore)} after the warm-up, ${mb(first.rss)} after minute 1 → ${mb(last.rss)} after minute ${minutes.length} (${last.rss >= first.rss ? '+' : ''}${mb(last.rss - first.rss)}); ` +
          `heap used ${mb(first.heap)} → ${mb(last.heap)} (goal: no growth); the HTTP line above shows the worst minute's percentiles`,
      );
    }
    console.log(
      `  ledger   ${c?.rounds} spins (${c?.paid} paid) besides pgbench's minimal rounds; reconcile: ${books.checkedUsers} users, ${books.violations.length} violations`,
    );
    if (profileFile) {
      for (const line of profileLines(summarizeProfile(profileFile, { fromUs, toUs }))) console.log(line);
      console.log(`  profile  ${profileFile} (open in Chrome DevTools › Performance)`);
    }
    return spins;
  } finally {
    if (!stopped) await server.stop().catch(() => null);
    await setup.close().catch(() => {});
    await deleteRedisPrefix(env.redisUrl, redisPrefix).catch((e: Error) => console.error(`redis cleanup failed: ${e.message}`));
    if (process.env.BENCH_KEEP_DB === '1') console.log(`kept database ${db.name}`);
    else await db.drop().catch((e: Error) => console.error(`could not drop ${db.name}: ${e.message}`));
  }
}

function sumCpu(us: (CpuUse | null | undefined)[]): CpuUse {
  const cpuMs = us.reduce((s, u) => s + (u?.cpuMs ?? 0), 0);
  const wallMs = us.reduce((s, u) => s + (u?.wallMs ?? 0), 0);
  return { cpuMs, wallMs, cores: wallMs > 0 ? cpuMs / wallMs : 0 };
}

/** Windows back to back as one (soak): sums, latency percentiles of the worst minute. */
function combine(ws: Window[]): Window {
  if (ws.length === 1) return ws[0] as Window;
  const sum = (f: (w: Window) => number) => ws.reduce((s, w) => s + f(w), 0);
  const worst = ws.reduce((a, b) => (b.wrk.latency.p99 > a.wrk.latency.p99 ? b : a));
  const durationMs = sum((w) => w.wrk.durationMs);
  const requests = sum((w) => w.wrk.requests);
  const errors = { status: 0, connect: 0, read: 0, write: 0, timeout: 0, total: 0 };
  for (const w of ws) for (const k of Object.keys(errors) as (keyof typeof errors)[]) errors[k] += w.wrk.errors[k];
  const serverCpu = sum((w) => w.server.cpuMs);
  const wallMs = sum((w) => w.server.wallMs);
  return {
    wrk: {
      requests,
      durationMs,
      ratePerSec: (requests * 1000) / durationMs,
      errors,
      latency: worst.wrk.latency,
      cpuMs: sum((w) => w.wrk.cpuMs),
    },
    server: { cpuMs: serverCpu, wallMs, cores: serverCpu / wallMs },
    services: ws.every((w) => w.services)
      ? {
          postgres: ws.every((w) => w.services?.postgres) ? sumCpu(ws.map((w) => w.services?.postgres)) : null,
          redis: ws.every((w) => w.services?.redis) ? sumCpu(ws.map((w) => w.services?.redis)) : null,
        }
      : null,
    rssPeak: Math.max(...ws.map((w) => w.rssPeak)),
    counts: {
      statements: sum((w) => w.counts.statements),
      commands: sum((w) => w.counts.commands),
      pgWrites: sum((w) => w.counts.pgWrites),
      redisWrites: sum((w) => w.counts.redisWrites),
      httpWrites: sum((w) => w.counts.httpWrites),
    },
    load: (ws[ws.length - 1] as Window).load,
    client: (ws[0] as Window).client,
  };
}

/** One spin over fetch, to show what a failing spin answers (wrk counts failures, it keeps no bodies). */
async function sampleError(baseUrl: string, player: BenchPlayer | undefined, bet: number): Promise<string> {
  if (!player) return 'no player';
  try {
    const res = await fetch(`${baseUrl}/trpc/games.slot.spin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${player.accessToken}` },
      body: JSON.stringify({ json: { bet } }),
    });
    return `a spin now answers ${res.status}: ${(await res.text()).slice(0, 300)}`;
  } catch (e) {
    return `a spin now fails: ${(e as Error).message}`;
  }
}
