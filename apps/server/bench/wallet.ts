/**
 * `pnpm bench wallet`: admin debits end to end over HTTP against the same
 * transaction run by pgbench, in one run, on a fresh database.
 *
 *   HTTP     32 load clients (typed client, separate process) → this process's
 *            Fastify/tRPC server → admin.users.adjustBalance(delta -1): auth, then
 *            BEGIN; UPDATE users … + INSERT wallet_ledger (one CTE); INSERT
 *            admin_audit_log; COMMIT; then the live event to Redis.
 *   pgbench  32 clients, the same BEGIN … COMMIT over the same players. Protocol
 *            `extended` by default: Drizzle runs its queries as unnamed statements
 *            (postgres.js `prepare: false` unless a query is `.prepare()`d), i.e. a
 *            Parse per statement, which is what pgbench -M extended does.
 *
 * Prints both rates, their ratio (goal ≥ 0.5), HTTP p50/p99, the server's RSS and
 * CPU use, and checks the ledger afterwards. Figures only; exits non-zero on errors.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { createCaller, createInnerContext } from '@casino/api';
import { createCasinoClient, memoryTokenStore } from '@casino/client';
import { inviteCodes, queryRows, users } from '@casino/db';
import { eq, sql } from 'drizzle-orm';
import { closedLoop, type LoopStats } from './lib/closed-loop';
import { type LoadHooks, runHttpLoad } from './lib/http-load';
import { createBenchDatabase, DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, deleteRedisPrefix, redactUrl } from './lib/infra';
import { ms } from './lib/latency';
import { pgbenchBinary, runPgbench } from './lib/pgbench';
import { type Profiler, startCpuProfile } from './lib/profile';
import { type CpuWindow, cpuWindow, maxRss, mb, pct, rssSampler } from './lib/resources';
import { describeServer, startBenchServer } from './lib/server';
import { walletStatement } from './lib/statements';
import type { WalletLoadParams } from './wallet-load';

export const description = 'admin gold debits/s over HTTP (typed client) vs the same transaction in pgbench';

export const usage = `pnpm bench wallet [--clients 32] [--warmup 2] [--duration 10] [--players 128] [--direct]
                  [--pgbench-protocol extended|prepared|simple]

  --direct also runs the same calls in the server process through createCaller (no HTTP,
  no tRPC transport, no client), to split transport cost from service + database cost.

  PostgreSQL server: DATABASE_URL (default ${DEFAULT_DATABASE_URL}); a fresh database is
  created on it and dropped afterwards (BENCH_KEEP_DB=1 keeps it).
  Redis: REDIS_URL (default ${DEFAULT_REDIS_URL}); keys under a per-run prefix, deleted afterwards.
  BENCH_LOG_LEVEL (default warn), PGBENCH (path to pgbench),
  BENCH_CPU_PROFILE=file.cpuprofile: V8 profile of the server over the measured HTTP window.`;

/** What services/admin/users.ts adjustBalance → wallet.applyChange (no idempotency key: one CTE statement) → writeAudit run. */
export const PGBENCH_SCRIPT = `\\set id random(:first_id, :last_id)
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

/** CPU milliseconds per operation from a core share and a rate. */
const cpuMsPer = (coreShare: number, perSec: number) => (perSec > 0 ? ms((coreShare * 1000) / perSec) : 'n/a');

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
    },
  });
  const int = (name: keyof typeof values, min: number, max: number) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer in ${min}..${max}\n\n${usage}`);
    return n;
  };
  return {
    clients: int('clients', 1, 512),
    warmup: int('warmup', 0, 600),
    duration: int('duration', 1, 3600),
    players: int('players', 1, 100_000),
    direct: values.direct === true,
    protocol: protocol(values['pgbench-protocol']),
  };
}

export async function run(argv: string[]): Promise<void> {
  const opt = options(argv);
  const serverUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;
  const rss = rssSampler();
  const db = await createBenchDatabase(serverUrl);
  const redisPrefix = `bench:${db.name}:`;
  console.log(`wallet bench — ${opt.clients} clients, ${opt.warmup} s warm-up + ${opt.duration} s, ${opt.players} players`);
  console.log(`  database ${redactUrl(db.url)} (fresh), redis ${redactUrl(redisUrl)} (prefix ${redisPrefix}), ${pgbenchBinary()}`);

  let server: Awaited<ReturnType<typeof startBenchServer>> | null = null;
  const problems: string[] = [];
  try {
    server = await startBenchServer({ databaseUrl: db.url, redisUrl, redisPrefix });
    const { deps } = server;
    console.log(await describeServer(server));

    // --- setup: an admin (signed up over HTTP, then promoted) and players funded through the API.
    const inviteCode = `BENCH_${db.name}`;
    await deps.db.insert(inviteCodes).values({ code: inviteCode, maxUses: 1 });
    const tokens = memoryTokenStore();
    const admin = createCasinoClient({ baseUrl: server.baseUrl, tokens });
    const signedUp = await admin.auth.signup.mutate({
      siteId: 'bench_admin',
      nickname: 'bench admin',
      password: `bench-${db.name}`,
      inviteCode,
    });
    tokens.set({ accessToken: signedUp.accessToken, refreshToken: signedUp.refreshToken });
    await deps.db.update(users).set({ role: 'admin' }).where(eq(users.id, signedUp.user.id));
    // Players are plain rows with zero balance and no usable password (no argon2 in setup);
    // their gold comes only through the wallet, so balance = sum(ledger) from the start.
    const created = await deps.db
      .insert(users)
      .values(
        Array.from({ length: opt.players }, (_, i) => ({
          siteId: `bench_p${i}`,
          nickname: `bench p${i}`,
          passwordHash: '!bench-no-login',
        })),
      )
      .returning({ id: users.id });
    const playerIds = created.map((r) => r.id).sort((a, b) => a - b);
    const firstId = playerIds[0] as number;
    const lastId = playerIds[playerIds.length - 1] as number;
    if (lastId - firstId + 1 !== playerIds.length) throw new Error('player ids are not contiguous (pgbench picks ids by range)');
    await Promise.all(
      playerIds.map((userId) => admin.admin.users.adjustBalance.mutate({ userId, currency: 'gold', delta: GRANT, reason: 'bench grant' })),
    );

    // --- HTTP load from a separate process (optionally profiling this process over the window).
    const profileFile = process.env.BENCH_CPU_PROFILE;
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
    const http = await runHttpLoad<WalletLoadParams>(
      {
        module: new URL('./wallet-load.ts', import.meta.url).href,
        params: { baseUrl: server.baseUrl, tokens: { accessToken: signedUp.accessToken, refreshToken: signedUp.refreshToken }, playerIds },
        clients: opt.clients,
        warmupMs: opt.warmup * 1000,
        durationMs: opt.duration * 1000,
      },
      hooks,
    );
    if (profileWritten) console.log(`  CPU profile of the server over the HTTP window: ${await profileWritten}`);
    const rssAfter = process.memoryUsage.rss();
    if (http.errors) problems.push(`${http.errors} HTTP calls failed, e.g.: ${http.errorSamples.join(' | ')}`);

    // --- optional: the same calls in-process, without HTTP.
    let direct: (LoopStats & { cpu: CpuWindow }) | null = null;
    if (opt.direct) {
      const accessToken = signedUp.accessToken;
      const call = () =>
        createCaller(createInnerContext({ deps, accessToken, meta: { ip: '127.0.0.1', requestId: 'bench' } })).admin.users.adjustBalance({
          userId: playerIds[Math.floor(Math.random() * playerIds.length)] as number,
          currency: 'gold',
          delta: -1,
          reason: 'bench debit',
        });
      let measure: (() => CpuWindow) | null = null;
      let cpu: CpuWindow | null = null;
      const stats = await closedLoop(
        Array.from({ length: opt.clients }, () => call),
        {
          warmupMs: opt.warmup * 1000,
          durationMs: opt.duration * 1000,
          onWindowStart: () => {
            measure = cpuWindow();
          },
          onWindowEnd: () => {
            cpu = measure?.() ?? null;
          },
        },
      );
      direct = { ...stats, cpu: cpu ?? { process: 0, machine: 0, cores: 0 } };
      if (stats.errors) problems.push(`${stats.errors} in-process calls failed, e.g.: ${stats.errorSamples.join(' | ')}`);
    }
    const directTotal = direct?.completedTotal ?? 0;

    // --- pgbench, same database, same players, same transaction.
    const pgCpu = cpuWindow();
    const bench = await runPgbench({
      url: db.url,
      script: PGBENCH_SCRIPT,
      clients: opt.clients,
      threads: Math.min(opt.clients, cpus().length),
      durationSec: opt.duration,
      protocol: opt.protocol,
      vars: { first_id: firstId, last_id: lastId, admin_id: signedUp.user.id },
    });
    const pgMachine = pgCpu().machine;
    if (bench.failed) problems.push(`${bench.failed} pgbench transactions failed`);

    // --- consistency after both.
    const reconcile = await admin.admin.economy.reconcile.query();
    if (reconcile.violations.length) problems.push(`reconcile: ${reconcile.violations.length} violations`);
    const [counts] = await queryRows<{ ledger: string; audit: string; debits: string }>(
      deps.db,
      sql`SELECT (SELECT count(*) FROM wallet_ledger WHERE ref_type = 'admin') AS ledger,
                 (SELECT count(*) FROM admin_audit_log WHERE action = 'user.adjust_balance') AS audit,
                 (SELECT count(*) FROM wallet_ledger WHERE reason = 'admin_deduct') AS debits`,
    );
    if (counts?.ledger !== counts?.audit) problems.push(`admin ledger entries (${counts?.ledger}) ≠ audit rows (${counts?.audit})`);

    const ratio = bench.tps > 0 ? http.ratePerSec / bench.tps : Number.NaN;
    const c = http.serverCpu;
    console.log('');
    console.log(
      `HTTP     ${http.ratePerSec.toFixed(0).padStart(6)} debits/s  (${http.completed} in ${opt.duration} s, ${http.errors} errors)  ` +
        `p50 ${ms(http.latency.p50)}  p90 ${ms(http.latency.p90)}  p99 ${ms(http.latency.p99)}  max ${ms(http.latency.max)}`,
    );
    if (direct) {
      const rate = (direct.completed * 1000) / direct.windowMs;
      console.log(
        `direct   ${rate.toFixed(0).padStart(6)} debits/s  (in-process createCaller, no HTTP; ${direct.errors} errors)  ` +
          `p50 ${ms(direct.latency.p50)}  p99 ${ms(direct.latency.p99)}  server ${pct(direct.cpu.process)} of a core (${cpuMsPer(direct.cpu.process, rate)} per debit)`,
      );
    }
    console.log(
      `pgbench  ${bench.tps.toFixed(0).padStart(6)} tps       (${bench.transactions} tx, ${bench.failed} failed, -M ${opt.protocol})  ` +
        `latency avg ${ms(bench.latencyAvgMs ?? Number.NaN)}`,
    );
    console.log(`ratio    HTTP/pgbench = ${ratio.toFixed(2)}  (goal ≥ 0.5)`);
    console.log(`server   RSS ${mb(rssAfter)} after the HTTP load, peak ${mb(Math.max(rss.peak, maxRss()))}`);
    console.log(
      `cpu      HTTP phase: server ${pct(c.process)} of a core (${cpuMsPer(c.process, http.ratePerSec)} per debit), ` +
        `load process ${pct(http.loadProcessCpu)} of a core, ` +
        `machine ${pct(c.machine)} of ${c.cores} cores; pgbench phase: machine ${pct(pgMachine)}`,
    );
    console.log(
      `ledger   reconcile: ${reconcile.checkedUsers} users, ${reconcile.violations.length} violations; ` +
        `${counts?.debits} debit entries (HTTP ${http.completedTotal}${direct ? ` + direct ${directTotal}` : ''} + pgbench ${bench.transactions} = ${http.completedTotal + directTotal + bench.transactions}); ` +
        `admin ledger entries ${counts?.ledger} = audit rows ${counts?.audit}`,
    );
  } finally {
    rss.stop();
    await server?.close();
    await deleteRedisPrefix(redisUrl, redisPrefix).catch((e: Error) => console.error(`redis cleanup failed: ${e.message}`));
    if (process.env.BENCH_KEEP_DB === '1') console.log(`kept database ${db.name}`);
    else await db.drop().catch((e: Error) => console.error(`could not drop ${db.name}: ${e.message}`));
  }
  if (problems.length) throw new Error(problems.join('\n'));
}
