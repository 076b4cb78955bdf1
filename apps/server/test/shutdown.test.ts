/**
 * SIGTERM with live streams open: the server cuts them (clients reconnect elsewhere
 * with their last event id) and exits cleanly instead of waiting for them.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupProcesses, startServer, tempDir, trpc } from './process';

afterAll(cleanupProcesses);

describe('shutdown', () => {
  it('closes open live streams and exits 0 on SIGTERM', async () => {
    const dir = tempDir('casino-shutdown-');
    const s = startServer({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: join(dir, '.data/pglite'), NODE_ENV: 'development' });
    const url = await s.listening;
    const signup = await trpc(url, 'auth.signup', {
      siteId: 'streamer',
      nickname: 'Streamer',
      password: 'password-123',
      inviteCode: '5858',
    });
    const token = signup.body.result?.data.json.accessToken as string;

    // Three SSE streams (economy.live), each read until the server ends it.
    const streams: Promise<string>[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${url}/trpc/economy.live`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } });
      expect(res.status).toBe(200);
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      const first = await reader.read();
      expect(new TextDecoder().decode(first.value)).toContain('connected');
      streams.push(
        (async () => {
          try {
            while (!(await reader.read()).done) {}
            return 'ended';
          } catch {
            return 'cut';
          }
        })(),
      );
    }

    const started = performance.now();
    s.child.kill('SIGTERM');
    const code = await s.exited;
    const ms = Math.round(performance.now() - started);
    // main.ts forces exit 1 if closing takes longer than its limit; 0 means it closed by itself.
    expect(code).toBe(0);
    expect(await Promise.all(streams)).toEqual([expect.any(String), expect.any(String), expect.any(String)]);
    process.stdout.write(`shutdown with 3 open streams took ${ms} ms\n`);
  });
});
