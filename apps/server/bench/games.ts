/**
 * `pnpm bench games`: the two game benchmarks of issues 3 and 13, each on a fresh database.
 *
 * 1. Slot (games-slot.ts): the built server in its own process, wrk as the load (one
 *    connection per player), then pgbench of the spin's own statements and of the minimal
 *    spin; prints spins/s, p99, server and client CPU per spin, round trips per spin, RSS,
 *    both ratios (goals of issue 13). `--soak <min>` prints RSS and heap every minute;
 *    `--profile` prints where the server's CPU went.
 *
 *      pnpm bench games --only slot                  32 players, 2 s warm-up + 10 s, pgbench 10 s each
 *      pnpm bench games --only slot --soak 10        the 10-minute soak
 *      pnpm bench games --only slot --profile        + the server's CPU profile, grouped
 *      pnpm bench games --only slot --load node      the old typed-client load process instead of wrk
 *
 * 2. Crash (games-crash.ts): 1,000 live rounds against the built server in its own process;
 *    bets/s against this run's spin rate, tick lag, settlement lateness, RSS.
 *
 * Both end with admin.economy.reconcile. Figures only; exits non-zero on failed calls,
 * unsettled or twice-settled rounds and ledger violations.
 */
import { parseArgs } from 'node:util';
import { runCrash } from './games-crash';
import { runSlot } from './games-slot';
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, redactUrl } from './lib/infra';
import { pgbenchBinary } from './lib/pgbench';

export const description = 'slot spins/s over HTTP vs the same transaction in pgbench; 1,000 live crash rounds: event lag, RSS';

export const usage = `pnpm bench games [--only slot|crash] [--clients 32] [--warmup 2] [--duration 10] [--bet 10]
                 [--rounds 1000] [--max-target 3] [--bet-concurrency 100] [--load-processes 2] [--spin-rate 140] [--pgbench-protocol extended|prepared]
                 [--progression] [--soak <minutes>] [--profile] [--load wrk|node]

  slot:  the built server in its own process; --clients players (one wrk connection each) spin
         for --warmup + --duration s, then pgbench runs the spin's own statements and the minimal
         spin, each with --clients clients (one player each) for --duration s.
         --progression first gives every player a running battle-pass season, three active
         missions and two joined events, so each spin's progression statements have rows to advance.
         --soak N: N one-minute windows instead of --duration, server RSS and heap after each.
         --profile: node --cpu-prof on the server; prints self time by group over the window.
         --load node: the typed-client load process (lib/http-load.ts) instead of wrk (WRK=path).
  crash: --rounds players subscribe to games.crash.onRound (SSE) and bet once each with an
         auto-cash-out target spread over [1.1, --max-target] (3× ≈ 18 s), at most
         --bet-concurrency bets in flight from --load-processes forked processes; the built server
         (own process) settles every round by itself. Bets/s is compared with the slot part's
         spins/s of the same run, or with --spin-rate when the slot part does not run.

  PostgreSQL server: DATABASE_URL (default ${DEFAULT_DATABASE_URL}); a fresh database is
  created on it and dropped afterwards (BENCH_KEEP_DB=1 keeps it).
  Redis: REDIS_URL (default ${DEFAULT_REDIS_URL}); keys under a per-run prefix, deleted afterwards.
  BENCH_LOG_LEVEL (default warn), PGBENCH (path to pgbench),
  BENCH_SERVER_FLAGS: node flags for the server process (default --max-old-space-size=192, as deployed).
  --profile also profiles the crash part's server (self time from the first bet to the report).
  BENCH_HEAP_SNAPSHOT=1: the crash server writes a heap snapshot (into apps/server/) once every
  subscription is open.`;

export type GamesOptions = ReturnType<typeof options>;

function loadKind(v: string | undefined): 'wrk' | 'node' {
  if (v === 'wrk' || v === 'node') return v;
  throw new Error(`--load must be wrk or node\n\n${usage}`);
}

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
      'load-processes': { type: 'string', default: '2' },
      'spin-rate': { type: 'string', default: '140' },
      'pgbench-protocol': { type: 'string', default: 'prepared' },
      progression: { type: 'boolean', default: false },
      soak: { type: 'string', default: '0' },
      profile: { type: 'boolean', default: false },
      load: { type: 'string', default: 'wrk' },
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
  // The server prepares every statement (postgres.js, once per connection), so pgbench does too by default.
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
    loadProcesses: num('load-processes', 1, 16),
    spinRate: num('spin-rate', 1, 100_000, false),
    protocol: protocol as 'extended' | 'prepared',
    progression: values.progression === true,
    soakMinutes: num('soak', 0, 24 * 60),
    profile: values.profile === true,
    load: loadKind(values.load),
  };
}

// ---------------------------------------------------------------- run

export async function run(argv: string[]): Promise<void> {
  const opt = options(argv);
  const serverUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;
  const parts = [opt.slot ? 'slot' : '', opt.crash ? 'crash' : ''].filter(Boolean).join(' + ');
  console.log(`games bench — ${parts}; PostgreSQL ${redactUrl(serverUrl)}, redis ${redactUrl(redisUrl)}, ${pgbenchBinary()}`);
  const problems: string[] = [];
  const spins = opt.slot ? await runSlot(opt, { databaseUrl: serverUrl, redisUrl }, problems) : null;
  // Bets are compared with the spin rate of this run, or with --spin-rate when the slot part did not run.
  const spinRate =
    spins !== null && Number.isFinite(spins)
      ? { perSec: spins, source: '(this run)' }
      : { perSec: opt.spinRate, source: '(--spin-rate: not measured in this run)' };
  if (opt.crash) await runCrash(opt, serverUrl, redisUrl, problems, spinRate);
  if (problems.length) throw new Error(problems.join('\n'));
}
