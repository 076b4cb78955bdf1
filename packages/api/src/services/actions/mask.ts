/**
 * Masks personal data in what clients send to the action log: e-mail addresses and phone
 * numbers inside any string, and the whole value of a field whose name says it holds one.
 * The stored and streamed payload never carries them in clear.
 */
import type { TJsonValue } from '@casino/shared';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
/** Digits with the separators people write numbers with; 7–15 digits make it a phone number. */
const PHONE = /\+?\(?\d[\d\s().-]{5,}\d/g;
/** Dates and times are not phone numbers. */
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?$/;
const PII_FIELD = /phone|e-?mail|mobile|^tel$|telephone|msisdn/i;

function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  return `${email[0]}***@${domain[0]}***${domain.slice(dot)}`;
}

function maskPhone(candidate: string): string {
  const digits = candidate.replace(/\D/g, '').length;
  if (digits < 7 || digits > 15 || DATE_LIKE.test(candidate.trim())) return candidate;
  let seen = 0;
  // Every digit but the last two becomes *, separators stay (the shape remains readable).
  return candidate.replace(/\d/g, (d) => (++seen > digits - 2 ? d : '*'));
}

export function maskText(s: string): string {
  return s.replace(EMAIL, maskEmail).replace(PHONE, maskPhone);
}

export function maskPii(value: TJsonValue, field?: string): TJsonValue {
  if (typeof value === 'string') return field && PII_FIELD.test(field) ? '***' : maskText(value);
  if (typeof value === 'number' && field && PII_FIELD.test(field)) return '***';
  if (Array.isArray(value)) return value.map((v) => maskPii(v, field));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskPii(v, k)]));
  return value;
}
