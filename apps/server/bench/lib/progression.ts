/**
 * Progression in the slot benchmark. `slotRoundPgbenchValues` gives the round statement's
 * progression values as pgbench expressions, so pgbench runs the statement the server runs. `seedProgression` (--progression) gives every bench player something to
 * advance: a running battle-pass season, three active missions and two joined events.
 */
import { type ApiConfig, roundProgressValues } from '@casino/api';
import { createCasinoClient, memoryTokenStore } from '@casino/client';
import { sql } from 'drizzle-orm';
import type { BenchPlayer } from './players';

const raw = (s: string) => sql.raw(s);
const quoted = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The round's progression values for slotRoundStatement as pgbench expressions (variables: win, inc_win, inc_loss). */
export function slotRoundPgbenchValues(config: ApiConfig, bet: number, at: Date) {
  const facts = (win: boolean) =>
    roundProgressValues({ game: 'slot', outcome: {} as never, userId: 0, currency: 'gold', bet, result: win ? 'win' : 'loss', at }, config);
  const win = facts(true);
  const loss = facts(false);
  const keys = (inc: object) => `{${Object.keys(inc).join(',')}}`;
  return {
    inc: raw('(CASE WHEN CAST(:win AS int) = 1 THEN :inc_win ELSE :inc_loss END)'),
    keys: raw(`(CASE WHEN CAST(:win AS int) = 1 THEN ${quoted(keys(win.inc))} ELSE ${quoted(keys(loss.inc))} END)`),
    xp: raw(String(win.xp)),
    bpXp: raw(String(win.battlepassXp)),
    day: raw(quoted(win.day)),
    week: raw(quoted(win.week)),
  };
}

export function slotProgressVars(config: ApiConfig, bet: number, at: Date) {
  const facts = (win: boolean) =>
    roundProgressValues({ game: 'slot', outcome: {} as never, userId: 0, currency: 'gold', bet, result: win ? 'win' : 'loss', at }, config);
  return { inc_win: JSON.stringify(facts(true).inc), inc_loss: JSON.stringify(facts(false).inc) };
}

/** Content every player advances on every spin (created through the admin API, joined by each player). */
export async function seedProgression(baseUrl: string, admin: BenchPlayer, players: BenchPlayer[], now: Date): Promise<string> {
  const client = createCasinoClient({ baseUrl, tokens: memoryTokenStore(admin) });
  const day = 86_400_000;
  const startsAt = new Date(now.getTime() - day);
  const endsAt = new Date(now.getTime() + 30 * day);
  const levels = Array.from({ length: 50 }, (_, i) => ({ level: i + 1, free: { gold: 100 }, premium: { gems: 5 } }));
  await client.admin.battlepass.createSeason.mutate({ name: 'Bench season', startsAt, endsAt, maxLevel: 50, xpPerLevel: 1000, levels });
  for (const m of [
    { title: 'Daily spins', period: 'daily' as const, requirements: { slot_spins: 1_000_000 } },
    { title: 'Weekly wager', period: 'weekly' as const, requirements: { gold_wagered: 100_000_000 } },
    { title: 'Winner', period: 'once' as const, requirements: { wins: 1_000_000 } },
  ]) {
    await client.admin.missions.create.mutate({ ...m, rewards: { gold: 100 } });
  }
  const events = [];
  for (const e of [
    { title: 'Bench sprint', requirements: { slot_spins: 1_000_000, wins: 1_000_000 } },
    { title: 'Bench model index', requirements: { model_index_points: 1_000_000 } },
  ]) {
    events.push(await client.admin.events.create.mutate({ ...e, type: 'special', startsAt, endsAt, rewards: { gold: 100 } }));
  }
  for (const p of players) {
    const c = createCasinoClient({ baseUrl, tokens: memoryTokenStore(p) });
    for (const e of events) await c.economy.events.join.mutate({ eventId: e.id });
  }
  return '1 season, 3 missions, 2 events joined by every player';
}
