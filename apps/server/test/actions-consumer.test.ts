/**
 * `pnpm actions:consume`, the example analytics consumer, as an operator runs it. The group
 * logic itself (sharing, redelivery) is tested in both modes in services/actions/log.test.ts;
 * here: it refuses clearly without Redis, and against real Redis (CI) it reads a prefix's
 * stream once, acknowledges what it handled and sums it up.
 */
import { randomBytes } from 'node:crypto';
import { ACTIONS_STREAM, createRedisKv, type StreamedAction } from '@casino/api';
import { afterAll, describe, expect, it } from 'vitest';
import { runScript } from './process';

const redisUrl = process.env.REDIS_URL;
const prefix = `t:cli${randomBytes(4).toString('hex')}:`;
const kv = redisUrl ? createRedisKv(redisUrl, prefix) : null;
afterAll(async () => {
  await kv?.flush();
  await kv?.close();
});

describe('pnpm actions:consume', () => {
  it('says it needs REDIS_URL when there is none (the embedded stream lives inside the server)', () => {
    const res = runScript('actions:consume', ['--once']);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('needs REDIS_URL');
  });

  it('reads the stream with a consumer group, once per entry, and sums up page views and types', async () => {
    if (!kv || !redisUrl) {
      // Embedded mode has no Redis for a second process to read: the refusal above is what it can show.
      expect(redisUrl).toBeUndefined();
      return;
    }
    const action = (id: number, type: string, name: string): StreamedAction => ({
      id,
      userId: 1,
      type,
      name,
      payload: null,
      clientAt: null,
      at: new Date().toISOString(),
    });
    for (const a of [action(1, 'page_view', '/shop'), action(2, 'page_view', '/shop'), action(3, 'game_action', 'slot.spin')])
      await kv.xadd(ACTIONS_STREAM, JSON.stringify(a), { maxLen: 1000 });
    const env = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix };
    const first = runScript('actions:consume', ['--once', '--group', 'g1', '--consumer', 'c1'], { env });
    expect(first.status, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout.trim().split('\n').at(-1) ?? '{}')).toEqual({
      group: 'g1',
      consumer: 'c1',
      handled: 3,
      byType: { page_view: 2, game_action: 1 },
      pageViews: { '/shop': 2 },
    });
    // Acknowledged: the group has nothing left; a new group starts from the beginning.
    const again = runScript('actions:consume', ['--once', '--group', 'g1', '--consumer', 'c2'], { env });
    expect(JSON.parse(again.stdout.trim().split('\n').at(-1) ?? '{}')).toMatchObject({ handled: 0 });
    const other = runScript('actions:consume', ['--once', '--group', 'g2'], { env });
    expect(JSON.parse(other.stdout.trim().split('\n').at(-1) ?? '{}')).toMatchObject({ handled: 3 });
  });
});
