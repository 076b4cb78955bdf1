/**
 * A load process of a bench: `file` forked with an IPC channel, its messages kept in order
 * until asked for by type. A `fatal` message, an error or an early exit fails every wait,
 * present and future, with the reason.
 */
import { type ChildProcess, fork } from 'node:child_process';

export type LoadProcess<M extends { type: string }> = {
  child: ChildProcess;
  /** The next message of `type` (one already received, or the one to come). */
  next<T extends M['type']>(type: T): Promise<Extract<M, { type: T }>>;
};

export function forkLoadProcess<M extends { type: string }>(file: URL, name: string): LoadProcess<M> {
  const child = fork(file, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const inbox: M[] = [];
  const waiters: { type: string; resolve(m: M): void; reject(e: Error): void }[] = [];
  let dead: Error | null = null;
  const failAll = (e: Error) => {
    dead ??= e;
    for (const w of waiters.splice(0)) w.reject(e);
  };
  child.on('message', (raw) => {
    const msg = raw as M & { error?: string };
    if (msg.type === 'fatal') return failAll(new Error(`${name}: ${msg.error}`));
    const i = waiters.findIndex((w) => w.type === msg.type);
    if (i >= 0) waiters.splice(i, 1)[0]?.resolve(msg);
    else inbox.push(msg);
  });
  child.on('error', (e) => failAll(e));
  child.on('exit', (code) => failAll(new Error(`${name} exited with ${code}`)));
  return {
    child,
    next: <T extends M['type']>(type: T) =>
      new Promise<Extract<M, { type: T }>>((resolve, reject) => {
        const i = inbox.findIndex((m) => m.type === type);
        if (i >= 0) return resolve(inbox.splice(i, 1)[0] as Extract<M, { type: T }>);
        if (dead) return reject(dead);
        waiters.push({ type, resolve: resolve as (m: M) => void, reject });
      }),
  };
}
