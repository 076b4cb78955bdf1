import { adminAuditLog } from '@casino/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestEnv, newAdmin, newPlayer, type TestEnv } from '../../test/harness';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

describe('logic that lived in routers, now in services', () => {
  it('crash RTP is computed once: the admin view and the public config agree', async () => {
    const admin = await newAdmin(env.deps);
    const pub = await callerFor(env.deps).games.crash.config();
    const all = await admin.caller.admin.games.config();
    expect(all.crash.rtp).toBe(pub.rtp);
    expect(pub.rtp).toBeCloseTo(1 - env.deps.config.games.crash.houseEdgePercent / 100, 12);
    expect(all.crash.roundTtlMs).toBe(env.deps.config.games.crash.roundTtlMs);
  });

  it('recalculating one player writes its audit row with the totals', async () => {
    const admin = await newAdmin(env.deps);
    const p = await newPlayer(env.deps);
    await p.caller.games.slot.spin({ bet: 10 });
    const res = await admin.caller.admin.games.recalculateStats({ userId: p.user.id });
    expect(res).toEqual({ rows: 1, mismatched: 0 });
    const rows = await env.deps.db.select().from(adminAuditLog).where(eq(adminAuditLog.adminId, admin.user.id));
    expect(rows.map((r) => [r.action, r.targetId, r.after])).toEqual([['games.recalculate_stats', String(p.user.id), res]]);
  });

  it('verify fills in the house edge in force when the caller leaves it out', async () => {
    const input = { game: 'crash', serverSeed: 'seed', clientSeed: 'client', nonce: 3 } as const;
    const withDefault = await callerFor(env.deps).games.fairness.verify(input);
    const explicit = await callerFor(env.deps).games.fairness.verify({
      ...input,
      houseEdgePercent: env.deps.config.games.crash.houseEdgePercent,
    });
    expect(withDefault).toEqual(explicit);
  });
});
