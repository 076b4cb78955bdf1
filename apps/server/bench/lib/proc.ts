/**
 * CPU time and memory of another process from /proc (Linux): the benches run the server,
 * wrk and pgbench as separate processes and measure each one alone.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const conf = (name: string, fallback: number) => {
  try {
    return Number(execFileSync('getconf', [name], { encoding: 'utf8' }).trim()) || fallback;
  } catch {
    return fallback;
  }
};
/** Clock ticks per second of the utime/stime fields. */
export const CLK_TCK = conf('CLK_TCK', 100);
const PAGE_SIZE = conf('PAGESIZE', 4096);

export type ProcSample = { cpuMs: number; rssBytes: number; atMs: number };

/** utime + stime (ms) and RSS of `pid` now; null once it is gone. */
export function procSample(pid: number): ProcSample | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // Fields after "(comm)": state is field 3, utime 14, stime 15, rss 24 (pages).
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return {
    cpuMs: ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK,
    rssBytes: Number(f[21]) * PAGE_SIZE,
    atMs: performance.now(),
  };
}

export type CpuUse = { cpuMs: number; wallMs: number /** 1 = one core busy */; cores: number };

/** CPU use of `pid` from now until the returned function is called. */
export function cpuMeter(pid: number): () => CpuUse {
  const a = procSample(pid);
  if (!a) throw new Error(`process ${pid} is gone`);
  return () => {
    const b = procSample(pid) ?? a;
    const wallMs = performance.now() - a.atMs;
    const cpuMs = b.cpuMs - a.cpuMs;
    return { cpuMs, wallMs, cores: wallMs > 0 ? cpuMs / wallMs : 0 };
  };
}

/** Samples the RSS of `pid` every `intervalMs`, keeping the peak. */
export function procRssSampler(pid: number, intervalMs = 100) {
  let peak = procSample(pid)?.rssBytes ?? 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, procSample(pid)?.rssBytes ?? 0);
  }, intervalMs);
  timer.unref();
  return {
    get peak() {
      return Math.max(peak, procSample(pid)?.rssBytes ?? 0);
    },
    stop() {
      clearInterval(timer);
    },
  };
}

/** "load 1.23 1.10 0.95": the machine is shared, so every figure names the load it was taken under. */
export function loadAverage(): string {
  try {
    return `load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`;
  } catch {
    return 'load n/a';
  }
}

/** Pids of the processes whose command name (/proc/<pid>/comm) is one of `names`. */
function pidsNamed(names: readonly string[]): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (names.includes(readFileSync(`/proc/${entry}/comm`, 'utf8').trim())) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/**
 * CPU use of a set of processes from now until the returned function is called: the pids given
 * and every process named one of `names` (PostgreSQL's backends, Redis). A process that starts
 * during the window counts from its start; one that exits during it is left out. Null when
 * no such process is visible from here.
 */
export function groupCpuMeter(pids: readonly number[], names: readonly string[] = []): () => CpuUse | null {
  const at = performance.now();
  const start = new Map<number, number>();
  for (const pid of [...pids, ...pidsNamed(names)]) {
    const s = procSample(pid);
    if (s) start.set(pid, s.cpuMs);
  }
  return () => {
    let cpuMs = 0;
    const seen = new Set([...pids, ...pidsNamed(names)]);
    // Nothing visible (PostgreSQL on another host, another name): unknown, not zero.
    if (seen.size === 0) return null;
    for (const pid of seen) {
      const s = procSample(pid);
      if (s) cpuMs += s.cpuMs - (start.get(pid) ?? 0);
    }
    const wallMs = performance.now() - at;
    return { cpuMs, wallMs, cores: wallMs > 0 ? cpuMs / wallMs : 0 };
  };
}
