import { createNodeClient, memoryTokenStore } from '@casino/client/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

describe('HTTP host', () => {
  it('reports database and Redis on /health', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: 'ok', database: { ok: true }, redis: { ok: true } });
  });

  it('serves Prometheus metrics', async () => {
    await fetch(`${server.url}/health`);
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toContain('http_request_duration_seconds_bucket');
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('counts the statements and commands it sends to PostgreSQL and Redis in /metrics', async () => {
    const read = async () => {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
      return { db: value('casino_db_statements_total'), redis: value('casino_redis_commands_total') };
    };
    const before = await read();
    await fetch(`${server.url}/health`); // SELECT 1 and PING
    const after = await read();
    // Counted on postgres.js and real Redis; the embedded roles make no round trips.
    if (process.env.DATABASE_URL) expect(after.db - before.db).toBeGreaterThanOrEqual(1);
    else expect(after.db).toBe(before.db);
    if (process.env.REDIS_URL) expect(after.redis - before.redis).toBeGreaterThanOrEqual(1);
    else expect(after.redis).toBe(before.redis);
    expect(Number.isFinite(after.db) && Number.isFinite(after.redis)).toBe(true);
  });

  it('echoes or assigns a request id', async () => {
    const res = await fetch(`${server.url}/health`, { headers: { 'x-request-id': 'abc-123' } });
    expect(res.status).toBe(200);
  });

  it('answers bad input with 400 and flattened zod issues', async () => {
    const res = await post(
      '/trpc/auth.signup',
      JSON.stringify({ json: { siteId: 'A!', nickname: 'x', password: 'short', inviteCode: '' } }),
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.json.data.code).toBe('BAD_REQUEST');
    expect(Object.keys(body.error.json.data.zodError.fieldErrors).sort()).toEqual(['inviteCode', 'nickname', 'password', 'siteId']);
  });

  it('answers domain errors with appError', async () => {
    const res = await post('/trpc/auth.login', JSON.stringify({ json: { siteId: 'nobody_at_all', password: 'whatever-123' } }));
    expect(res.status).toBe(401);
    const body = await res.json();
    // The tries left before a lock come with it (the login form warns on the last two).
    expect(body.error.json.data.appError).toEqual({
      reason: 'invalid_credentials',
      message: expect.any(String),
      attemptsLeft: 4,
      lockoutMinutes: 10,
    });
  });

  it('answers malformed JSON with 400, an oversized body with 413, unknown procedures with 404', async () => {
    expect((await post('/trpc/auth.login', '{"json": ')).status).toBe(400);
    expect((await post('/trpc/auth.login', JSON.stringify({ json: { siteId: 'x'.repeat(2_000_000), password: 'y' } }))).status).toBe(413);
    expect((await post('/trpc/auth.nope', '{}')).status).toBe(404);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });

  it('signs up, batches calls and streams live balance updates over SSE with the typed client', async () => {
    const tokens = memoryTokenStore();
    const client = createNodeClient({ baseUrl: server.url, tokens });
    const res = await client.auth.signup.mutate({
      siteId: 'http_player',
      nickname: 'HttpPlayer',
      password: 'password-123',
      inviteCode: '5858',
    });
    tokens.set(res);
    const [me, balance] = await Promise.all([client.auth.me.query(), client.economy.wallet.balance.query()]);
    expect(me.nickname).toBe('HttpPlayer');
    expect(balance.gold).toBe(1000);

    const events: { type: string; data: Record<string, unknown> }[] = [];
    const got = new Promise<void>((resolve, reject) => {
      const sub = client.economy.live.subscribe(undefined, {
        onData: (ev) => {
          events.push(ev.data);
          sub.unsubscribe();
          resolve();
        },
        onError: reject,
      });
    });
    await server.deps.bus.whenStreams(me.id, 1);
    const { applyChanges, inTransaction } = await import('@casino/api');
    await inTransaction(server.deps, (tx, outbox) =>
      applyChanges(tx, outbox, { userId: me.id, entries: [{ currency: 'gold', delta: -40, reason: 'http_test' }] }),
    );
    await got;
    expect(events[0]).toMatchObject({ type: 'token_update', data: { currency: 'gold', delta: -40, balance: 960 } });
  });
});
