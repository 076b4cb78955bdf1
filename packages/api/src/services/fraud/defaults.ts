/**
 * The starter rule set and thresholds, seeded once at start. A marker row records that the
 * seed ran, so a default rule an admin deleted or changed stays deleted or changed on every
 * later start (ON CONFLICT DO NOTHING alone would bring deleted ones back).
 */
import { fraudRules, fraudSettings, transaction } from '@casino/db';
import type { TFraudCondition } from '@casino/shared';
import type { Deps } from '../../deps';
import { bumpRulesVersion, DEFAULT_THRESHOLDS, THRESHOLDS_SETTING } from './rules';

export const DEFAULTS_MARKER = 'defaults_seeded';

export type DefaultRule = { id: string; description: string; condition: TFraudCondition; score: number };

/**
 * With the default thresholds (review 30, soft block 60, hard block 100): one velocity signal
 * alone is a review, two together a soft block; card testing (3+ cards a day) is a review, 6+
 * cards a hard block; a brand-new account's first cash purchase is allowed unless something else adds up.
 */
export const DEFAULT_RULES: DefaultRule[] = [
  {
    id: 'ip_burst_10m',
    description: 'More than 10 purchase attempts from one IP in 10 minutes',
    condition: { feature: 'ipAttempts10m', op: 'gt', value: 10 },
    score: 30,
  },
  {
    id: 'ip_flood_1h',
    description: 'More than 40 purchase attempts from one IP in an hour',
    condition: { feature: 'ipAttempts1h', op: 'gt', value: 40 },
    score: 40,
  },
  {
    id: 'device_burst_1h',
    description: 'More than 20 purchase attempts from one device in an hour',
    condition: { feature: 'deviceAttempts1h', op: 'gt', value: 20 },
    score: 30,
  },
  {
    id: 'device_many_accounts',
    description: 'Four or more players buying from one device in a day',
    condition: { feature: 'deviceUsers24h', op: 'gte', value: 4 },
    score: 30,
  },
  {
    id: 'user_burst_1h',
    description: 'More than 20 purchase attempts by one player in an hour',
    condition: { feature: 'userAttempts1h', op: 'gt', value: 20 },
    score: 30,
  },
  {
    id: 'card_testing',
    description: 'Three or more different cards in a day',
    condition: { feature: 'distinctFingerprints24h', op: 'gte', value: 3 },
    score: 40,
  },
  {
    id: 'card_testing_severe',
    description: 'Six or more different cards in a day (adds to card_testing)',
    condition: { feature: 'distinctFingerprints24h', op: 'gte', value: 6 },
    score: 70,
  },
  {
    id: 'amount_spike',
    description: 'Ten times the player’s usual amount, with at least 3 earlier purchases',
    condition: {
      all: [
        { feature: 'historyCount', op: 'gte', value: 3 },
        { feature: 'amountRatio', op: 'gte', value: 10 },
      ],
    },
    score: 30,
  },
  {
    id: 'new_account_cash',
    description: 'Card purchase within the first hour of the account',
    condition: {
      all: [
        { feature: 'isCash', op: 'eq', value: true },
        { feature: 'accountAgeHours', op: 'lt', value: 1 },
      ],
    },
    score: 20,
  },
  {
    id: 'new_account_big_cash',
    description: 'Card purchase of $100 or more in the first day of the account',
    condition: {
      all: [
        { feature: 'isCash', op: 'eq', value: true },
        { feature: 'accountAgeHours', op: 'lt', value: 24 },
        { feature: 'amount', op: 'gte', value: 10_000 },
      ],
    },
    score: 30,
  },
  {
    id: 'cash_without_device',
    description: 'Card purchase from a client that sent no device id',
    condition: {
      all: [
        { feature: 'isCash', op: 'eq', value: true },
        { feature: 'hasDeviceId', op: 'eq', value: false },
      ],
    },
    score: 10,
  },
];

/** Seeds the default rules and thresholds once; later starts (and other instances starting at once) do nothing. */
export async function ensureFraudDefaults(deps: Pick<Deps, 'db' | 'kv' | 'clock' | 'logger'>): Promise<{ seeded: boolean }> {
  const now = deps.clock.now();
  const seeded = await transaction(deps.db, async (tx) => {
    // The primary key decides: a concurrent start waits for this insert and then inserts nothing.
    const marker = await tx
      .insert(fraudSettings)
      .values({ name: DEFAULTS_MARKER, value: { version: 1, rules: DEFAULT_RULES.map((r) => r.id) }, updatedAt: now })
      .onConflictDoNothing()
      .returning({ name: fraudSettings.name });
    if (marker.length === 0) return false;
    await tx.insert(fraudSettings).values({ name: THRESHOLDS_SETTING, value: DEFAULT_THRESHOLDS, updatedAt: now }).onConflictDoNothing();
    await tx
      .insert(fraudRules)
      .values(DEFAULT_RULES.map((r) => ({ ...r, isActive: true, updatedAt: now })))
      .onConflictDoNothing();
    return true;
  });
  if (seeded) await bumpRulesVersion(deps);
  return { seeded };
}
