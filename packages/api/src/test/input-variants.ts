/**
 * Generates hostile inputs for a procedure from its zod input schema: an otherwise valid
 * input with one string field changed at a time (a NUL byte or another control character
 * inside it; malformed cursors and event ids). Used by the bad-input sweep.
 */
import { randomUUID } from 'node:crypto';

type Def = { type: string; [k: string]: unknown };
type Schema = { _zod: { def: Def }; safeParse(v: unknown): { success: boolean } };
export type Variant = { label: string; input: unknown };

const def = (s: unknown) => (s as Schema)._zod.def;
const inner = (d: Def) => (d.innerType ?? d.in) as Schema;

const ISO = '2024-05-01T12:00:00.000Z';
const STRINGS = [randomUUID(), 'abc12345', `${ISO}|${randomUUID()}`, '1714564800000-0', 'ab_cd_12', '+1 555 0100'];
const GARBAGE: Record<string, string[]> = {
  cursor: ['x', 'x|y', `${ISO}|not-a-uuid`, `2024-13-45T99:00:00.000Z|${randomUUID()}`, 'not a date'],
  lastEventId: ['garbage', '1-x', '-', '99999999999999999999999-0', `${ISO}|${randomUUID()}`],
};

/** zod types that only wrap another schema: variants come from the wrapped one. */
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch', 'pipe']);

/** A value the leaf accepts, so that a variant fails only because of the one field it changes. */
function sample(s: Schema, key: string, numbers: Record<string, number>): unknown {
  const d = def(s);
  if (WRAPPERS.has(String(d.type))) return sample(inner(d), key, numbers);
  switch (d.type) {
    case 'object': {
      const shape = d.shape as Record<string, Schema>;
      return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, sample(v, k, numbers)]));
    }
    case 'union':
      return sample((d.options as Schema[])[0] as Schema, key, numbers);
    case 'array':
      return [sample(d.element as Schema, key, numbers)];
    case 'string':
      return STRINGS.find((c) => s.safeParse(c).success) ?? 'abc12345';
    case 'number':
      return [numbers[key], 10, 1, 100, 1000, 2, 0].find((n) => n !== undefined && s.safeParse(n).success) ?? 1;
    case 'enum':
      return Object.values(d.entries as Record<string, unknown>)[0];
    case 'literal':
      return (d.values as unknown[])[0];
    case 'boolean':
      return false;
    case 'date':
      return new Date();
    default:
      return undefined;
  }
}

/** Every variant of `s` with exactly one string leaf replaced. */
function mutate(s: Schema, key: string, numbers: Record<string, number>): { label: string; value: unknown }[] {
  const d = def(s);
  if (WRAPPERS.has(String(d.type))) return mutate(inner(d), key, numbers);
  switch (d.type) {
    case 'object': {
      const shape = d.shape as Record<string, Schema>;
      const base = sample(s, key, numbers) as Record<string, unknown>;
      return Object.entries(shape).flatMap(([k, v]) =>
        mutate(v, k, numbers).map((m) => ({ label: `${k}${m.label ? `.${m.label}` : ''}`, value: { ...base, [k]: m.value } })),
      );
    }
    case 'union':
      return mutate((d.options as Schema[])[0] as Schema, key, numbers);
    case 'array':
      return mutate(d.element as Schema, key, numbers).map((m) => ({ label: `[]${m.label}`, value: [m.value] }));
    case 'string': {
      const good = String(sample(s, key, numbers));
      const bad = [`${good.slice(0, 2)}\0${good.slice(2)}`, `${good}\u0007`, ...(GARBAGE[key] ?? [])];
      return bad.map((value) => ({ label: JSON.stringify(value), value }));
    }
    default:
      return [];
  }
}

/** Variants for a procedure's input parsers; `numbers` pins numeric fields by name (e.g. a userId to target). */
export function inputVariants(parsers: unknown[], numbers: Record<string, number> = {}): Variant[] {
  return parsers.flatMap((p) => mutate(p as Schema, '', numbers).map((m) => ({ label: m.label, input: m.value })));
}
