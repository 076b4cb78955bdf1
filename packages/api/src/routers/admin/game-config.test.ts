/** admin.games.* configuration versions: preview, band refusal, publish, conflict, rollback, audit, access. */
import { gameConfigVersions } from '@casino/db';
import { DEFAULT_GAME_CONFIG, gameConfigRtp, type TGameConfig } from '@casino/shared';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestEnv, newAdmin, newPlayer, type TestEnv } from '../../test/harness';

let env: TestEnv;
let admin: Awaited<ReturnType<typeof newAdmin>>;
beforeAll(async () => {
  env = await createTestEnv();
  admin = await newAdmin(env.deps);
});
afterAll(() => env.close());

type Failure = { code?: string; cause?: { reason?: string; details?: Record<string, unknown> } };
const reasonOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: Failure) => `${e.code}:${e.cause?.reason ?? ''}`,
  );
const versions = () => env.deps.db.select().from(gameConfigVersions).orderBy(asc(gameConfigVersions.version));

/** The default machine with the Seven paying `seven` for three of a kind. */
const withSeven = (base: TGameConfig, seven: number): TGameConfig => ({
  ...base,
  slot: { ...base.slot, paytable: { ...base.slot.paytable, triple: { ...base.slot.paytable.triple, seven } } },
});

/** Cherry pairs (about one spin in ten) paying 4×: the slot returns far more than 99%. */
const generousSlot = (base: TGameConfig): TGameConfig => ({
  ...base,
  slot: { ...base.slot, paytable: { ...base.slot.paytable, pair: { ...base.slot.paytable.pair, cherry: 4 } } },
});

describe('admin.games configuration versions', () => {
  it('version 1 is the built-in defaults, seeded once, with its RTP', async () => {
    const active = await admin.caller.admin.games.active();
    expect(active).toMatchObject({ version: 1, authorId: null, reason: 'Built-in defaults', rolledBackFrom: null });
    expect(active.config).toEqual(DEFAULT_GAME_CONFIG);
    expect(active.rtp).toEqual(gameConfigRtp(DEFAULT_GAME_CONFIG));
    expect(active.rtp.slot.rtp).toBeCloseTo(0.96, 4);
    expect((await versions()).length).toBe(1);
  });

  it('validate previews the exact RTP of each game and names what falls outside 85–99%', async () => {
    const ok = await admin.caller.admin.games.validate({ draft: DEFAULT_GAME_CONFIG });
    expect(ok).toEqual({ ok: true, rtp: gameConfigRtp(DEFAULT_GAME_CONFIG), issues: [] });
    const generous = { ...generousSlot(DEFAULT_GAME_CONFIG), rps: { ...DEFAULT_GAME_CONFIG.rps, houseEdgePercent: 30 } };
    const res = await admin.caller.admin.games.validate({ draft: generous });
    expect(res.ok).toBe(false);
    expect(res.rtp.slot.rtp).toBeGreaterThan(0.99);
    expect(res.issues.map((i) => `${i.game}.${i.measure}`)).toEqual(['slot.rtp', 'rps.rtp']);
    expect(res.issues[1]).toMatchObject({ rtp: (2 * 0.7 + 1) / 3, min: 0.85, max: 0.99 });
    // A draft zod refuses is BAD_REQUEST (bet limits crossed, unknown symbol, negative weight).
    const crossed = { ...DEFAULT_GAME_CONFIG, crash: { ...DEFAULT_GAME_CONFIG.crash, minBet: 500, maxBet: 100 } };
    expect(await reasonOf(admin.caller.admin.games.validate({ draft: crossed }))).toBe('BAD_REQUEST:');
    const unknown = { ...DEFAULT_GAME_CONFIG, slot: { ...DEFAULT_GAME_CONFIG.slot, paytable: { triple: { nope: 5 }, pair: {} } } };
    expect(await reasonOf(admin.caller.admin.games.validate({ draft: unknown }))).toBe('BAD_REQUEST:');
  });

  it('publish refuses a configuration outside the band and stores nothing', async () => {
    const before = await versions();
    const failure = await admin.caller.admin.games
      .publish({ baseVersion: 1, draft: generousSlot(DEFAULT_GAME_CONFIG), reason: 'too generous' })
      .then(
        () => null,
        (e: Failure) => e,
      );
    expect(failure?.code).toBe('BAD_REQUEST');
    expect(failure?.cause?.reason).toBe('game_config_rtp_out_of_band');
    expect(failure?.cause?.details?.issues).toEqual([expect.objectContaining({ game: 'slot', measure: 'rtp' })]);
    expect(await versions()).toEqual(before);
    expect(await reasonOf(admin.caller.admin.games.publish({ baseVersion: 1, draft: DEFAULT_GAME_CONFIG, reason: 'same' }))).toBe(
      'BAD_REQUEST:game_config_unchanged',
    );
  });

  it('publish makes a new version with its audit row; spins use it at once', async () => {
    const p = await newPlayer(env.deps);
    expect((await p.caller.games.slot.spin({ bet: 10 })).configVersion).toBe(1);
    const draft = withSeven(DEFAULT_GAME_CONFIG, 120);
    const res = await admin.caller.admin.games.publish({ baseVersion: 1, draft, reason: 'Seven pays 120' });
    expect(res).toMatchObject({ version: 2, rolledBackFrom: null, rtp: gameConfigRtp(draft) });
    expect((await p.caller.games.slot.spin({ bet: 10 })).configVersion).toBe(2);
    expect((await callerFor(env.deps).games.slot.config()).paytable.triple.seven).toBe(120);
    expect((await callerFor(env.deps).games.slot.config({ version: 1 })).paytable.triple.seven).toBe(100);

    const audit = await admin.caller.admin.audit.list({ targetType: 'game_config', targetId: '2', limit: 10 });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({
      action: 'game_config.publish',
      adminId: admin.user.id,
      before: { version: 1, config: DEFAULT_GAME_CONFIG },
      after: { version: 2, config: draft },
      meta: { reason: 'Seven pays 120', changes: [{ path: 'slot.paytable.triple.seven', before: 100, after: 120 }] },
    });
    const detail = await admin.caller.admin.games.version({ version: 2 });
    expect(detail).toMatchObject({ previousVersion: 1, authorId: admin.user.id, authorNickname: admin.user.nickname });
    expect(detail.changes).toEqual([{ path: 'slot.paytable.triple.seven', before: 100, after: 120 }]);
  });

  it('a publish from a stale base is CONFLICT; of two racing from one base exactly one wins', async () => {
    const { version } = await admin.caller.admin.games.active();
    expect(
      await reasonOf(
        admin.caller.admin.games.publish({ baseVersion: version - 1, draft: withSeven(DEFAULT_GAME_CONFIG, 110), reason: 'stale' }),
      ),
    ).toBe('CONFLICT:game_config_conflict');
    const other = await newAdmin(env.deps);
    const results = await Promise.all(
      [admin, other].map((a, i) =>
        reasonOf(
          a.caller.admin.games.publish({ baseVersion: version, draft: withSeven(DEFAULT_GAME_CONFIG, 104 + i), reason: `race ${i}` }),
        ),
      ),
    );
    expect(results.sort()).toEqual(['CONFLICT:game_config_conflict', 'resolved']);
    const rows = await versions();
    expect(rows.map((r) => r.version)).toEqual(Array.from({ length: version + 1 }, (_, i) => i + 1));
  });

  it('rollback publishes a copy of an old version, audited, history intact', async () => {
    const before = await versions();
    const res = await admin.caller.admin.games.rollback({ version: 1, reason: 'back to the defaults' });
    expect(res).toMatchObject({ version: before.length + 1, rolledBackFrom: 1 });
    const after = await versions();
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.at(-1)?.config).toEqual(DEFAULT_GAME_CONFIG);
    const active = await admin.caller.admin.games.active();
    expect(active).toMatchObject({ version: res.version, rolledBackFrom: 1, reason: 'back to the defaults' });
    const audit = await admin.caller.admin.audit.list({ targetType: 'game_config', targetId: String(res.version), limit: 10 });
    expect(audit.items[0]).toMatchObject({ action: 'game_config.rollback', after: { version: res.version, config: DEFAULT_GAME_CONFIG } });
    expect(await reasonOf(admin.caller.admin.games.rollback({ version: 999, reason: 'nope' }))).toBe(
      'NOT_FOUND:game_config_version_not_found',
    );
    expect(await reasonOf(admin.caller.admin.games.rollback({ version: 1, reason: 'again' }))).toBe('BAD_REQUEST:game_config_unchanged');
    // A reason of fewer than 3 characters is refused at the input.
    expect(await reasonOf(admin.caller.admin.games.rollback({ version: 2, reason: 'x' }))).toBe('BAD_REQUEST:');
    expect(await reasonOf(admin.caller.admin.games.rollback({ version: 2, reason: 'stale base', baseVersion: 1 }))).toBe(
      'CONFLICT:game_config_conflict',
    );
  });

  it('versions pages newest first with who, why and how many values changed', async () => {
    const all = await versions();
    const first = await admin.caller.admin.games.versions({ limit: 2 });
    expect(first.items.map((v) => v.version)).toEqual([all.length, all.length - 1]);
    expect(first.items[0]).toMatchObject({ rolledBackFrom: 1, changeCount: 1 });
    const rest = await admin.caller.admin.games.versions({ limit: 100, cursor: first.nextCursor ?? undefined });
    expect(rest.items.map((v) => v.version)).toEqual(Array.from({ length: all.length - 2 }, (_, i) => all.length - 2 - i));
    expect(rest.items.at(-1)).toMatchObject({ version: 1, changeCount: 0, authorNickname: null });
    expect(rest.nextCursor).toBeNull();
  });

  it('every procedure is FORBIDDEN to players and UNAUTHORIZED to the anonymous', async () => {
    const p = await newPlayer(env.deps);
    const calls = (c: ReturnType<typeof callerFor>) => [
      c.admin.games.active(),
      c.admin.games.versions({ limit: 5 }),
      c.admin.games.version({ version: 1 }),
      c.admin.games.validate({ draft: DEFAULT_GAME_CONFIG }),
      c.admin.games.publish({ baseVersion: 1, draft: withSeven(DEFAULT_GAME_CONFIG, 101), reason: 'sneaky' }),
      c.admin.games.rollback({ version: 1, reason: 'sneaky' }),
    ];
    for (const r of await Promise.all(calls(p.caller).map(reasonOf))) expect(r).toBe('FORBIDDEN:admin_required');
    for (const r of await Promise.all(calls(callerFor(env.deps)).map(reasonOf))) expect(r).toMatch(/^UNAUTHORIZED:/);
  });
});
