/**
 * One timer per instance and tick interval for every crash stream (a timing wheel): while any
 * stream has a round in play, a beat fires every `tickMs / SLOTS` and wakes the streams of one
 * slot, so each stream is woken every `tickMs` — instead of one timer per subscriber — and
 * the streams' ticks are spread over the interval rather than all sent in one burst (which
 * would delay the last of them by the whole burst). A stream joins the slot the wheel is on
 * when its round starts (its first tick is immediate, the next one `tickMs` later) and leaves
 * when the round ends; with no stream left the timer stops.
 */
const SLOTS = 10;

type Wheel = { slots: Set<() => void>[]; cursor: number; members: number; timer: NodeJS.Timeout | null };

const wheels = new Map<number, Wheel>();

/** Calls `wake` every `tickMs` until the returned function is called. */
export function onBeat(tickMs: number, wake: () => void): () => void {
  let wheel = wheels.get(tickMs);
  if (!wheel) {
    wheel = { slots: Array.from({ length: SLOTS }, () => new Set<() => void>()), cursor: 0, members: 0, timer: null };
    wheels.set(tickMs, wheel);
  }
  const w = wheel;
  const slot = w.slots[w.cursor] as Set<() => void>;
  slot.add(wake);
  w.members++;
  w.timer ??= setInterval(() => {
    w.cursor = (w.cursor + 1) % SLOTS;
    for (const member of w.slots[w.cursor] ?? []) member();
  }, tickMs / SLOTS);
  return () => {
    if (!slot.delete(wake)) return;
    if (--w.members === 0 && w.timer) {
      clearInterval(w.timer);
      w.timer = null;
    }
  };
}
