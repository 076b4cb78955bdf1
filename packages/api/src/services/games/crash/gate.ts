/**
 * At most `limit` crash bet transactions at once per database pool on this instance; the
 * rest wait here, in order. A burst of bets then cannot take every pooled connection, so the
 * settlement worker's transaction always finds one and rounds settle on time under load.
 */
import type { Db } from '@casino/db';

type Gate = { free: number; waiting: (() => void)[] };

const gates = new WeakMap<Db, Gate>();

/** Runs `fn` once one of the `limit` places of `db`'s gate is free. */
export async function throughGate<T>(db: Db, limit: number, fn: () => Promise<T>): Promise<T> {
  let gate = gates.get(db);
  if (!gate) {
    gate = { free: limit, waiting: [] };
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
