/** Issue 6 #16 (batch part): one HTTP request may carry at most MAX_BATCH_CALLS tRPC calls. */
import { createNodeClient, memoryTokenStore } from '@casino/client/node';
import { queryRows } from '@casino/db';
import { MAX_BATCH_CALLS } from '@casino/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const batchGet = (n: number) => {
  const paths = Array.from({ length: n }, () => 'games.slot.config').join(',');
  const input = Object.fromEntries(Array.from({ length: n }, (_, i) => [i, {}]));
  return fetch(`${server.url}/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`);
};

describe('tRPC batches', () => {
  it(`runs a batch of ${MAX_BATCH_CALLS} calls and refuses one more with a 400 that says why`, async () => {
    const ok = await batchGet(MAX_BATCH_CALLS);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toHaveLength(MAX_BATCH_CALLS);

    const refused = await batchGet(MAX_BATCH_CALLS + 1);
    expect(refused.status).toBe(400);
    const body = await refused.json();
    expect(JSON.stringify(body)).toContain('Batch call exceeds maximum size');
  });

  it('refuses a batch of hundreds of mutations before running any of it', async () => {
    // As many auth.login calls as the URL allows (Fastify's maxParamLength bounds the path).
    const n = 400;
    const paths = Array.from({ length: n }, () => 'auth.login').join(',');
    const input = Object.fromEntries(
      Array.from({ length: n }, (_, i) => [i, { json: { siteId: 'nobody_here', password: 'whatever-123' } }]),
    );
    const res = await fetch(`${server.url}/trpc/${paths}?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    expect(res.status).toBe(400);
    const attempts = await queryRows(server.deps.db, sql`SELECT count(*)::int AS n FROM login_attempts WHERE identifier = 'nobody_here'`);
    expect(attempts).toEqual([{ n: 0 }]);
  });

  it('the typed client splits many parallel calls into batches the server accepts', async () => {
    const client = createNodeClient({ baseUrl: server.url, tokens: memoryTokenStore() });
    const results = await Promise.all(Array.from({ length: 3 * MAX_BATCH_CALLS + 7 }, () => client.games.slot.config.query()));
    expect(results).toHaveLength(3 * MAX_BATCH_CALLS + 7);
  });
});
