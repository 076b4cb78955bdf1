import { gameRounds } from '@casino/db';
import { ZGameOutcome } from '@casino/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../deps';
import { createTestEnv, newPlayer, type TestEnv } from '../../test/harness';
import { type RoundRecord, recordRound } from './rounds';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

describe('round outcomes', () => {
  it('every instant game stores exactly the shape of its shared outcome schema', async () => {
    const p = await newPlayer(env.deps);
    await p.caller.games.slot.spin({ bet: 10 });
    await p.caller.games.rps.play({ bet: 10, choice: 'rock' });
    await p.caller.games.gacha.pull({ count: 1 });
    const rows = await env.deps.db
      .select({ game: gameRounds.game, outcome: gameRounds.outcome })
      .from(gameRounds)
      .where(eq(gameRounds.userId, p.user.id));
    expect(rows.map((r) => r.game).sort()).toEqual(['gacha', 'rps', 'slot']);
    for (const row of rows) {
      // Parsing strips unknown keys: equal means the schema names every stored field.
      expect(ZGameOutcome.parse(row), row.game).toEqual(row);
    }
  });

  it('recordRound refuses an outcome that does not match its game', async () => {
    const p = await newPlayer(env.deps);
    const record = {
      roundId: crypto.randomUUID(),
      userId: p.user.id,
      game: 'crash',
      currency: 'gold',
      bet: 10,
      payout: 0,
      result: 'loss',
      // The check comes before the insert, so the seed is never looked at.
      seed: { seedId: 1, nonce: 0 },
      outcome: { items: [] },
      at: new Date(),
    } as unknown as RoundRecord;
    await expect(inTransaction(env.deps, (tx, outbox) => recordRound(tx, outbox, record, env.deps.config))).rejects.toThrow(/outcome/);
    expect(await env.deps.db.select().from(gameRounds).where(eq(gameRounds.userId, p.user.id))).toEqual([]);
  });
});
