/** Child-process side of http-load.ts: runs the closed loops and reports back over IPC. */
import { closedLoop, type LoadOp } from './closed-loop';
import type { CreateOp, WorkerInit, WorkerMessage } from './http-load';

const send = (msg: WorkerMessage) =>
  new Promise<void>((resolve) => {
    if (!process.send) throw new Error('load-worker.ts must be started by http-load.ts (no IPC channel)');
    process.send(msg, () => resolve());
  });

async function main({ spec }: WorkerInit) {
  const mod = (await import(spec.module)) as { createOp?: CreateOp<unknown> };
  if (typeof mod.createOp !== 'function') throw new Error(`${spec.module} does not export createOp`);
  const createOp = mod.createOp;
  const ops: LoadOp[] = await Promise.all(Array.from({ length: spec.clients }, (_, i) => createOp(spec.params, i)));

  let cpuAtStart = process.cpuUsage();
  let cpu: NodeJS.CpuUsage | null = null;
  const stats = await closedLoop(ops, {
    warmupMs: spec.warmupMs,
    durationMs: spec.durationMs,
    onWindowStart: () => {
      cpuAtStart = process.cpuUsage();
      void send({ type: 'window-start' });
    },
    onWindowEnd: () => {
      cpu = process.cpuUsage(cpuAtStart);
    },
  });
  const used = cpu ?? process.cpuUsage(cpuAtStart);
  await send({
    type: 'result',
    result: { ...stats, clients: spec.clients, loadProcessCpu: (used.user + used.system) / (spec.durationMs * 1000) },
  });
}

process.once('message', (raw) => {
  main(raw as WorkerInit).then(
    () => process.exit(0),
    async (err: unknown) => {
      await send({ type: 'fatal', error: err instanceof Error ? (err.stack ?? err.message) : String(err) }).catch(() => {});
      process.exit(1);
    },
  );
});
