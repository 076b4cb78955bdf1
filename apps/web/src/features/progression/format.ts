/** Words for rewards and goals, shared by the home dashboard and the events, missions and battle-pass pages. */
import { formatNumber } from '@casino/ui';

type Rewards = { gold?: number | undefined; gems?: number | undefined; exp?: number | undefined; xp?: number | undefined };

/** "1,000 gold · 10 gems · 50 XP", or "—" for nothing. */
export function rewardText(r: Rewards & { items?: { itemId: string; quantity: number }[] | undefined }): string {
  const parts: string[] = [];
  if (r.gold) parts.push(`${formatNumber(r.gold)} gold`);
  if (r.gems) parts.push(`${formatNumber(r.gems)} gems`);
  const xp = (r.exp ?? 0) + (r.xp ?? 0);
  if (xp) parts.push(`${formatNumber(xp)} XP`);
  for (const i of r.items ?? []) parts.push(`${i.itemId.replaceAll('_', ' ')} ×${formatNumber(i.quantity)}`);
  return parts.length ? parts.join(' · ') : '—';
}

/** "2d 4h", "3h 05m" or "4:09" until `ms` runs out. */
export function formatLeft(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}

/** What a `reward` live event's source is called in a toast. */
export const REWARD_SOURCES: Record<string, string> = {
  streak_claim: 'Daily reward',
  vip_daily: 'VIP points',
  hourly_bonus: 'Gold refill',
  event_reward: 'Event reward',
  mission_reward: 'Mission reward',
  battlepass_reward: 'Battle-pass reward',
  level_reward: 'Level reward',
  admin_grant: 'Gift from the team',
  shop: 'Purchase',
};
