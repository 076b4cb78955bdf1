/**
 * One measured load window against the server process: wrk's figures plus, for the same
 * window, the server's CPU (/proc), RSS peak, statements and Redis commands (/metrics
 * counters) and socket writes to PostgreSQL and Redis (lib/count-writes.mjs), with the
 * background rate of those counters (taken while idle) subtracted.
 */
import { type LoadSpec, runHttpLoad } from './http-load';
import { ms } from './latency';
import { type CpuUse, cpuMeter, groupCpuMeter, loadAverage, procRssSampler } from './proc';
import { mb } from './resources';
import type { ServerProcess } from './server-process';
import { runWrk, type WrkResult, type WrkSpec } from './wrk';

export type Counters = { statements: number; commands: number; pgWrites: number; redisWrites: number; httpWrites: number };

export async function readCounters(server: ServerProcess): Promise<Counters> {
  const [m, w] = await Promise.all([server.metrics(), server.writes()]);
  return {
    statements: m.casino_db_statements_total ?? Number.NaN,
    commands: m.casino_redis_commands_total ?? Number.NaN,
    pgWrites: w.pg,
    redisWrites: w.redis,
    httpWrites: w.http,
  };
}

/** Counter growth from `a` to `b`. */
export const countersDiff = (a: Counters, b: Counters): Counters => ({
  statements: b.statements - a.statements,
  commands: b.commands - a.commands,
  pgWrites: b.pgWrites - a.pgWrites,
  redisWrites: b.redisWrites - a.redisWrites,
  httpWrites: b.httpWrites - a.httpWrites,
});

/** Counter growth per second with no load (background workers, pollers). */
export async function idleRates(server: ServerProcess, seconds = 2): Promise<Counters> {
  const a = await readCounters(server);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const d = countersDiff(a, await readCounters(server));
  return {
    statements: d.statements / seconds,
    commands: d.commands / seconds,
    pgWrites: d.pgWrites / seconds,
    redisWrites: d.redisWrites / seconds,
    httpWrites: d.httpWrites / seconds,
  };
}

export type Window = {
  wrk: WrkResult;
  server: CpuUse;
  /** PostgreSQL's processes and Redis during the window (everything on this machine, the bench's share by far). */
  services: Services | null;
  rssPeak: number;
  /** Counter growth in the window minus the idle rate × its length. */
  counts: Counters;
  load: string;
  /** What generated the load: wrk, or the Node load process. */
  client: string;
};

export async function measureWindow(server: ServerProcess, spec: WrkSpec, idle: Counters): Promise<Window> {
  const before = await readCounters(server);
  const rss = procRssSampler(server.pid);
  const cpu = cpuMeter(server.pid);
  const services = serviceCpu();
  const wrk = await runWrk(spec);
  const used = cpu();
  const servicesUsed = services();
  rss.stop();
  const load = loadAverage();
  const d = countersDiff(before, await readCounters(server));
  const s = wrk.durationMs / 1000;
  const counts = {
    statements: d.statements - idle.statements * s,
    commands: d.commands - idle.commands * s,
    pgWrites: d.pgWrites - idle.pgWrites * s,
    redisWrites: d.redisWrites - idle.redisWrites * s,
    httpWrites: d.httpWrites - idle.httpWrites * s,
  };
  return { wrk, server: used, services: servicesUsed, rssPeak: rss.peak, counts, load, client: 'wrk' };
}

/** PostgreSQL's and Redis's CPU; null for one not visible from here (on another host). */
export type Services = { postgres: CpuUse | null; redis: CpuUse | null };

/** PostgreSQL's and Redis's CPU from now until the returned function is called. */
export function serviceCpu(): () => Services {
  const postgres = groupCpuMeter([], ['postgres']);
  const redis = groupCpuMeter([], ['redis-server']);
  return () => ({ postgres: postgres(), redis: redis() });
}

const per = (n: number, total: number, digits = 2) => (total > 0 ? (n / total).toFixed(digits) : 'n/a');
const perMs = (cpuMs: number, total: number) => (total > 0 ? ms(cpuMs / total) : 'n/a');
/** "1.23 ms (45% of a core)" per one of `n`, or "n/a" (not visible from here). */
export const cpuPer = (u: CpuUse | null, n: number) => (u ? `${perMs(u.cpuMs, n)} (${(u.cores * 100).toFixed(0)}% of a core)` : 'n/a');

/** The lines every HTTP bench prints for a window (`unit`: spin, debit). */
export function windowLines(w: Window, unit: string, goals: { cpuMs: number }): string[] {
  const n = w.wrk.requests;
  const e = w.wrk.errors;
  const l = w.wrk.latency;
  const clientShare = w.server.cpuMs > 0 ? w.wrk.cpuMs / w.server.cpuMs : Number.NaN;
  return [
    `  HTTP     ${w.wrk.ratePerSec.toFixed(0).padStart(6)} ${unit}s/s  (${n} in ${(w.wrk.durationMs / 1000).toFixed(1)} s, ${e.total} errors` +
      `${e.total ? `: ${e.status} non-2xx, ${e.connect + e.read + e.write} socket, ${e.timeout} timeouts` : ''})  ` +
      `p50 ${ms(l.p50)}  p90 ${ms(l.p90)}  p99 ${ms(l.p99)}  max ${ms(l.max)}  (goal p99 ≤ 100 ms)  [${w.load}]`,
    `  cpu      server ${perMs(w.server.cpuMs, n)} per ${unit} (goal ≤ ${ms(goals.cpuMs)}; ${(w.server.cores * 100).toFixed(0)}% of a core), ` +
      `client (${w.client}) ${perMs(w.wrk.cpuMs, n)} per ${unit} = ${(clientShare * 100).toFixed(0)}% of the server's (goal < 50%)` +
      (w.services ? `; PostgreSQL ${cpuPer(w.services.postgres, n)} per ${unit}, Redis ${cpuPer(w.services.redis, n)}` : ''),
    `  trips    per ${unit}: ${per(w.counts.statements, n)} PostgreSQL statements, ${per(w.counts.commands, n)} Redis commands; ` +
      `on the wire ${per(w.counts.pgWrites, n)} PostgreSQL writes, ${per(w.counts.redisWrites, n)} Redis writes, ${per(w.counts.httpWrites, n)} HTTP response writes (idle background subtracted)`,
    `  memory   server RSS peak ${mb(w.rssPeak)} (goal < 200 MB)`,
  ];
}

/** The same window with the old load path (`--load node`): the typed client in a forked Node process. */
export async function measureNodeLoad<P>(server: ServerProcess, spec: LoadSpec<P>, idle: Counters): Promise<Window> {
  let before: Promise<Counters> | null = null;
  let cpu: (() => CpuUse) | null = null;
  let used: CpuUse | null = null;
  let rss: ReturnType<typeof procRssSampler> | null = null;
  let rssPeak = 0;
  let services: (() => Services) | null = null;
  let servicesUsed: Services | null = null;
  const r = await runHttpLoad(spec, {
    windowStart: () => {
      before = readCounters(server);
      rss = procRssSampler(server.pid);
      cpu = cpuMeter(server.pid);
      services = serviceCpu();
    },
    windowEnd: () => {
      used = cpu?.() ?? null;
      servicesUsed = services?.() ?? null;
      rssPeak = rss?.peak ?? 0;
      rss?.stop();
    },
  });
  const load = loadAverage();
  const d = countersDiff(await (before ?? readCounters(server)), await readCounters(server));
  const s = r.windowMs / 1000;
  const serverCpu: CpuUse = used ?? { cpuMs: 0, wallMs: r.windowMs, cores: 0 };
  return {
    wrk: {
      requests: r.completed,
      durationMs: r.windowMs,
      ratePerSec: r.ratePerSec,
      errors: { status: r.errors, connect: 0, read: 0, write: 0, timeout: 0, total: r.errors },
      latency: { mean: r.latency.mean, p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
      cpuMs: r.loadProcessCpu * r.windowMs,
    },
    server: serverCpu,
    services: servicesUsed,
    rssPeak,
    client: 'Node load process',
    counts: {
      statements: d.statements - idle.statements * s,
      commands: d.commands - idle.commands * s,
      pgWrites: d.pgWrites - idle.pgWrites * s,
      redisWrites: d.redisWrites - idle.redisWrites * s,
      httpWrites: d.httpWrites - idle.httpWrites * s,
    },
    load,
  };
}
