/**
 * When the control a keyboard player just used disappears (a "Bet" button replaced by
 * "Cash out", a finished round's "Bet again"), focus falls back to <body> and Tab starts over
 * from the top. This puts it on the control that took the old one's place, only in that case.
 */
import { type RefObject, useEffect } from 'react';

export function useFocusIfLost(ref: RefObject<HTMLElement | null>, when: unknown) {
  useEffect(() => {
    if (when === undefined || when === null || when === false) return;
    const active = document.activeElement;
    if (!active || active === document.body) ref.current?.focus();
  }, [ref, when]);
}
