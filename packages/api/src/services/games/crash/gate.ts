/**
 * Crash bets' database work in flight per pool on this instance: three quarters of the pool's
 * connections (at least one); the rest wait here, in order. A burst of bets then cannot take
 * every pooled connection: the rest serve settlements, spins and reads (first come, first
 * served in the driver's queue), and rounds settle on time under load. What goes through is the
 * round's start: its Redis state and its statement (or its transaction path) — a bet waiting
 * here has not started — not its delivery after commit.
 */
import { type Db, poolSize } from '@casino/db';

type Gate = { free: number; waiting: (() => void)[] };

const gates = new WeakMap<Db, Gate>();

/** The gate's places for `db`. */
export const betsInFlight = (db: Db) => Math.max(1, Math.floor((poolSize(db) * 3) / 4));

/** Runs `fn` once one of the places of `db`'s gate is free. */
export async function throughGate<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  let gate = gates.get(db);
  if (!gate) {
    gate = { free: betsInFlight(db), waiting: [] };
    gates.set(db, gate);
  }
  const g = gate;
  if (g.free > 0) g.free--;
  else await new Promise<void>((resolve) => g.waiting.push(resolve));
  try {
    return await fn();
  } finally {
    const next = g.waiting.shift();
    if (next) next();
    else g.free++;
  }
}
