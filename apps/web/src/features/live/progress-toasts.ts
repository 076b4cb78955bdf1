/** The toasts of progression's live events: what was earned, a level reached, a goal ready to claim. */
import type { TLiveEvent } from '@casino/shared';
import { hrefFor } from '../../lib/router';
import { REWARD_SOURCES, rewardText } from '../progression/format';
import { toast } from './toasts';

type Data<T extends TLiveEvent['type']> = Extract<TLiveEvent, { type: T }>['data'];

/** Level rewards are announced with the level-up itself. */
const QUIET_SOURCES = new Set(['level_reward']);

export function toastReward(r: Data<'reward'>) {
  if (QUIET_SOURCES.has(r.source)) return;
  const what = rewardText({ gold: r.gold, gems: r.gems, xp: r.xp });
  const parts = [what !== '—' ? `+${what}` : null, r.vipPoints ? `+${r.vipPoints} VIP points` : null].filter(Boolean);
  if (parts.length === 0 && !r.items?.length) return;
  toast.push({
    title: REWARD_SOURCES[r.source] ?? 'Reward',
    body: [...parts, ...(r.items ?? []).map((i) => i.replaceAll('_', ' '))].join(' · '),
    tone: 'ok',
    kind: 'reward',
  });
}

export function toastLevelUp(l: Data<'level_up'>) {
  const jump = l.level - l.previousLevel;
  toast.push({
    title: `Level up! You reached level ${l.level}`,
    ...(jump > 1 ? { body: `${jump} levels at once` } : {}),
    tone: 'level',
    kind: 'level_up',
  });
}

export function toastAchievement(a: Data<'achievement'>) {
  toast.push({
    title: `Achievement unlocked: ${a.title}`,
    ...(a.rewardGold > 0 ? { body: `+${a.rewardGold.toLocaleString('en-US')} gold` } : {}),
    tone: 'ok',
    kind: 'achievement',
  });
}

export function toastBattlepass(b: Data<'battlepass'>) {
  if (b.kind === 'premium')
    toast.push({ title: 'Battle-pass premium unlocked', tone: 'ok', kind: 'battlepass', href: hrefFor('battlepass') });
  else if (b.level > (b.previousLevel ?? 0))
    toast.push({
      title: `Battle pass: level ${b.level} reached`,
      body: 'Claim its reward',
      kind: 'battlepass',
      href: hrefFor('battlepass'),
    });
}

export function toastProgress(p: Data<'progress'>) {
  if (!p.completed) return;
  const route = p.kind === 'event' ? 'events' : 'missions';
  toast.push({
    title: `${p.kind === 'event' ? 'Event' : 'Mission'} complete: ${p.title}`,
    body: 'Claim your reward',
    tone: 'ok',
    kind: 'progress',
    href: hrefFor(route),
  });
}
