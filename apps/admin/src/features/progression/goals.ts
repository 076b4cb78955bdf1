/**
 * Text state of the goal and reward fields the event and mission forms share, checked the way
 * the server checks them (ZRequirements, ZEventRewards) so most mistakes never leave the page.
 */
import { REQUIREMENT_KEYS, REQUIREMENT_LABELS, type TEventRewards, type TRequirementKey, type TRequirements } from '@casino/shared';
import { formatNumber } from '@casino/ui';
import { parseWhole } from '../shop/format';

export type GoalLine = { key: TRequirementKey; target: string };
export type RewardFields = { gold: string; gems: string; exp: string };

export const KEY_OPTIONS = REQUIREMENT_KEYS.map((k) => ({ value: k, label: `${REQUIREMENT_LABELS[k]} (${k})` }));

export const goalLinesOf = (r: Partial<Record<TRequirementKey, number>>): GoalLine[] =>
  (Object.entries(r) as [TRequirementKey, number][]).map(([key, target]) => ({ key, target: String(target) }));
export const rewardFieldsOf = (r: { gold?: number | undefined; gems?: number | undefined; exp?: number | undefined }): RewardFields => ({
  gold: r.gold ? String(r.gold) : '',
  gems: r.gems ? String(r.gems) : '',
  exp: r.exp ? String(r.exp) : '',
});

/** At least one goal, each key once, each target a whole number from 1. */
export function parseGoals(lines: GoalLine[]): { value: TRequirements | null; error?: string } {
  if (lines.length === 0) return { value: null, error: 'Add at least one goal.' };
  const out: Partial<Record<TRequirementKey, number>> = {};
  for (const l of lines) {
    const n = parseWhole(l.target, 1, 1_000_000_000);
    if (typeof n !== 'number') return { value: null, error: `${REQUIREMENT_LABELS[l.key]}: a whole number from 1.` };
    if (out[l.key] !== undefined) return { value: null, error: `${REQUIREMENT_LABELS[l.key]} appears twice.` };
    out[l.key] = n;
  }
  return { value: out as TRequirements };
}

/** Gold, gems and exp, each empty or 0–100,000,000, at least one positive. */
export function parseRewards(f: RewardFields): { value: TEventRewards | null; error?: string } {
  const out: { gold?: number; gems?: number; exp?: number } = {};
  for (const k of ['gold', 'gems', 'exp'] as const) {
    const n = parseWhole(f[k], 0, 100_000_000);
    if (n === undefined) return { value: null, error: `${k}: a whole number from 0 to 100,000,000, or empty.` };
    if (n) out[k] = n;
  }
  if (!out.gold && !out.gems && !out.exp) return { value: null, error: 'Give at least one of gold, gems or exp.' };
  return { value: out };
}

export function goalsText(r: Partial<Record<TRequirementKey, number>>): string {
  return (Object.entries(r) as [TRequirementKey, number][]).map(([k, n]) => `${formatNumber(n)} ${k}`).join(', ') || '—';
}

export function rewardsText(r: { gold?: number | undefined; gems?: number | undefined; exp?: number | undefined }): string {
  const parts: string[] = [];
  if (r.gold) parts.push(`${formatNumber(r.gold)} gold`);
  if (r.gems) parts.push(`${formatNumber(r.gems)} gems`);
  if (r.exp) parts.push(`${formatNumber(r.exp)} exp`);
  return parts.join(' · ') || '—';
}
