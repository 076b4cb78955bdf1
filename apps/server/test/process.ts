/** The server as a separate process (what `pnpm app` / `pnpm start` run), driven over HTTP. */
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../../..');
const children: ChildProcess[] = [];
/** Folders removed after the file's tests. */
export const dirs: string[] = [];
/** Kills what is left and removes the folders; each test file calls it in its own afterAll. */
export function cleanupProcesses() {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function startServer(env: Record<string, string>, args = ['--import', 'tsx', 'apps/server/src/main.ts']) {
  // Not the test worker's IPC channel either: a child that inherits NODE_CHANNEL_FD talks to the wrong parent.
  const { DATABASE_URL: _d, REDIS_URL: _r, NODE_CHANNEL_FD: _c, NODE_CHANNEL_SERIALIZATION_MODE: _m, ...rest } = process.env;
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...rest, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const listening = new Promise<string>((resolveUrl, reject) => {
    const timer = setInterval(() => {
      const m = out.match(/"url":"(http:\/\/[^"]+)"/);
      if (m?.[1]) {
        clearInterval(timer);
        resolveUrl(m[1]);
      }
    }, 100);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`server exited with ${code}: ${err}`));
    });
  });
  return { child, listening, exited, output: () => out + err };
}

export const trpc = async (url: string, path: string, input: unknown, token?: string) => {
  const res = await fetch(`${url}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ json: input }),
  });
  return { status: res.status, body: (await res.json()) as { result?: { data: { json: Record<string, unknown> } } } };
};
