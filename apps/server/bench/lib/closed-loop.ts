/**
 * N closed loops (each waits for its call before the next) for warm-up + duration;
 * counts and times the calls that complete inside the measured window.
 */
import { type LatencySummary, summarize } from './latency';

export type LoadOp = () => Promise<unknown>;

export type LoopStats = {
  windowMs: number;
  /** Calls completed inside the measured window. */
  completed: number;
  /** Completed calls over the whole run (warm-up and drain included). */
  completedTotal: number;
  errors: number;
  errorSamples: string[];
  latency: LatencySummary;
};

export type LoopOptions = { warmupMs: number; durationMs: number; onWindowStart?(): void; onWindowEnd?(): void };

export const describeError = (err: unknown) => {
  if (err instanceof Error) {
    const code = (err as { data?: { code?: unknown } }).data?.code;
    return code ? `${String(code)}: ${err.message}` : err.message;
  }
  return String(err);
};

export async function closedLoop(ops: readonly LoadOp[], o: LoopOptions): Promise<LoopStats> {
  const windowStart = performance.now() + o.warmupMs;
  const windowEnd = windowStart + o.durationMs;
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let completed = 0;
  let completedTotal = 0;
  let errors = 0;
  let stop = false;

  const timers = [
    setTimeout(() => o.onWindowStart?.(), o.warmupMs),
    setTimeout(() => {
      stop = true;
      o.onWindowEnd?.();
    }, o.warmupMs + o.durationMs),
  ];
  const loop = async (op: LoadOp) => {
    while (!stop) {
      const t0 = performance.now();
      try {
        await op();
        const t1 = performance.now();
        completedTotal++;
        if (t1 >= windowStart && t1 <= windowEnd) {
          completed++;
          latencies.push(t1 - t0);
        }
      } catch (err) {
        errors++;
        if (errorSamples.length < 5) errorSamples.push(describeError(err));
        // Do not spin on a dead server: a failing loop backs off a little.
        await new Promise((r) => setTimeout(r, 10));
      }
    }
  };
  try {
    await Promise.all(ops.map(loop));
  } finally {
    for (const t of timers) clearTimeout(t);
  }
  return { windowMs: o.durationMs, completed, completedTotal, errors, errorSamples, latency: summarize(latencies) };
}
