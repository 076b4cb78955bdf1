/** RSS and CPU observations of this (the server's) process and of the machine. */
import { cpus } from 'node:os';

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const pct = (v: number) => `${(v * 100).toFixed(0)}%`;

/** Samples process RSS every `intervalMs` and keeps the peak. */
export function rssSampler(intervalMs = 100) {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, intervalMs);
  timer.unref();
  return {
    get peak() {
      return Math.max(peak, process.memoryUsage.rss());
    },
    stop() {
      clearInterval(timer);
    },
  };
}

/** Kernel's high-water mark of this process's RSS, in bytes. */
export const maxRss = () => process.resourceUsage().maxRSS * 1024;

export type CpuWindow = {
  /** This process's CPU time / wall time (1 = one core fully busy). */
  process: number;
  /** Busy share of all cores of the machine (0..1). */
  machine: number;
  cores: number;
};

function machineTimes() {
  let busy = 0;
  let total = 0;
  for (const c of cpus()) {
    const t = c.times.user + c.times.nice + c.times.sys + c.times.irq;
    busy += t;
    total += t + c.times.idle;
  }
  return { busy, total };
}

/** Call once at the start of a window; the returned function measures up to now. */
export function cpuWindow(): () => CpuWindow {
  const t0 = performance.now();
  const p0 = process.cpuUsage();
  const m0 = machineTimes();
  return () => {
    const wallUs = (performance.now() - t0) * 1000;
    const p = process.cpuUsage(p0);
    const m1 = machineTimes();
    return {
      process: wallUs > 0 ? (p.user + p.system) / wallUs : 0,
      machine: m1.total > m0.total ? (m1.busy - m0.busy) / (m1.total - m0.total) : 0,
      cores: cpus().length,
    };
  };
}
