/** siteIds and nicknames share one case- and lookalike-insensitive namespace (issue 6, items 8 and 9). */
import { userHandles, users } from '@casino/db';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillHandles, handleKey, handleKeys } from '../../services/auth/handles';
import { callerFor, createTestEnv, type TestEnv, uniqueName } from '../../test/harness';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

const signup = (siteId: string, nickname: string) =>
  callerFor(env.deps).auth.signup({ siteId, nickname, password: 'password-123', inviteCode: '5858' });
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e) => `${getHTTPStatusCodeFromError(e)} ${e.code}:${e.cause?.reason ?? e.cause?.issues?.[0]?.message ?? ''}`,
  );

describe('one namespace for siteIds and nicknames', () => {
  it("refuses another player's siteId as a nickname, and a nickname as a siteId", async () => {
    const a = await signup(uniqueName('a'), `Nick ${uniqueName('n')}`);
    expect(await outcome(signup(uniqueName('b'), a.user.siteId))).toBe('409 CONFLICT:nickname_taken');
    expect(await outcome(signup(uniqueName('b'), a.user.siteId.toUpperCase()))).toBe('409 CONFLICT:nickname_taken');
    const nick = uniqueName('w');
    await signup(uniqueName('c'), nick.toUpperCase());
    expect(await outcome(signup(nick, `Other ${uniqueName('n')}`))).toBe('409 CONFLICT:site_id_taken');
  });

  it('adds no handle when a player picks their own siteId as nickname', async () => {
    const siteId = uniqueName('s');
    const p = await signup(siteId, siteId.toUpperCase());
    const rows = await env.deps.db.select().from(userHandles).where(eq(userHandles.userId, p.user.id));
    expect(rows.map((r) => r.handle).sort()).toEqual(handleKeys(siteId).sort());
    expect(rows.every((r) => r.kind === 'site_id')).toBe(true);
  });

  it('logs in by any spelling of a siteId or nickname to the one account that owns it', async () => {
    const siteId = uniqueName('l');
    const p = await signup(siteId, 'Paypal Fan');
    const anon = callerFor(env.deps);
    const spellings = [siteId.toUpperCase(), 'PAYPAL FAN', 'Раураl Fan', '𝐏𝐚𝐲𝐩𝐚𝐥 𝐅𝐚𝐧', 'ＰａｙＰａｌ Ｆａｎ'];
    for (const name of spellings) {
      await expect(anon.auth.login({ siteId: name, password: 'password-123' })).resolves.toMatchObject({ user: { id: p.user.id } });
    }
  });

  it('lets exactly one of many signups racing for colliding names win, the rest CONFLICT, none 500', async () => {
    const name = uniqueName('r');
    const racers = [
      ...[0, 1, 2, 3].map(() => signup(name, `Nick ${uniqueName('n')}`)),
      ...[0, 1, 2, 3].map(() => signup(uniqueName('o'), name.toUpperCase())),
      ...[0, 1].map(() => signup(uniqueName('o'), name.replace(/o/g, '0'))),
    ];
    const results = await Promise.all(racers.map(outcome));
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    for (const r of results.filter((x) => x !== 'ok')) expect(r).toMatch(/^409 CONFLICT:(site_id|nickname)_taken$/);
  });

  it('never deadlocks two signups that want each other’s names', async () => {
    const results: string[] = [];
    for (let i = 0; i < 5; i++) {
      const [x, y] = [uniqueName('x'), uniqueName('y')];
      const pair = await Promise.all([outcome(signup(x, y)), outcome(signup(y, x))]);
      expect(pair.filter((r) => r === 'ok')).toHaveLength(1);
      results.push(...pair);
    }
    for (const r of results.filter((x) => x !== 'ok')) expect(r).toMatch(/^409 CONFLICT:(site_id|nickname)_taken$/);
  });
});

describe('nickname impersonation', () => {
  it('refuses a lookalike of a taken nickname with CONFLICT, hidden characters with BAD_REQUEST', async () => {
    const taken = `Alice${uniqueName('').slice(-4)}`;
    await signup(uniqueName('v'), taken);
    // A Cyrillic А, a 1 or a capital I for the l: lookalikes of the taken name share one of its skeletons.
    expect(await outcome(signup(uniqueName('h'), taken.replace('A', 'А')))).toBe('409 CONFLICT:nickname_taken');
    expect(await outcome(signup(uniqueName('h'), taken.replace('l', '1')))).toBe('409 CONFLICT:nickname_taken');
    expect(await outcome(signup(uniqueName('h'), taken.replace('l', 'I')))).toBe('409 CONFLICT:nickname_taken');
    // Capitals whose lower case looks different (Greek Ν → ν, Cyrillic К → к) collide in upper case.
    const capital = `Nika${uniqueName('').slice(-4)}`;
    await signup(uniqueName('v'), capital);
    expect(await outcome(signup(uniqueName('h'), capital.replace('N', 'Ν')))).toBe('409 CONFLICT:nickname_taken');
    expect(await outcome(signup(uniqueName('h'), capital.replace('k', 'К')))).toBe('409 CONFLICT:nickname_taken');
    const hidden = [`${taken.slice(0, 2)}\u200B${taken.slice(2)}`, '\u200B\u200C\u200D\u2060', '\u3164\u3164\u3164', `\u202E${taken}`];
    for (const nickname of hidden) {
      expect(await outcome(signup(uniqueName('h'), nickname))).toMatch(/^400 BAD_REQUEST:(Nicknames cannot|A nickname needs)/);
    }
  });

  it('accepts international nicknames, stored in NFKC', async () => {
    for (const nickname of ['김민준', 'José Álvarez', 'Zoë', 'Ñandú', '山田太郎', 'Ｆｕｌｌ Ｗｉｄｔｈ']) {
      const p = await signup(uniqueName('i'), nickname);
      expect(p.user.nickname).toBe(nickname.normalize('NFKC'));
    }
    expect(await outcome(signup(uniqueName('i'), 'Full Width'))).toBe('409 CONFLICT:nickname_taken');
  });
});

describe('backfill of accounts made before user_handles', () => {
  it('gives old accounts their handles once, logs a collision and keeps the older owner', async () => {
    const lines: { msg: string; userId?: number; ownerId?: number }[] = [];
    const logger = pino({ level: 'warn' }, { write: (l: string) => void lines.push(JSON.parse(l)) });
    const [old, young] = [uniqueName('q'), uniqueName('q')];
    const [first] = await env.deps.db.insert(users).values({ siteId: old, nickname: 'Old Timer', passwordHash: 'x' }).returning();
    const [second] = await env.deps.db.insert(users).values({ siteId: young, nickname: old.toUpperCase(), passwordHash: 'x' }).returning();
    const expected = new Set([...handleKeys(old), ...handleKeys('Old Timer'), ...handleKeys(young)]).size;
    const collided = handleKeys(old.toUpperCase()).length;
    expect(await backfillHandles({ db: env.deps.db, logger })).toEqual({ inserted: expected, collisions: collided });
    expect(lines).toHaveLength(collided);
    for (const l of lines) expect(l).toMatchObject({ userId: second?.id, ownerId: first?.id, kind: 'nickname' });
    expect(await backfillHandles({ db: env.deps.db, logger })).toEqual({ inserted: 0, collisions: 0 });
    const owners = await env.deps.db
      .select()
      .from(userHandles)
      .where(eq(userHandles.handle, handleKey('old timer')));
    expect(owners.map((o) => o.userId)).toEqual([first?.id]);
  });
});
