/**
 * Issue 6 #10: the SSE link carries the access token in its URL; the server's request log
 * must never contain it. Reads every line a real built server logs around a live stream.
 */
import { createNodeClient, memoryTokenStore } from '@casino/client/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactUrl } from '../src/log-redact';
import { startTestServer, type TestServer } from './helpers';

const lines: string[] = [];
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ LOG_LEVEL: 'info' }, { logStream: { write: (line: string) => void lines.push(line) } });
});
afterAll(() => server.stop());

describe('request log', () => {
  it('never contains an access or refresh token, the SSE URL included', async () => {
    const tokens = memoryTokenStore();
    const client = createNodeClient({ baseUrl: server.url, tokens });
    const auth = await client.auth.signup.mutate({
      siteId: 'log_reader',
      nickname: 'LogReader',
      password: 'password-123',
      inviteCode: '5858',
    });
    tokens.set(auth);
    await client.auth.me.query();
    await new Promise<void>((resolve, reject) => {
      const sub = client.economy.live.subscribe(undefined, {
        onStarted: () => {
          sub.unsubscribe();
          resolve();
        },
        onError: reject,
      });
    });

    const log = lines.join('');
    expect(log).not.toContain(auth.accessToken);
    expect(log).not.toContain(auth.refreshToken);
    // The stream's request was logged, with its credentials replaced.
    const sse = lines.filter((l) => l.includes('/trpc/economy.live?'));
    expect(sse.length).toBeGreaterThan(0);
    expect(sse.every((l) => l.includes('connectionParams=REDACTED'))).toBe(true);
  });

  it('redacts credential parameters and anything shaped like a JWT, and leaves other URLs alone', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
    expect(redactUrl(`/trpc/economy.live?input=%7B%7D&connectionParams=${encodeURIComponent(JSON.stringify({ token: jwt }))}`)).toBe(
      '/trpc/economy.live?input=%7B%7D&connectionParams=REDACTED',
    );
    expect(redactUrl(`/x?access_token=abc&refreshToken=def&q=1`)).toBe('/x?access_token=REDACTED&refreshToken=REDACTED&q=1');
    expect(redactUrl(`/x/${jwt}/y`)).toBe('/x/REDACTED/y');
    expect(redactUrl('/trpc/auth.me?batch=1&input=%7B%7D')).toBe('/trpc/auth.me?batch=1&input=%7B%7D');
  });
});
