/** RSS and CPU observations of this (the server's) process and of the machine. */
import { cpus } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

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

/** Like rssSampler, also keeping the peak of the V8 heap in use and of off-heap (external) memory. */
export function memorySampler(intervalMs = 100) {
  const peak = { rss: 0, heapUsed: 0, external: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
    peak.external = Math.max(peak.external, m.external);
    return m;
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    get peak() {
      sample();
      return { ...peak };
    },
    stop() {
      clearInterval(timer);
    },
  };
}

let collect: (() => void) | null = null;

/**
 * V8 heap in use right after a full GC, i.e. what is actually retained (a sampled heapUsed
 * also counts garbage not yet collected). Exposes `gc` at runtime; call outside measured windows.
 */
export function heapAfterGc(): number {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
  return process.memoryUsage().heapUsed;
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

export type LoopDelay = { p50: number; p99: number; max: number };

/**
 * Event-loop delay of this process from now until the returned function is called (ms): how
 * late a timer due every `resolutionMs` fired (the histogram holds whole intervals; the
 * interval itself is taken off).
 */
export function loopDelayWindow(resolutionMs = 10): () => LoopDelay {
  const h = monitorEventLoopDelay({ resolution: resolutionMs });
  h.enable();
  return () => {
    h.disable();
    const toMs = (ns: number) => Math.max(0, ns / 1e6 - resolutionMs);
    return { p50: toMs(h.percentile(50)), p99: toMs(h.percentile(99)), max: toMs(h.max) };
  };
}
