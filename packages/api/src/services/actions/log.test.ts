/**
 * The action log: masking of e-mails and phone numbers, the batch limits (50 actions, 32 KB),
 * storage with its two indexes, the analytics stream, and a consumer group reading it with
 * redelivery after a consumer crash.
 */
import { actionLog, queryRows } from '@casino/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../infra/clock';
import { callerFor, createTestEnv, newPlayer, type TestEnv } from '../../test/harness';
import { expectRefused } from '../../test/reference';
import { consumeOnce } from './consumer';
import { ACTION_BATCHES_PER_MINUTE, ACTIONS_STREAM, type StreamedAction } from './log';
import { maskPii, maskText } from './mask';

const clock = manualClock('2026-08-01T10:00:00Z');
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ clock });
});
afterAll(() => env.close());

describe('masking', () => {
  it('masks e-mail addresses and phone numbers inside text, keeping dates, times and short numbers', () => {
    expect(maskText('write to john.doe@example.com or Ana@mail.co.uk')).toBe('write to j***@e***.com or A***@m***.uk');
    expect(maskText('call +1 555 0100 now')).toBe('call +* *** **00 now');
    expect(maskText('(030) 1234-5678')).toBe('(***) ****-**78');
    expect(maskText('mobile 01712345678.')).toBe('mobile *********78.');
    for (const keep of ['2026-08-01', '2026-08-01T10:00:00', 'bet 12345 gold', 'level 3, 12:30', 'v1.2.3'])
      expect(maskText(keep)).toBe(keep);
  });

  it('masks whole fields named for contact data, at any depth, and leaves other values alone', () => {
    expect(
      maskPii({
        phone: '12',
        contact: { email: 'x', mobileNumber: 4915112345678, note: 'reach me at a@b.io' },
        list: ['+44 20 7946 0958', 42, true, null],
        bet: 1_000_000,
      }),
    ).toEqual({
      phone: '***',
      contact: { email: '***', mobileNumber: '***', note: 'reach me at a***@b***.io' },
      list: ['+** ** **** **58', 42, true, null],
      bet: 1_000_000,
    });
  });
});

describe('economy.actions.log', () => {
  it('stores masked actions with the user and time, streams the same, and indexes user+time and type+time', async () => {
    const p = await newPlayer(env.deps);
    const at = new Date(clock.now().getTime() - 5000);
    const res = await p.caller.economy.actions.log({
      actions: [
        { type: 'page_view', name: '/shop', at },
        { type: 'game_action', name: 'slot.spin', payload: { bet: 10, note: 'my number is +49 151 1234 5678', email: 'me@x.de' } },
        { type: 'page_view', name: 'mail me: me@example.org', at: new Date('2020-01-01T00:00:00Z') },
      ],
    });
    expect(res).toEqual({ accepted: 3 });
    const rows = await env.deps.db.select().from(actionLog).where(eq(actionLog.userId, p.user.id)).orderBy(actionLog.id);
    expect(rows.map((r) => [r.type, r.name, r.payload, r.clientAt, r.createdAt])).toEqual([
      ['page_view', '/shop', null, at, clock.now()],
      ['game_action', 'slot.spin', { bet: 10, note: 'my number is +** *** **** **78', email: '***' }, null, clock.now()],
      // A client time a day or more off is not believed.
      ['page_view', 'mail me: m***@e***.org', null, null, clock.now()],
    ]);
    const streamed = (await env.kv.xrangeAfter(ACTIONS_STREAM, '0-0', 1000)).map((e) => JSON.parse(e.data) as StreamedAction);
    const mine = streamed.filter((a) => a.userId === p.user.id);
    expect(mine.map((a) => a.id)).toEqual(rows.map((r) => r.id));
    expect(JSON.stringify(mine)).not.toMatch(/1234 5678|me@x\.de|example\.org/);
    const indexes = await queryRows<{ indexdef: string }>(env.deps.db, sql`SELECT indexdef FROM pg_indexes WHERE tablename = 'action_log'`);
    expect(indexes.some((i) => i.indexdef.includes('(user_id, created_at)'))).toBe(true);
    expect(indexes.some((i) => i.indexdef.includes('(type, created_at)'))).toBe(true);
  });

  it('refuses more than 50 actions, more than 32 KB, bad types and control characters, storing nothing', async () => {
    const p = await newPlayer(env.deps);
    const one = { type: 'page_view', name: '/' };
    await expect(p.caller.economy.actions.log({ actions: Array.from({ length: 51 }, () => one) })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(p.caller.economy.actions.log({ actions: [] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const big = { type: 'game_action', payload: { blob: ['x'.repeat(1990), 'y'.repeat(1990), 'z'.repeat(1990), 'w'.repeat(1990)] } };
    await p.caller.economy.actions.log({ actions: Array.from({ length: 5 }, () => big) }).then(
      () => expect.unreachable(),
      (e) => expectRefused(e, 'action_batch_too_large'),
    );
    for (const bad of [
      { type: 'Page View' },
      { type: 'page_view', name: 'a\u0000b' },
      { type: 'x', payload: { k: 'v\u0007' } },
      { type: 'x', payload: { 'a\u0000': 1 } },
      { type: 'x', payload: { n: Number.POSITIVE_INFINITY } },
    ]) {
      await expect(p.caller.economy.actions.log({ actions: [bad as never] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect(await env.deps.db.select().from(actionLog).where(eq(actionLog.userId, p.user.id))).toEqual([]);
    await expect(callerFor(env.deps).economy.actions.log({ actions: [one] })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('limits each player to a number of batches per minute, under concurrency', async () => {
    const p = await newPlayer(env.deps);
    const other = await newPlayer(env.deps);
    const results = await Promise.allSettled(
      Array.from({ length: ACTION_BATCHES_PER_MINUTE + 10 }, () => p.caller.economy.actions.log({ actions: [{ type: 'tick' }] })),
    );
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(10);
    for (const r of refused) expectRefused((r as PromiseRejectedResult).reason, 'rate_limited');
    const [stored] = await env.deps.db.select({ n: sql<number>`count(*)::int` }).from(actionLog).where(eq(actionLog.userId, p.user.id));
    expect(stored?.n).toBe(ACTION_BATCHES_PER_MINUTE);
    // Someone else's budget is their own.
    expect(await other.caller.economy.actions.log({ actions: [{ type: 'tick' }] })).toEqual({ accepted: 1 });
  });
});

describe('consumer group example', () => {
  it('shares the stream among a group’s consumers, redoes a crashed consumer’s entries, and lets another group read everything', async () => {
    await env.kv.del(ACTIONS_STREAM);
    const p = await newPlayer(env.deps);
    await p.caller.economy.actions.log({ actions: Array.from({ length: 10 }, (_, i) => ({ type: 'page_view', name: `/p${i}` })) });

    const handled: string[] = [];
    const ok = (who: string) => async (actions: StreamedAction[]) => {
      for (const a of actions) handled.push(`${who}:${a.name}`);
    };
    // w1 takes 4 and crashes before acknowledging them.
    const crash = consumeOnce(env.kv, {
      group: 'analytics',
      consumer: 'w1',
      count: 4,
      handle: async () => {
        throw new Error('killed');
      },
    });
    await expect(crash).rejects.toThrow('killed');
    // w2 gets the rest, never w1's.
    expect(await consumeOnce(env.kv, { group: 'analytics', consumer: 'w2', count: 100, handle: ok('w2') })).toBe(6);
    // w1 restarts: its pending entries first, then nothing new.
    expect(await consumeOnce(env.kv, { group: 'analytics', consumer: 'w1', count: 100, handle: ok('w1') })).toBe(4);
    expect(await consumeOnce(env.kv, { group: 'analytics', consumer: 'w1', count: 100, handle: ok('w1') })).toBe(0);
    expect(handled.sort()).toEqual([
      ...['/p0', '/p1', '/p2', '/p3'].map((n) => `w1:${n}`),
      ...['/p4', '/p5', '/p6', '/p7', '/p8', '/p9'].map((n) => `w2:${n}`),
    ]);
    // Another group reads the whole stream for itself.
    const audit: StreamedAction[] = [];
    expect(
      await consumeOnce(env.kv, {
        group: 'audit',
        consumer: 'a',
        handle: async (a) => {
          audit.push(...a);
        },
      }),
    ).toBe(10);
    expect(audit.map((a) => a.name)).toEqual(Array.from({ length: 10 }, (_, i) => `/p${i}`));
  });
});
