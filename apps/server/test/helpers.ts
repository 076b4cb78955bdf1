/** Starts the real HTTP server in-process on a free port, on the test services or the embedded defaults. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryKv, createRedisKv } from '@casino/api';
import type { DestinationStream } from 'pino';
import postgres from 'postgres';
import { testDatabaseName } from '../../../packages/api/src/test/global-setup';
import { buildServer, type Server } from '../src/app';
import { parseEnv } from '../src/env';

export type TestServer = Server & { url: string; stop(): Promise<void> };

export async function startTestServer(
  extraEnv: Record<string, string> = {},
  opts: { logStream?: DestinationStream } = {},
): Promise<TestServer> {
  const id = randomBytes(5).toString('hex');
  const base = process.env.DATABASE_URL;
  const cleanup: (() => Promise<void>)[] = [];
  const env: Record<string, string | undefined> = { NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...extraEnv };
  if (base && process.env.CASINO_TEST_TEMPLATE) {
    const name = testDatabaseName(id);
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${process.env.CASINO_TEST_TEMPLATE}"`);
    const u = new URL(base);
    u.pathname = `/${name}`;
    env.DATABASE_URL = u.toString();
    cleanup.push(async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    });
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'casino-srv-'));
    // Nested, as .data/pglite is: a development server keeps its JWT secret beside it, in this folder.
    env.DATA_DIR = join(dir, 'pglite');
    cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
  }
  const kv = process.env.REDIS_URL ? createRedisKv(process.env.REDIS_URL, `t:${id}:`) : createMemoryKv(`t:${id}:`);
  const server = await buildServer(parseEnv(env), { kv, ...opts });
  const address = await server.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    ...server,
    url: address,
    async stop() {
      await kv.flush();
      await server.close();
      for (const c of cleanup) await c();
    },
  };
}
