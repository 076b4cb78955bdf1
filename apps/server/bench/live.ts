/**
 * `pnpm bench live`: live-event fan-out across server instances, on a fresh database.
 *
 * `--instances` server processes (apps/server/src/main.ts, NODE_ENV=production) share one
 * PostgreSQL and one Redis, as behind the load balancer of docker-compose.yml. `--subscribers`
 * players each hold one economy.live SSE stream (topics: ADMIN_BROADCAST), spread round-robin
 * over the instances, from a forked load process (live-load.ts). Then an admin broadcasts
 * `--broadcasts` times, back to back, each to every player: batches of 1,000 notification rows
 * with their outbox events per transaction, delivered to Redis after each commit, published
 * per user channel, fanned out by each instance's one subscriber connection to its streams.
 *
 * Prints per broadcast: events delivered, missing and doubled, delivered events/s (from the
 * broadcast call to the last event received), delivery lag p50/p99 from publication (Redis
 * stream id) and from the write (outbox time); and per instance: RSS before the subscribers,
 * with them (→ memory per open stream), peak during the fan-out, and CPU during the fan-out.
 * Exits non-zero if an event is missing or doubled.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createRedisKv, createSandboxGateway, type Deps, defaultApiConfig, EventBus, silentLogger, systemClock } from '@casino/api';
import { createDb, runMigrations } from '@casino/db';
import {
  createBenchDatabase,
  DEFAULT_DATABASE_URL,
  DEFAULT_REDIS_URL,
  deleteRedisPrefix,
  redactUrl,
  waitForSubscribers,
} from './lib/infra';
import { ms } from './lib/latency';
import { forkLoadProcess } from './lib/load-process';
import { createAdmin, createPlayers } from './lib/players';
import type { LiveChildMessage, LiveLoadParams, LiveLoadResult, LiveParentMessage, RoundResult } from './live-load';

export const description = 'SSE fan-out across 3 instances: N subscribers, broadcasts, events/s, p99 delivery lag, RSS per instance';

export const usage = `pnpm bench live [--subscribers 3000] [--instances 3] [--broadcasts 5] [--open-concurrency 100]

  --subscribers players each hold one economy.live stream, round-robin over --instances server
  processes; an admin then broadcasts --broadcasts times to all of them (each: one event per player).

  PostgreSQL server: DATABASE_URL (default ${DEFAULT_DATABASE_URL}); a fresh database is created and
  dropped afterwards (BENCH_KEEP_DB=1 keeps it). Redis: REDIS_URL (default ${DEFAULT_REDIS_URL}); keys
  under a per-run prefix, deleted afterwards. BENCH_LOG_LEVEL (default warn) for the servers.`;

function options(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      subscribers: { type: 'string', default: '3000' },
      instances: { type: 'string', default: '3' },
      broadcasts: { type: 'string', default: '5' },
      'open-concurrency': { type: 'string', default: '100' },
    },
  });
  const num = (name: keyof typeof values, min: number, max: number) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer in ${min}..${max}\n\n${usage}`);
    return n;
  };
  return {
    subscribers: num('subscribers', 1, 50_000),
    instances: num('instances', 1, 8),
    broadcasts: num('broadcasts', 1, 100),
    openConcurrency: num('open-concurrency', 1, 2000),
  };
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** Resident set and CPU ticks of a process, from /proc (Linux). */
function procStats(pid: number): { rss: number; cpuTicks: number } {
  const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return { rss, cpuTicks: Number(fields[11]) + Number(fields[12]) };
}
const TICKS_PER_SEC = 100;
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

type Instance = { url: string; child: ChildProcess; pid: number };

async function startInstance(env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const prof = process.env.BENCH_CPU_PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROFILE_DIR] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 60_000; ; ) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`server on ${port} not healthy after 60 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, child, pid: child.pid as number };
}

function startLoad() {
  const load = forkLoadProcess<LiveChildMessage>(new URL('./live-load.ts', import.meta.url), 'live load process');
  return { ...load, send: (m: LiveParentMessage) => load.child.send(m) };
}

type Phase = {
  result: LiveLoadResult;
  startedAt: number;
  cpuTicks: number[];
  peakRss: number[];
  after: { rss: number; cpuTicks: number }[];
  /** CPU of the subscribers' process(es), ticks before and after. */
  loadTicks: [number, number];
};

/** Runs `fn` while sampling each instance's RSS (peak) and CPU. */
async function measure(instances: Instance[], loadPids: number[], fn: () => Promise<LiveLoadResult>): Promise<Phase> {
  const loadCpu = () => loadPids.reduce((n, pid) => n + procStats(pid).cpuTicks, 0);
  const loadBefore = loadCpu();
  const startedAt = Date.now();
  const cpuTicks = instances.map((s) => procStats(s.pid).cpuTicks);
  let peakRss = instances.map((s) => procStats(s.pid).rss);
  const sampler = setInterval(() => {
    peakRss = instances.map((s, i) => Math.max(peakRss[i] ?? 0, procStats(s.pid).rss));
  }, 100);
  try {
    const result = await fn();
    return { result, startedAt, cpuTicks, peakRss, after: instances.map((s) => procStats(s.pid)), loadTicks: [loadBefore, loadCpu()] };
  } finally {
    clearInterval(sampler);
  }
}

function printRounds(rounds: RoundResult[], calls: Map<number, { recipients: number; ms: number }>, problems: string[]) {
  console.log('  round      call       delivered  missing  doubled  events/s   publish→receive p50 / p99    write→receive p50 / p99');
  for (const r of rounds) {
    const call = calls.get(r.round);
    const label = r.round === 0 ? '(warm-up)' : String(r.round > 1000 ? r.round - 1000 : r.round);
    console.log(
      `  ${label.padEnd(9)}  ${call ? ms(call.ms).padStart(9) : '        —'}  ${String(r.delivered).padStart(9)}  ${String(r.missing).padStart(7)}  ` +
        `${String(r.duplicates).padStart(7)}  ${(r.delivered / (r.spanMs / 1000)).toFixed(0).padStart(8)}   ` +
        `${ms(r.publishLag.p50).padStart(9)} / ${ms(r.publishLag.p99).padEnd(11)}   ${ms(r.writeLag.p50).padStart(9)} / ${ms(r.writeLag.p99)}`,
    );
    if (r.missing) problems.push(`round ${r.round}: ${r.missing} subscribers got nothing`);
    if (r.duplicates) problems.push(`round ${r.round}: ${r.duplicates} events doubled`);
  }
}

function printOverall(phase: Phase, instances: Instance[], subscribers: number, n: number) {
  const measured = phase.result.rounds.filter((r) => r.round !== 0);
  const first = phase.result.rounds.find((r) => r.round === measured[0]?.round);
  const start = first ? first.lastReceivedAt - first.spanMs : phase.startedAt;
  const wall = (Math.max(...measured.map((r) => r.lastReceivedAt)) - start) / 1000;
  const total = measured.reduce((sum, r) => sum + r.delivered, 0);
  const p99s = measured.map((r) => r.publishLag.p99);
  console.log(
    `  overall    ${total} events in ${wall.toFixed(1)} s = ${(total / wall).toFixed(0)} events/s delivered to ${subscribers} streams on ${n} instances; ` +
      `worst round p99 publish→receive ${ms(Math.max(...p99s))}; ${phase.result.reopened} streams reopened so far (server ended them)`,
  );
  // CPU over the busy window (first publication to last delivery): the phase is otherwise idle.
  const elapsed = wall;
  console.log(
    `  busy       CPU ${instances.map((_, i) => `${((((phase.after[i]?.cpuTicks ?? 0) - (phase.cpuTicks[i] ?? 0)) / TICKS_PER_SEC / elapsed) * 100).toFixed(0)}%`).join(' / ')} of a core, ` +
      `RSS peak ${phase.peakRss.map(mb).join(' / ')}; subscribers' process ${(((phase.loadTicks[1] - phase.loadTicks[0]) / TICKS_PER_SEC / elapsed) * 100).toFixed(0)}% of a core`,
  );
}

export async function run(argv: string[]): Promise<void> {
  const opt = options(argv);
  const serverUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const redisUrl = process.env.REDIS_URL ?? DEFAULT_REDIS_URL;
  const prefix = `bench:live:${randomBytes(4).toString('hex')}:`;
  const bench = await createBenchDatabase(serverUrl);
  const jwtSecret = randomBytes(32).toString('hex');
  const db = await createDb({ url: bench.url, maxConnections: 8 });
  const kv = createRedisKv(redisUrl, prefix);
  const instances: Instance[] = [];
  let load: ReturnType<typeof startLoad> | null = null;
  const problems: string[] = [];
  try {
    await runMigrations(db);
    const deps: Deps = {
      db: db.db,
      kv,
      bus: new EventBus(db.db, kv, silentLogger),
      clock: systemClock,
      config: { ...defaultApiConfig, nodeEnv: 'production', jwtSecret },
      logger: silentLogger,
      payments: createSandboxGateway(db.db),
    };
    console.log(
      `live fan-out — ${opt.subscribers} SSE subscribers over ${opt.instances} instances, ${opt.broadcasts} broadcasts; ` +
        `PostgreSQL ${redactUrl(bench.url)}, Redis ${redactUrl(redisUrl)} (prefix ${prefix}); ${cpus().length} cores`,
    );
    const t0 = performance.now();
    const players = await createPlayers(deps, { tag: 'live', count: opt.subscribers, gold: 1 });
    const admin = await createAdmin(deps, 'live');
    console.log(`  ${players.length} players + 1 admin with sessions in ${ms(performance.now() - t0)}`);

    const env = {
      NODE_ENV: 'production',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      HOST: '127.0.0.1',
      DATABASE_URL: bench.url,
      DATABASE_POOL_MAX: '16',
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: prefix,
      JWT_SECRET: jwtSecret,
      DEFAULT_INVITE_CODE: '',
      PAYMENT_WEBHOOK_KEYS: `bench:${randomBytes(16).toString('hex')}`,
    };
    for (let i = 0; i < opt.instances; i++) instances.push(await startInstance(env));
    const idle = instances.map((s) => procStats(s.pid));

    const subscribers = startLoad();
    load = subscribers;
    const params: LiveLoadParams = {
      urls: instances.map((s) => s.url),
      players: players.map((p) => ({ userId: p.userId, accessToken: p.accessToken })),
      openConcurrency: opt.openConcurrency,
    };
    subscribers.send({ type: 'init', params });
    const connected = await subscribers.next('connected');
    if (connected.failed) throw new Error(`${connected.failed} streams failed to open, e.g. ${connected.errors.join(' | ')}`);
    const wiredMs = await waitForSubscribers(
      redisUrl,
      players.map((p) => `${prefix}ch:user:${p.userId}`),
      60_000,
    );
    console.log(`  streams open in ${ms(connected.ms)}; every Redis channel subscribed ${ms(wiredMs)} later`);
    const withStreams = instances.map((s) => procStats(s.pid));

    // Phase 1, the whole path: admin broadcasts back to back, through the instances in turn.
    // Round 0 warms every instance up (JIT, pools) and is reported apart.
    const broadcastRounds = Array.from({ length: opt.broadcasts + 1 }, (_, r) => r);
    const calls = new Map<number, { recipients: number; ms: number }>();
    const phase1 = await measure(instances, [subscribers.child.pid as number], async () => {
      for (const r of broadcastRounds) {
        const inst = instances[r % instances.length] as Instance;
        const startedAt = Date.now();
        subscribers.send({ type: 'round', round: r, startedAt });
        const res = await fetch(`${inst.url}/trpc/admin.notifications.broadcast`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.accessToken}` },
          body: JSON.stringify({ json: { title: `bench ${r}`, body: 'fan-out benchmark' } }),
        });
        const body = (await res.json()) as { result?: { data: { json: { recipients: number } } }; error?: unknown };
        if (!body.result) throw new Error(`broadcast ${r} failed: ${JSON.stringify(body.error)}`);
        calls.set(r, { recipients: body.result.data.json.recipients, ms: Date.now() - startedAt });
      }
      subscribers.send({ type: 'report', rounds: broadcastRounds, timeoutMs: 60_000, final: false });
      return (await subscribers.next('result')).result;
    });
    console.log('\n  1. admin broadcasts (notification rows + outbox in batches of 1,000, delivered after each commit)');
    printRounds(phase1.result.rounds, calls, problems);
    printOverall(phase1, instances, opt.subscribers, opt.instances);

    // Phase 2, the fan-out alone: the same events appended straight to Redis (no database), as
    // fast as one pipelined client sends them: what the instances' subscriber connections and SSE
    // writes can deliver.
    const directRounds = Array.from({ length: opt.broadcasts }, (_, i) => 1001 + i);
    const phase2 = await measure(instances, [subscribers.child.pid as number], async () => {
      for (const r of directRounds) {
        subscribers.send({ type: 'round', round: r, startedAt: Date.now() });
        const at = new Date().toISOString();
        for (let i = 0; i < players.length; i += 1000) {
          await kv.appendEvents(
            players.slice(i, i + 1000).map((p) => ({
              stream: `ev:user:${p.userId}`,
              channel: `ch:user:${p.userId}`,
              data: JSON.stringify({
                type: 'ADMIN_BROADCAST',
                data: { id: randomUUID(), title: `bench ${r}`, body: 'fan-out benchmark', data: null },
                at,
              }),
              dedupeKey: `bench:${r}:${p.userId}`,
            })),
            { maxLen: 1000, dedupeTtlMs: 600_000 },
          );
        }
      }
      subscribers.send({ type: 'report', rounds: directRounds, timeoutMs: 60_000, final: true });
      return (await subscribers.next('result')).result;
    });
    console.log('\n  2. the same events appended straight to Redis (fan-out only: pub/sub → instances → SSE)');
    printRounds(phase2.result.rounds, new Map(), problems);
    printOverall(phase2, instances, opt.subscribers, opt.instances);
    console.log('\n  instance  RSS idle   with streams  per stream');
    instances.forEach((_, i) => {
      const perStream = ((withStreams[i]?.rss ?? 0) - (idle[i]?.rss ?? 0)) / Math.ceil(opt.subscribers / opt.instances);
      console.log(
        `  ${String(i + 1).padStart(8)}  ${mb(idle[i]?.rss ?? 0).padStart(8)}  ${mb(withStreams[i]?.rss ?? 0).padStart(12)}  ${(perStream / 1024).toFixed(1).padStart(7)} KB`,
      );
    });
  } finally {
    if (load?.child.exitCode === null) load.child.kill();
    for (const s of instances) s.child.kill('SIGTERM');
    await Promise.all(instances.map((s) => (s.child.exitCode === null ? new Promise((r) => s.child.once('exit', r)) : null)));
    await kv.close();
    await db.close();
    await deleteRedisPrefix(redisUrl, prefix);
    if (process.env.BENCH_KEEP_DB !== '1') await bench.drop();
  }
  if (problems.length) throw new Error(problems.join('\n'));
}
