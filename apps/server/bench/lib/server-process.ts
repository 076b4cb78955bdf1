/**
 * The built server (`node apps/server/dist/main.js`, bundled first by apps/server/build.mjs:
 * about a second) in its own process on a bench database and Redis prefix, so its CPU and
 * RSS (/proc) are its own. lib/count-writes.mjs is preloaded to count its socket writes to
 * PostgreSQL and Redis; `profileDir` runs it under `node --cpu-prof` (the profile is
 * written when it exits, see stop()).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const preload = fileURLToPath(new URL('./count-writes.mjs', import.meta.url));

export type ServerEnv = Record<string, string>;

export type ServerProcess = {
  pid: number;
  baseUrl: string;
  env: ServerEnv;
  /** Socket writes to PostgreSQL, Redis and HTTP clients (responses) since the start (lib/count-writes.mjs). */
  writes(): Promise<{ pg: number; redis: number; http: number }>;
  /** Numeric samples of GET /metrics without labels, by name (e.g. casino_db_statements_total). */
  metrics(): Promise<Record<string, number>>;
  /** SIGTERM and wait for the exit; returns the .cpuprofile written, if profiling. */
  stop(): Promise<string | null>;
};

/** The environment the server runs with: production settings, as deployed. */
export function benchServerEnv(opts: { databaseUrl: string; redisUrl: string; redisPrefix: string; port?: number }): ServerEnv {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    DATABASE_URL: opts.databaseUrl,
    REDIS_URL: opts.redisUrl,
    REDIS_KEY_PREFIX: opts.redisPrefix,
    MIGRATE_ON_START: '1',
    JWT_SECRET: randomBytes(32).toString('hex'),
    // Required in production; a random key per run (the benches send no webhooks).
    PAYMENT_WEBHOOK_KEYS: `bench:${randomBytes(24).toString('hex')}`,
    DEFAULT_INVITE_CODE: '',
    HOST: '127.0.0.1',
    PORT: String(opts.port ?? 0),
    // The pool as deployed unless a run compares sizes.
    ...(process.env.BENCH_POOL_MAX ? { DATABASE_POOL_MAX: process.env.BENCH_POOL_MAX } : {}),
  };
}

const freePort = () =>
  new Promise<number>((done, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });

let built = false;
/** Bundles apps/server/dist/main.js (what `pnpm build` does for the server) once per run. */
export function buildServerBundle(): void {
  if (built) return;
  execFileSync(process.execPath, ['build.mjs'], { cwd: serverDir, stdio: 'pipe' });
  built = true;
}

export async function startServerProcess(opts: {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  profileDir?: string | null;
  /** More node flags (e.g. --heapsnapshot-signal=SIGUSR2). */
  flags?: string[];
}): Promise<ServerProcess> {
  buildServerBundle();
  const env = benchServerEnv({ ...opts, port: await freePort() });
  const baseUrl = `http://127.0.0.1:${env.PORT}`;
  const args = [
    // A warning the server prints under load comes with its stack (e.g. MaxListenersExceededWarning).
    '--trace-warnings',
    ...(opts.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`] : []),
    // The production flags (package.json `start`, the Dockerfile), or BENCH_SERVER_FLAGS instead.
    ...(process.env.BENCH_SERVER_FLAGS ?? '--max-old-space-size=192').split(/\s+/).filter(Boolean),
    ...(opts.flags ?? []),
    '--import',
    preload,
    join(serverDir, 'dist/main.js'),
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: serverDir,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let dead = false;
  void exited.then(() => {
    dead = true;
  });

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (dead) throw new Error(`the server process exited with ${child.exitCode} while starting`);
    const ok = await fetch(`${baseUrl}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('the server process did not answer /health within 60 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    pid: child.pid as number,
    baseUrl,
    env,
    writes: () =>
      new Promise((done, fail) => {
        const onMessage = (m: { type?: string; pg: number; redis: number; http: number }) => {
          if (m?.type !== 'round-trips') return;
          child.off('message', onMessage);
          done({ pg: m.pg, redis: m.redis, http: m.http });
        };
        child.on('message', onMessage);
        child.send('round-trips', (err) => err && fail(err));
      }),
    async metrics() {
      const text = await (await fetch(`${baseUrl}/metrics`)).text();
      const out: Record<string, number> = {};
      for (const line of text.split('\n')) {
        const m = /^([a-zA-Z_:][\w:]*) (\S+)$/.exec(line);
        if (m?.[1] && m[2]) out[m[1]] = Number(m[2]);
      }
      return out;
    },
    async stop() {
      if (!dead) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      if (!opts.profileDir) return null;
      const file = readdirSync(opts.profileDir).find((f) => f.endsWith('.cpuprofile') && f.includes(`.${child.pid}.`));
      return file ? join(opts.profileDir, file) : null;
    },
  };
}
