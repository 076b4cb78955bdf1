/** Every procedure answers malformed and oversized input with a 4xx and changes nothing. */
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../root';
import { callerFor, createTestEnv, newAdmin, newPlayer, type TestEnv } from '../test/harness';
import { inputVariants } from '../test/input-variants';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

const huge = 'x'.repeat(200_000);
let deep: unknown = 1;
for (let i = 0; i < 200; i++) deep = { a: deep };

const BAD_INPUTS: unknown[] = [
  null,
  'string',
  42,
  -1,
  Number.NaN,
  true,
  [],
  [1, 2, 3],
  { userId: 'abc' },
  { userId: -5, delta: 1e308, currency: 'doubloons' },
  { siteId: huge, password: huge, nickname: huge, inviteCode: huge, code: huge, refreshToken: huge },
  { limit: 1_000_000, cursor: -3 },
  { limit: 1.5 },
  { sessionId: 'not-a-uuid' },
  { __proto__: { admin: true }, constructor: { prototype: { polluted: true } } },
  deep,
  { bet: 1.5, count: 3, currency: 'gold', choice: 'lizard' },
  { search: huge },
];

type Procedures = Record<string, { _def: { type: string; inputs: unknown[] } }>;
const procedures = () => Object.entries(appRouter._def.procedures as unknown as Procedures);

/** HTTP status of one call; a subscription that starts streaming is closed at once (200). */
async function statusOf(caller: unknown, path: string, input: unknown): Promise<number> {
  const fn = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], caller) as (i: unknown) => Promise<unknown>;
  try {
    const res = await fn(input);
    if (res && typeof res === 'object' && Symbol.asyncIterator in res)
      await (res as AsyncIterable<unknown>)[Symbol.asyncIterator]().return?.();
    return 200;
  } catch (e) {
    return getHTTPStatusCodeFromError(e as never);
  }
}

describe('malformed input', () => {
  it('never produces a 5xx from any query or mutation, as admin and as anonymous', async () => {
    const admin = await newAdmin(env.deps);
    const paths = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>)
      .filter(([, p]) => p._def.type !== 'subscription')
      .map(([k]) => k)
      // These succeed on some inputs by design and would end the admin's own session.
      .filter((k) => !['auth.logout', 'auth.logoutAll'].includes(k));
    expect(paths.length).toBeGreaterThan(20);
    const failures: string[] = [];
    for (const caller of [admin.caller, callerFor(env.deps)]) {
      for (const path of paths) {
        for (const input of BAD_INPUTS) {
          const fn = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], caller) as (
            i: unknown,
          ) => Promise<unknown>;
          try {
            await fn(input);
          } catch (e) {
            const status = getHTTPStatusCodeFromError(e as never);
            if (status >= 500) failures.push(`${path} ${JSON.stringify(input)?.slice(0, 60)} → ${status} ${(e as Error).message}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect((await admin.caller.admin.economy.reconcile()).violations).toEqual([]);
  });

  it('answers 400 to control characters in every text field and to malformed cursors and event ids, subscriptions included', async () => {
    const admin = await newAdmin(env.deps);
    const victim = await newPlayer(env.deps);
    const anonymous = callerFor(env.deps);
    const failures: string[] = [];
    let tried = 0;
    for (const [path, proc] of procedures()) {
      // Logging out would end the admin's session for the rest of the sweep.
      const caller = path.startsWith('auth.logout') ? (await newPlayer(env.deps)).caller : admin.caller;
      for (const v of inputVariants(proc._def.inputs, { userId: victim.user.id })) {
        tried++;
        const status = await statusOf(caller, path, v.input);
        if (status !== 400) failures.push(`${path} ${v.label} → ${status}`);
        const anon = await statusOf(anonymous, path, v.input);
        if (anon >= 500) failures.push(`anonymous ${path} ${v.label} → ${anon}`);
      }
    }
    expect(tried).toBeGreaterThan(80);
    expect(failures).toEqual([]);
    expect((await admin.caller.admin.economy.reconcile()).violations).toEqual([]);
  });
});
