/**
 * A random id for this browser, kept in localStorage and sent as `x-device-id`: the fraud
 * rules count purchase attempts per device. Built from getRandomValues, which (unlike
 * randomUUID) also works on a plain-http origin.
 */
import { DEVICE_ID_PATTERN } from '@casino/shared';

const KEY = 'casino.deviceId';

function fresh(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function deviceId(): string {
  try {
    const stored = localStorage.getItem(KEY);
    if (stored && DEVICE_ID_PATTERN.test(stored)) return stored;
    const id = fresh();
    localStorage.setItem(KEY, id);
    return id;
  } catch {
    // Storage blocked (private mode settings): an id for this page's life is still better than none.
    return fresh();
  }
}
