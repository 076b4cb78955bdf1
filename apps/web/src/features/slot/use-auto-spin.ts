/**
 * Auto-spin: N spins in a row, each started once the previous one has landed. It stops by
 * itself after N spins, on a big win, when the balance cannot pay the next bet, or when a
 * spin fails (saying why, and sending no other spin); the player can stop it at any time (a
 * spin already in flight still lands).
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export const AUTO_SPIN_COUNTS = [10, 25, 50] as const;

export type Landed = { roundId: string; big: boolean; balance: number };
/** A failed spin: `id` tells one attempt from the next (the mutation's submit time), `message` is for the player. */
export type Failure = { id: number; message: string };

const spins = (n: number) => `${n} spin${n === 1 ? '' : 's'}`;

export function useAutoSpin(opts: {
  /** The spin whose reels have landed, or null while spinning. */
  landed: Landed | null;
  failure: Failure | null;
  canAfford: (balance: number) => boolean;
  spin: () => void;
  pauseMs: number;
}) {
  const [run, setRun] = useState<{ total: number; done: number } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [done, setDone] = useState(0);
  const handled = useRef<string | null>(null);
  // A failure from before the run (the last manual spin) is not this run's.
  const handledFailure = useRef<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(opts);
  latest.current = opts;

  const finish = useCallback((why: string) => {
    clearTimeout(timer.current);
    setRun(null);
    setNote(why);
  }, []);

  const start = useCallback((total: number) => {
    handled.current = latest.current.landed?.roundId ?? null;
    handledFailure.current = latest.current.failure?.id ?? null;
    setNote(null);
    setDone(0);
    setRun({ total, done: 0 });
    latest.current.spin();
  }, []);

  const stop = useCallback(() => finish('Auto-spin stopped.'), [finish]);

  const { landed, failure } = opts;
  useEffect(() => {
    if (!run || !landed || landed.roundId === handled.current) return;
    handled.current = landed.roundId;
    const next = { total: run.total, done: run.done + 1 };
    setDone(next.done);
    if (landed.big) return finish(`Stopped on a big win after ${next.done} of ${run.total} spins.`);
    if (next.done >= run.total) return finish(`Auto-spin done: ${run.total} spins.`);
    if (!latest.current.canAfford(landed.balance)) return finish(`Stopped after ${spins(next.done)}: not enough gold for another.`);
    setRun(next);
    timer.current = setTimeout(() => latest.current.spin(), latest.current.pauseMs);
  }, [run, landed, finish]);

  useEffect(() => {
    if (!run || !failure || failure.id === handledFailure.current) return;
    handledFailure.current = failure.id;
    finish(`Auto-spin stopped after ${spins(run.done)}: the next spin failed. ${failure.message}`);
  }, [run, failure, finish]);

  useEffect(() => () => clearTimeout(timer.current), []);

  return { running: run !== null, total: run?.total ?? 0, done, left: run ? run.total - run.done : 0, note, start, stop };
}

export type AutoSpin = ReturnType<typeof useAutoSpin>;
