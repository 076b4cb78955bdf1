/** admin.audit: search by actor, action, target and time with pages; CSV export of exactly the filtered rows. */
import { adminAuditLog } from '@casino/db';
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../services/audit/csv';
import { createTestEnv, newAdmin, newPlayer, type TestEnv } from '../../test/harness';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

const reasonOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e) => `${e.code}:${e.cause?.reason ?? ''}`,
  );

describe('admin.audit', () => {
  it('searches by actor, action, target and time range with numbered pages, and links user targets', async () => {
    const a1 = await newAdmin(env.deps);
    const a2 = await newAdmin(env.deps);
    const p = await newPlayer(env.deps);
    await a1.caller.admin.users.ban({ userId: p.user.id, reason: 'first ban' });
    await a1.caller.admin.users.unban({ userId: p.user.id, reason: 'appeal ok' });
    await a2.caller.admin.users.update({ userId: p.user.id, rank: 'PREMIUM', reason: 'promo' });
    const byActor = await a1.caller.admin.audit.search({ actor: a2.user.nickname });
    expect(byActor.items.map((e) => e.action)).toEqual(['user.update']);
    expect(byActor.items[0]).toMatchObject({
      targetType: 'user',
      targetId: String(p.user.id),
      targetLabel: p.user.nickname,
      reason: 'promo',
    });
    const target = await a1.caller.admin.audit.search({ targetType: 'user', targetId: String(p.user.id), pageSize: 2 });
    expect(target.total).toBe(3);
    expect(target.items.map((e) => e.action)).toEqual(['user.update', 'user.unban']);
    const page2 = await a1.caller.admin.audit.search({ targetType: 'user', targetId: String(p.user.id), pageSize: 2, page: 2 });
    expect(page2.items.map((e) => e.action)).toEqual(['user.ban']);
    expect((await a1.caller.admin.audit.search({ action: 'user.ban' })).items.map((e) => e.reason)).toEqual(['first ban']);
    expect((await a1.caller.admin.audit.search({ search: 'appeal' })).items.map((e) => e.action)).toEqual(['user.unban']);
    const [ban] = await env.deps.db.select().from(adminAuditLog).where(eq(adminAuditLog.action, 'user.ban'));
    const at = ban?.createdAt as Date;
    expect((await a1.caller.admin.audit.search({ from: new Date(at.getTime() + 3_600_000) })).total).toBe(0);
    expect((await a1.caller.admin.audit.search({ to: new Date(at.getTime() - 3_600_000) })).total).toBe(0);
    // The database keeps microseconds; a JS date has milliseconds.
    expect((await a1.caller.admin.audit.search({ from: at, to: new Date(at.getTime() + 1) })).items.map((e) => e.action)).toEqual([
      'user.ban',
    ]);
    expect(await reasonOf(a1.caller.admin.audit.search({ pageSize: 500 }))).toBe('BAD_REQUEST:');
    expect(await reasonOf(a1.caller.admin.audit.search({ from: 'yesterday' as never }))).toBe('BAD_REQUEST:');
    const other = await newPlayer(env.deps);
    expect(await reasonOf(other.caller.admin.audit.export({}))).toBe('FORBIDDEN:admin_required');
    expect(await reasonOf(other.caller.admin.audit.search({}))).toBe('FORBIDDEN:admin_required');
  });

  it('exports the filtered entries as CSV that survives quotes, commas, new lines and formula starts', async () => {
    const a = await newAdmin(env.deps);
    const p = await newPlayer(env.deps);
    const nasty = '=HYPERLINK("http://evil", "x"), then a "quoted" part';
    await a.caller.admin.users.ban({ userId: p.user.id, reason: nasty });
    await a.caller.admin.users.unban({ userId: p.user.id, reason: 'plain reason' });
    const out = await a.caller.admin.audit.export({ targetType: 'user', targetId: String(p.user.id) });
    expect(out).toMatchObject({ rows: 2, truncated: false });
    const rows = parse(out.csv, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.action)).toEqual(['user.unban', 'user.ban']);
    expect(rows[1]?.reason).toBe(`'${nasty}`);
    expect(rows[1]?.target_id).toBe(String(p.user.id));
    expect(JSON.parse(rows[1]?.after ?? '')).toMatchObject({ status: 'banned' });
    expect(rows[0]?.admin).toBe(a.user.nickname);
    const none = await a.caller.admin.audit.export({ action: 'no.such.action' });
    expect(none.rows).toBe(0);
    expect(parse(none.csv, { columns: true })).toEqual([]);
  });

  it('writes fields a CSV reader reads back exactly (line breaks, quotes, formula starts, dates, objects)', () => {
    const at = new Date('2030-01-02T03:04:05.000Z');
    const csv = toCsv(
      ['a', 'b', 'c', 'd'],
      [
        ['two\r\nlines, "quoted"', '@SUM(A1)', at, { x: 'y,"z"' }],
        [null, -5, 7, 'plain'],
      ],
    );
    expect(parse(csv)).toEqual([
      ['a', 'b', 'c', 'd'],
      ['two\r\nlines, "quoted"', "'@SUM(A1)", '2030-01-02T03:04:05.000Z', '{"x":"y,\\"z\\""}'],
      ['', '-5', '7', 'plain'],
    ]);
  });
});
