/**
 * Closed-loop HTTP load from a separate Node process, so the load generator does
 * not share the server's event loop (the server stays alone in this process and
 * its RSS/CPU figures are its own).
 *
 * A load module (any file under bench/) exports `createOp(params, clientIndex)`,
 * returning the call one virtual client repeats back to back. load-worker.ts runs
 * `clients` such loops for warm-up + duration and reports completions, errors and
 * latency percentiles of the calls that finished inside the measured window.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadOp, LoopStats } from './closed-loop';
import { type CpuWindow, cpuWindow } from './resources';

export type { LoadOp } from './closed-loop';
export type CreateOp<P> = (params: P, clientIndex: number) => LoadOp | Promise<LoadOp>;

export type LoadSpec<P> = {
  /** URL of the module exporting `createOp` (e.g. `new URL('./wallet-load.ts', import.meta.url).href`). */
  module: string;
  /** JSON-serialisable; handed to createOp in the load process. */
  params: P;
  clients: number;
  warmupMs: number;
  durationMs: number;
};

export type LoadResult = LoopStats & {
  clients: number;
  ratePerSec: number;
  /** CPU use of the load process in the window (1 = one core). */
  loadProcessCpu: number;
  /** This process (the server) and the machine during the window. */
  serverCpu: CpuWindow;
};

export type WorkerInit = { type: 'init'; spec: LoadSpec<unknown> };
export type WorkerMessage =
  | { type: 'window-start' }
  | { type: 'result'; result: Omit<LoadResult, 'serverCpu' | 'ratePerSec'> }
  | { type: 'fatal'; error: string };

/** Called in this process when the measured window opens and closes (e.g. to profile the server). */
export type LoadHooks = { windowStart?(): void; windowEnd?(): void };

export async function runHttpLoad<P>(spec: LoadSpec<P>, hooks: LoadHooks = {}): Promise<LoadResult> {
  const child = fork(fileURLToPath(new URL('./load-worker.ts', import.meta.url)), [], {
    // Inherit tsx's loader from this process's execArgv (fork's default) to run TypeScript.
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<LoadResult>((resolve, reject) => {
    let measure: (() => CpuWindow) | null = null;
    let serverCpu: CpuWindow | null = null;
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      child.kill();
      reject(err);
    };
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`load process exited with ${code} before reporting`)));
    child.on('message', (raw) => {
      const msg = raw as WorkerMessage;
      if (msg.type === 'window-start') {
        measure = cpuWindow();
        hooks.windowStart?.();
        setTimeout(() => {
          serverCpu = measure?.() ?? null;
          hooks.windowEnd?.();
        }, spec.durationMs).unref();
      } else if (msg.type === 'fatal') {
        fail(new Error(`load process: ${msg.error}`));
      } else if (msg.type === 'result') {
        settled = true;
        const r = msg.result;
        const cpu = serverCpu ?? measure?.() ?? { process: 0, machine: 0, cores: 0 };
        resolve({ ...r, ratePerSec: r.windowMs > 0 ? (r.completed * 1000) / r.windowMs : 0, serverCpu: cpu });
      }
    });
    child.send({ type: 'init', spec } satisfies WorkerInit);
  });
}
