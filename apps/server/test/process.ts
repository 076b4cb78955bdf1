/**
 * The server as a separate process, the way a newcomer starts it: no DATABASE_URL or
 * REDIS_URL (PGlite in a data folder, in-process Redis roles) unless the caller sets them.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../../..');

const children: ChildProcess[] = [];
const dirs: string[] = [];

/** For afterAll: kills what is still running (whole process groups) and removes the data folders. */
export function cleanupProcesses() {
  for (const c of children) {
    if (c.exitCode !== null || c.signalCode !== null || !c.pid) continue;
    try {
      process.kill(-c.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}

export function tempDir(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** The command a root package.json script ends with (what follows its build steps). */
export function scriptCommand(name: string): string {
  const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;
  const script = scripts[name];
  if (!script) throw new Error(`no script "${name}" in package.json`);
  return script.split('&&').at(-1)?.trim() ?? '';
}

/** Bundles the server once (what `pnpm build` does for apps/server). */
let bundled = false;
export function buildBundle() {
  if (!bundled) execFileSync(process.execPath, ['build.mjs'], { cwd: join(root, 'apps/server'), stdio: 'pipe' });
  bundled = true;
}

/** The newcomer's environment: no service URLs, no NODE_ENV, node_modules/.bin first on PATH. */
function cleanEnv(env: Record<string, string>) {
  const { DATABASE_URL: _d, REDIS_URL: _r, NODE_ENV: _n, AUTO_SEED_BASIC: _s, ...rest } = process.env;
  return { ...rest, PATH: `${join(root, 'node_modules/.bin')}${delimiter}${process.env.PATH ?? ''}`, ...env };
}

/** Runs a root script's command with `args` to completion, `input` on its stdin. */
export function runScript(name: string, args: string[], opts: { env?: Record<string, string>; input?: string } = {}) {
  const res = spawnSync('sh', ['-c', `${scriptCommand(name)} "$@"`, 'sh', ...args], {
    cwd: root,
    env: cleanEnv(opts.env ?? {}),
    input: opts.input ?? '',
    encoding: 'utf8',
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

/**
 * Starts node with `args`, or a shell `command` as pnpm runs a script (sh, node_modules/.bin
 * first on PATH). Each child leads its own process group, so `stop` reaches the server
 * behind sh/tsx/pnpm too.
 */
export function startServer(env: Record<string, string>, how: { args?: string[]; command?: string } = {}) {
  const options = { cwd: root, env: cleanEnv(env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'] };
  const child = how.command
    ? spawn('sh', ['-c', how.command], options)
    : spawn(process.execPath, how.args ?? ['--import', 'tsx', 'apps/server/src/main.ts'], options);
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
    const onData = () => {
      const m = out.match(/"url":"(http:\/\/[^"]+)"/);
      if (m?.[1]) {
        child.stdout?.off('data', onData);
        resolveUrl(m[1].replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout?.on('data', onData);
    void exited.then((code) => reject(new Error(`server exited with ${code}: ${err}`)));
  });
  const stop = (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.pid && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, signal);
    return exited;
  };
  return { child, listening, exited, stop, output: () => out + err };
}

/** One tRPC mutation over plain HTTP (superjson's envelope: `{ json: input }`). */
export async function trpc(url: string, path: string, input: unknown, token?: string) {
  const res = await fetch(`${url}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ json: input }),
  });
  return { status: res.status, body: (await res.json()) as { result?: { data: { json: Record<string, unknown> } } } };
}
