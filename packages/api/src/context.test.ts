import { describe, expect, it } from 'vitest';
import { createInnerContext } from './context';
import type { Deps } from './deps';

describe('context', () => {
  it('nests the dependencies once, so procedures can only hand services ctx.deps', () => {
    const deps = { db: {}, kv: {}, bus: {}, clock: {}, config: {}, logger: {} } as unknown as Deps;
    const ctx = createInnerContext({ deps });
    expect(ctx.deps).toBe(deps);
    expect(Object.keys(ctx).sort()).toEqual(['accessToken', 'deps', 'meta', 'user']);
  });
});
