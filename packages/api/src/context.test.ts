import { describe, expect, it } from 'vitest';
import { createInnerContext, deviceIdFrom } from './context';
import type { Deps } from './deps';

describe('context', () => {
  it('nests the dependencies once, so procedures can only hand services ctx.deps', () => {
    const deps = { db: {}, kv: {}, bus: {}, clock: {}, config: {}, logger: {} } as unknown as Deps;
    const ctx = createInnerContext({ deps });
    expect(ctx.deps).toBe(deps);
    expect(Object.keys(ctx).sort()).toEqual(['accessToken', 'deps', 'meta', 'user']);
  });

  it('takes a device id only when it is 8–128 printable characters; anything else is no device id', () => {
    const id = '3f2c1a9e-5b7d-4c1e-9a2b-6d8e0f1a2b3c';
    expect(deviceIdFrom(id)).toBe(id);
    expect(deviceIdFrom('x'.repeat(128))).toBe('x'.repeat(128));
    for (const bad of [
      undefined,
      null,
      '',
      'short',
      'x'.repeat(129),
      'has space1',
      'tab\there12',
      'nul\u0000byte12',
      'é-accented-id',
      ['a-list-of-ids'],
      42,
    ])
      expect(deviceIdFrom(bad), JSON.stringify(bad)).toBeNull();
    const deps = {} as unknown as Deps;
    expect(createInnerContext({ deps }).meta.deviceId).toBeNull();
    expect(createInnerContext({ deps, meta: { deviceId: id } }).meta.deviceId).toBe(id);
  });
});
