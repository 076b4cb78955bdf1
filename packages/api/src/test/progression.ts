/** Helpers of the progression tests: live events as streamed, and a caller's admin-made content. */
import type { TLiveEvent } from '@casino/shared';
import { expect } from 'vitest';
import type { Kv } from '../infra/kv';
import { streamKey } from '../realtime/outbox';
import type { newAdmin } from './harness';

type Admin = Awaited<ReturnType<typeof newAdmin>>;

/** Every live event delivered to the user's stream, oldest first. */
export async function streamedEvents(kv: Kv, userId: number): Promise<TLiveEvent[]> {
  const rows = await kv.xrangeAfter(streamKey(userId), '0-0', 10_000);
  return rows.map((r) => JSON.parse(r.data) as TLiveEvent);
}

export async function eventsOfType<T extends TLiveEvent['type']>(kv: Kv, userId: number, type: T) {
  return (await streamedEvents(kv, userId)).filter((e): e is Extract<TLiveEvent, { type: T }> => e.type === type);
}

/** admin.economy.reconcile finds no balance that differs from the sum of its ledger. */
export async function expectLedgerConsistent(admin: Admin) {
  expect((await admin.caller.admin.economy.reconcile()).violations).toEqual([]);
}

const HOUR = 3_600_000;

export async function createRunningEvent(
  admin: Admin,
  at: Date,
  over: Partial<Parameters<Admin['caller']['admin']['events']['create']>[0]> = {},
) {
  return admin.caller.admin.events.create({
    title: 'Spin sprint',
    description: 'Spin three times',
    type: 'special',
    startsAt: new Date(at.getTime() - HOUR),
    endsAt: new Date(at.getTime() + 24 * HOUR),
    requirements: { slot_spins: 3 },
    rewards: { gold: 700, gems: 3, exp: 50 },
    ...over,
  });
}

export async function createRunningSeason(
  admin: Admin,
  at: Date,
  over: Partial<Parameters<Admin['caller']['admin']['battlepass']['createSeason']>[0]> = {},
) {
  return admin.caller.admin.battlepass.createSeason({
    name: 'Season 1',
    startsAt: new Date(at.getTime() - HOUR),
    endsAt: new Date(at.getTime() + 30 * 24 * HOUR),
    maxLevel: 5,
    xpPerLevel: 20,
    levels: [
      { level: 1, free: { gold: 100 }, premium: { gems: 10, items: [{ itemId: 'streak_protection', quantity: 1 }] } },
      { level: 2, free: { gold: 200, exp: 30 }, premium: null },
      { level: 5, free: null, premium: { gold: 5000 } },
    ],
    ...over,
  });
}
