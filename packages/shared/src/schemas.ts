import { z } from 'zod';
import { CURRENCIES, RANKS, ROLES, USER_STATUSES } from './constants';

/**
 * Every text a client sends is built on this: no NUL or other control characters (C0, DEL, C1).
 * PostgreSQL refuses NUL in text (it used to surface as a 500) and no field of this API means the others.
 */
export const ZText = z.string().regex(/^[^\p{Cc}]*$/u, 'control characters are not allowed');

export const ZSiteId = ZText.trim()
  .toLowerCase()
  .regex(/^[a-z0-9_]{3,32}$/, 'siteId: 3–32 characters of a–z, 0–9 and _');
/**
 * Characters that draw nothing or change how the text around them is shown: controls, format
 * characters (zero-width, bidi overrides), unassigned and private-use code points, lone
 * surrogates, fillers and other default-ignorables, line and paragraph separators.
 */
const HIDDEN_CHARACTER = /[\p{Cc}\p{Cf}\p{Cn}\p{Co}\p{Cs}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}]/u;
/**
 * Display names in NFKC (so full-width and styled letters become plain ones) without hidden
 * characters. Lookalikes of a taken name are refused by the server (confusable skeleton).
 */
/** Not built on ZText: HIDDEN_CHARACTER covers its control characters, with a sentence about nicknames. */
export const ZNickname = z
  .string()
  .normalize('NFKC')
  .trim()
  .min(2)
  .max(20)
  .refine((s) => !HIDDEN_CHARACTER.test(s), 'Nicknames cannot contain invisible, control or text-direction characters.')
  .refine((s) => /[\p{L}\p{N}]/u.test(s), 'A nickname needs at least one letter or digit.');
export const ZPassword = ZText.min(8).max(128);
export const ZInviteCode = ZText.trim().min(1).max(64);
export const ZPhone = ZText.trim().regex(/^\+?[0-9 -]{6,20}$/);
export const ZCurrency = z.enum(CURRENCIES);
export const ZRank = z.enum(RANKS);
export const ZUserStatus = z.enum(USER_STATUSES);
export const ZRole = z.enum(ROLES);
export const ZUserId = z.number().int().positive().max(2_147_483_647);
export const ZLimit = z.number().int().min(1).max(100).default(20);
export const ZIdempotencyKey = ZText.min(8).max(128);
/** Positive integer amounts of gold or gems. */
export const ZAmount = z.number().int().safe();

export const ZSignupInput = z.object({
  siteId: ZSiteId,
  nickname: ZNickname,
  password: ZPassword,
  inviteCode: ZInviteCode,
  phoneNumber: ZPhone.optional(),
});
export type TSignupInput = z.infer<typeof ZSignupInput>;

export const ZLoginInput = z.object({
  siteId: ZText.trim().min(1).max(64),
  password: ZText.min(1).max(128),
});
export type TLoginInput = z.infer<typeof ZLoginInput>;
