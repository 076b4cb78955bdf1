export const RANKS = ['STANDARD', 'PREMIUM', 'VIP'] as const;
export type TRank = (typeof RANKS)[number];
export const ROLES = ['user', 'support', 'admin'] as const;
export type TRole = (typeof ROLES)[number];
export const USER_STATUSES = ['active', 'banned', 'deleted'] as const;
export type TUserStatus = (typeof USER_STATUSES)[number];
export const CURRENCIES = ['gold', 'gems'] as const;

/** Calls per tRPC HTTP batch: the server refuses more (400), the client link splits at it. */
export const MAX_BATCH_CALLS = 50;
export type TCurrency = (typeof CURRENCIES)[number];

export function rankAtLeast(rank: TRank, min: TRank): boolean {
  return RANKS.indexOf(rank) >= RANKS.indexOf(min);
}

/** SPEC §1: maxExperience = 1000 + (level − 1) × 100 */
export function maxExperienceFor(level: number): number {
  return 1000 + (level - 1) * 100;
}

// Device ids (fraud signals) live here, not in fraud.ts: the SPAs read them on first load, and
// fraud.ts's zod schemas would bring zod along.

/** The header the player SPA names its device with (a random id kept in localStorage). */
export const DEVICE_ID_HEADER = 'x-device-id';
/** Printable ASCII without spaces, 8–128 characters: anything else is treated as no device id. */
export const DEVICE_ID_PATTERN = /^[\x21-\x7e]{8,128}$/;
