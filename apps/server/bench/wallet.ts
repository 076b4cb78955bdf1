/**
 * `pnpm bench wallet`: admin debits end to end over HTTP against the same transaction run
 * by pgbench and against the minimal debit, in one run, on a fresh database.
 *
 *   server   the built server (apps/server/dist/main.js) in its own process (lib/server-process.ts):
 *            its CPU and RSS from /proc, alone.
 *   HTTP     wrk, --clients connections (one thread each) with the admin's token, each POSTing
 *            admin.users.adjustBalance(delta -1) for its own share of the --players players
 *            (player i belongs to connection i mod clients: no two debits of one player in
 *            flight): auth, then BEGIN; UPDATE users … + INSERT wallet_ledger (one CTE);
 *            INSERT admin_audit_log; COMMIT; then the live event to Redis.
 *            `--load node`: the typed-client load process instead (lib/http-load.ts).
 *   pgbench  once the server stopped, --clients clients over the same player shares: (a) the same BEGIN … COMMIT
 *            (PGBENCH_SCRIPT, the wallet statement rendered from the product's code), protocol
 *            `extended` by default (Drizzle's unnamed statements); (b) the minimal debit
 *            (lib/minimal.ts: balance update + one ledger row), the physical limit.
 *
 * Prints debits/s, p50/p99, server and client CPU per debit (goal ≤ 0.6 ms server; client
 * < half of it), round trips per debit, RSS, both ratios (goal ≥ 0.5 against the minimal),
 * each with the load average, and checks the ledger afterwards. `--profile`: the server's CPU
 * profile grouped. Figures only; exits non-zero on errors.
 *
 *   pnpm bench wallet                  32 connections, 128 players, 2 s warm-up + 10 s
 *   pnpm bench wallet --profile        + where the server's CPU went
 */
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createCaller, createInnerContext } from '@casino/api';
import { queryRows } from '@casino/db';
import { sql } from 'drizzle-orm';
import { closedLoop } from './lib/closed-loop';
import { createBenchDatabase, DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, deleteRedisPrefix, redactUrl } from './lib/infra';
import { ms } from './lib/latency';
import { MINIMAL_DEBIT } from './lib/minimal';
import { type PgbenchResult, pgbenchBinary, runPgbench } from './lib/pgbench';
import { createAdmin, createPlayers } from './lib/players';
import { cpuMeter, loadAverage } from './lib/proc';
import { profileLines, summarizeProfile } from './lib/profile-summary';
import { startServerProcess } from './lib/server-process';
import { createSetupDeps, reconcile } from './lib/setup-deps';
import { walletStatement } from './lib/statements';
import { idleRates, measureNodeLoad, measureWindow, windowLines } from './lib/window';
import type { WalletLoadParams } from './wallet-load';

export const description = 'admin gold debits/s over HTTP (wrk) vs the same transaction and the minimal debit in pgbench';

export const usage = `pnpm bench wallet [--clients 32] [--warmup 2] [--duration 10] [--players 128] [--direct]
                  [--pgbench-protocol extended|prepared|simple] [--profile] [--load wrk|node]

  --direct also runs the same calls in the bench process through createCaller (no HTTP,
  no tRPC transport, no client), to split transport cost from service + database cost.
  --profile runs the server under node --cpu-prof and prints self time by group over the window.
  --load node: the typed-client load process instead of wrk (WRK=path to wrk).

  PostgreSQL server: DATABASE_URL (default ${DEFAULT_DATABASE_URL}); a fresh database is
  created on it and dropped afterwards (BENCH_KEEP_DB=1 keeps it).
  Redis: REDIS_URL (default ${DEFAULT_REDIS_URL}); keys under a per-run prefix, deleted afterwards.
  BENCH_LOG_LEVEL (default warn), PGBENCH (path to pgbench).`;

/** Client c's players: first_id + c + k × clients. Variables: first_id, clients, players. */
const PLAYER_OF_CLIENT = `\\set k random(0, (:players - 1 - :client_id) / :clients)
\\set id :first_id + :client_id + :k * :clients`;

/** What services/admin/users.ts adjustBalance → wallet.applyChange (no idempotency key: one CTE statement) → writeAudit run. */
export const PGBENCH_SCRIPT = `${PLAYER_OF_CLIENT}
BEGIN;
${walletStatement(':id', [
  { currency: "'gold'", delta: '-1', reason: "'admin_deduct'", refType: "'admin'", refId: ':admin_id', key: 'NULL' },
])} \\gset led_
INSERT INTO admin_audit_log (admin_id, action, target_type, target_id, before, after, meta, ip)
  VALUES (:admin_id, 'user.adjust_balance', 'user', CAST(:id AS text),
    jsonb_build_object('gold', CAST(:led_balance_after AS bigint) + 1), jsonb_build_object('gold', CAST(:led_balance_after AS bigint)),
    jsonb_build_object('reason', 'bench debit', 'delta', -1, 'ledgerId', CAST(:led_id AS bigint)), '127.0.0.1');
COMMIT;
`;

const GRANT = 1_000_000_000;

function protocol(v: string | undefined): 'simple' | 'extended' | 'prepared' {
  if (v === 'simple' || v === 'extended' || v === 'prepared') return v;
  throw new Error(`--pgbench-protocol must be simple, extended or prepared\n\n${usage}`);
}

function options(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      clients: { type: 'string', default: '32' },
      warmup: { type: 'string', default: '2' },
      duration: { type: 'string', default: '10' },
      players: { type: 'string', default: '128' },
      direct: { type: 'boolean', default: false },
      'pgbench-protocol': { type: 'string', default: 'extended' },
      profile: { type: 'boolean', default: false },
      load: { type: 'string', default: 'wrk' },
    },
  });
  const int = (name: keyof typeof values, min: number, max: number) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer in ${min}..${max}\n\n${usage}`);
    return n;
  };
  const clients = int('clients', 1, 512);
  const load = values.load;
  if (load !== 'wrk' && load !== 'node') throw new Error(`--load must be wrk or node\n\n${usage}`);
  return {
    clients,
    warmup: int('warmup', 0, 600),
    duration: int('duration', 1, 3600),
    players: int('players', clients, 100_000),
    direct: values.direct === true,
    protocol: protocol(values['pgbench-protocol']),
    profile: values.profile === true,
    load: load as 'wrk' | 'node',
  };
}

export async function run(argv: string[]): Promise<void> {
  const opt = options(argv);
  const serverUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;
  const db = await createBenchDatabase(serverUrl);
  const redisPrefix = `bench:${db.name}:`;
  const profileDir = opt.profile ? mkdtempSync(join(tmpdir(), 'casino-wallet-profile-')) : null;
  console.log(
    `wallet bench — ${opt.clients} ${opt.load === 'wrk' ? 'wrk connections' : 'typed clients (--load node)'}, ${opt.warmup} s warm-up + ${opt.duration} s, ${opt.players} players`,
  );
  console.log(`  database ${redactUrl(db.url)} (fresh), redis ${redactUrl(redisUrl)} (prefix ${redisPrefix}), ${pgbenchBinary()}`);

  const server = await startServerProcess({ databaseUrl: db.url, redisUrl, redisPrefix, profileDir });
  // --direct runs its calls through this process's pool: as many connections as the server has.
  const setup = await createSetupDeps(server.env, opt.direct ? 32 : 4);
  let stopped = false;
  const problems: string[] = [];
  try {
    const { deps } = setup;
    const [pg] = await queryRows<{ version: string; sync: string }>(
      deps.db,
      sql`SELECT current_setting('server_version') AS version, current_setting('synchronous_commit') AS sync`,
    );
    console.log(
      `  server   node dist/main.js (built), pid ${server.pid}, ${server.baseUrl}, NODE_ENV=production, LOG_LEVEL=${server.env.LOG_LEVEL}` +
        `${opt.profile ? ', --cpu-prof' : ''}; PostgreSQL ${pg?.version}, synchronous_commit=${pg?.sync}; ${cpus().length} cores`,
    );

    // --- setup: an admin (role admin in its row before its session is opened) and players funded through the API.
    const adminTokens = await createAdmin(deps, 'bench');
    const adminId = adminTokens.userId;
    // Players funded through the ledger as signup funds an account (an admin grant this large waits for a second admin's approval).
    const playerIds = (await createPlayers(deps, { tag: 'bench_p', count: opt.players, gold: GRANT })).map((p) => p.userId);
    const firstId = playerIds[0] as number;

    // --- HTTP load: connection c debits players c, c + clients, … in turn.
    const shareOf = (c: number) => playerIds.filter((_, i) => i % opt.clients === c);
    const debit = (userId: number) => ({ userId, currency: 'gold' as const, delta: -1, reason: 'bench debit' });
    const idle = await idleRates(server);
    const measure = (durationSec: number) =>
      opt.load === 'wrk'
        ? measureWindow(
            server,
            {
              baseUrl: server.baseUrl,
              path: '/trpc/admin.users.adjustBalance',
              connections: Array.from({ length: opt.clients }, (_, c) => ({
                headers: { 'content-type': 'application/json', authorization: `Bearer ${adminTokens.accessToken}` },
                bodies: shareOf(c).map((id) => JSON.stringify({ json: debit(id) })),
              })),
              durationSec,
            },
            idle,
          )
        : measureNodeLoad<WalletLoadParams>(
            server,
            {
              module: new URL('./wallet-load.ts', import.meta.url).href,
              params: { baseUrl: server.baseUrl, tokens: adminTokens, playerIds, clients: opt.clients },
              clients: opt.clients,
              warmupMs: 0,
              durationMs: durationSec * 1000,
            },
            idle,
          );
    if (opt.warmup > 0) await measure(opt.warmup);
    const fromUs = Number(process.hrtime.bigint() / 1000n);
    const http = await measure(opt.duration);
    const toUs = Number(process.hrtime.bigint() / 1000n);
    if (http.wrk.errors.total) problems.push(`${http.wrk.errors.total} HTTP debits failed`);

    // --- optional: the same calls in this process, without HTTP (bench-process CPU).
    let direct: string | null = null;
    let directTotal = 0;
    if (opt.direct) {
      const call = (c: number) => {
        const share = shareOf(c);
        let k = 0;
        return () =>
          createCaller(
            createInnerContext({ deps, accessToken: adminTokens.accessToken, meta: { ip: '127.0.0.1', requestId: 'bench' } }),
          ).admin.users.adjustBalance(debit(share[k++ % share.length] as number));
      };
      let measureCpu: (() => { cpuMs: number }) | null = null;
      let cpuMs = 0;
      const stats = await closedLoop(
        Array.from({ length: opt.clients }, (_, c) => call(c)),
        {
          warmupMs: opt.warmup * 1000,
          durationMs: opt.duration * 1000,
          onWindowStart: () => {
            measureCpu = cpuMeter(process.pid);
          },
          onWindowEnd: () => {
            cpuMs = measureCpu?.().cpuMs ?? 0;
          },
        },
      );
      directTotal = stats.completedTotal;
      const rate = (stats.completed * 1000) / stats.windowMs;
      if (stats.errors) problems.push(`${stats.errors} in-process calls failed, e.g.: ${stats.errorSamples.join(' | ')}`);
      direct =
        `  direct   ${rate.toFixed(0).padStart(6)} debits/s  (in-process createCaller, no HTTP; ${stats.errors} errors)  ` +
        `p50 ${ms(stats.latency.p50)}  p99 ${ms(stats.latency.p99)}  bench process ${ms(cpuMs / Math.max(1, stats.completed))} CPU per debit  [${loadAverage()}]`;
    }

    // The server stops before pgbench: its workers and its connection pool leave the database to pgbench.
    stopped = true;
    const profileFile = await server.stop();

    // --- pgbench, same database, same player shares: the product's transaction, then the minimal one.
    const pgbench = async (name: string, script: string, protocol: 'simple' | 'extended' | 'prepared') => {
      try {
        const r = await runPgbench({
          url: db.url,
          script,
          clients: opt.clients,
          threads: Math.min(opt.clients, cpus().length),
          durationSec: opt.duration,
          protocol,
          vars: { first_id: firstId, players: opt.players, clients: opt.clients, admin_id: adminId },
        });
        if (r.failed) problems.push(`pgbench (${name}): ${r.failed} transactions failed`);
        return { r, load: loadAverage() };
      } catch (err) {
        problems.push(`pgbench (${name}): ${err instanceof Error ? err.message : String(err)}`);
        return { r: null as PgbenchResult | null, load: loadAverage() };
      }
    };
    const own = await pgbench('own statements', PGBENCH_SCRIPT, opt.protocol);
    const minimal = await pgbench('minimal', MINIMAL_DEBIT, 'prepared');

    // --- consistency after all of them.
    const books = await reconcile(deps, adminTokens);
    if (books.violations.length)
      problems.push(`reconcile: ${books.violations.length} violations, e.g. ${JSON.stringify(books.violations[0])}`);
    const [counts] = await queryRows<{ ledger: string; audit: string; debits: string }>(
      deps.db,
      sql`SELECT (SELECT count(*) FROM wallet_ledger WHERE ref_type = 'admin' AND ref_id <> 'bench') AS ledger,
                 (SELECT count(*) FROM admin_audit_log WHERE action = 'user.adjust_balance') AS audit,
                 (SELECT count(*) FROM wallet_ledger WHERE reason = 'admin_deduct') AS debits`,
    );
    if (counts?.ledger !== counts?.audit) problems.push(`admin ledger entries (${counts?.ledger}) ≠ audit rows (${counts?.audit})`);

    const tps = (r: PgbenchResult | null) => r?.tps ?? Number.NaN;
    const ratio = (t: number) => (t > 0 ? (http.wrk.ratePerSec / t).toFixed(2) : 'n/a');
    console.log('');
    for (const line of windowLines(http, 'debit', { cpuMs: 0.6 })) console.log(line);
    if (direct) console.log(direct);
    console.log(
      `  pgbench  minimal debit ${tps(minimal.r).toFixed(0).padStart(6)} tps (-M prepared, ${minimal.r?.transactions ?? 0} tx, avg ${ms(minimal.r?.latencyAvgMs ?? Number.NaN)}, p99 ${ms(minimal.r?.latencyP99Ms ?? Number.NaN)})  ` +
        `→ debits/s ÷ minimal = ${ratio(tps(minimal.r))} (goal ≥ 0.5; the physical limit)  [${minimal.load}]`,
    );
    console.log(
      `           own statements ${tps(own.r).toFixed(0).padStart(5)} tps (-M ${opt.protocol}, ${own.r?.transactions ?? 0} tx, avg ${ms(own.r?.latencyAvgMs ?? Number.NaN)}, p99 ${ms(own.r?.latencyP99Ms ?? Number.NaN)})  ` +
        `→ debits/s ÷ own = ${ratio(tps(own.r))} (the SQL's efficiency)  [${own.load}]`,
    );
    console.log(
      `  ledger   reconcile: ${books.checkedUsers} users, ${books.violations.length} violations; ` +
        `${counts?.debits} debit entries (HTTP incl. warm-up${direct ? ` + direct ${directTotal}` : ''} + pgbench ${(own.r?.transactions ?? 0) + (minimal.r?.transactions ?? 0)}); ` +
        `admin ledger entries ${counts?.ledger} = audit rows ${counts?.audit}`,
    );
    if (profileFile) {
      for (const line of profileLines(summarizeProfile(profileFile, { fromUs, toUs }))) console.log(line);
      console.log(`  profile  ${profileFile} (open in Chrome DevTools › Performance)`);
    }
  } finally {
    if (!stopped) await server.stop().catch(() => null);
    await setup.close().catch(() => {});
    await deleteRedisPrefix(redisUrl, redisPrefix).catch((e: Error) => console.error(`redis cleanup failed: ${e.message}`));
    if (process.env.BENCH_KEEP_DB === '1') console.log(`kept database ${db.name}`);
    else await db.drop().catch((e: Error) => console.error(`could not drop ${db.name}: ${e.message}`));
  }
  if (problems.length) throw new Error(problems.join('\n'));
}
