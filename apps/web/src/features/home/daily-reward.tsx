/**
 * The daily reward: this week's attendance and a button that opens the claim dialog with the
 * server's preview of today's and tomorrow's reward (economy.streak.status). Claiming ticks
 * the day first on the server, so one press both marks attendance and pays.
 */
import { useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { rewardText } from '../progression/format';
import { Attendance } from './attendance';
import { DailyRewardDialog } from './daily-reward-dialog';

export function DailyReward() {
  const trpc = useTRPC();
  const status = useQuery(trpc.economy.streak.status.queryOptions());
  const history = useQuery(trpc.economy.streak.history.queryOptions());
  const ready = status.isSuccess && history.isSuccess;
  const [open, setOpen] = useState(false);
  const s = status.data;

  return (
    <section
      className="card stack widget-daily"
      aria-labelledby="daily-title"
      aria-busy={!ready}
      data-testid="daily"
      data-widget="daily"
      data-ready={ready}
    >
      <div className="row between">
        <h2 id="daily-title">Daily reward</h2>
        {s && (
          <span className="muted small-text" data-testid="streak-count">
            {s.count > 0 ? `${s.count}-day streak` : 'No streak yet'}
            {s.protections > 0 ? ` · ${s.protections} protection${s.protections === 1 ? '' : 's'}` : ''}
          </span>
        )}
      </div>
      <Attendance />
      {s && (
        <div className="row between">
          <span className="small-text" data-testid="daily-preview">
            {s.claimedToday ? `Claimed today. Tomorrow: ${rewardText(s.tomorrow)}` : `Today: ${rewardText(s.today)}`}
          </span>
          <button type="button" className={s.claimedToday ? 'small' : 'primary'} onClick={() => setOpen(true)} data-testid="daily-open">
            {s.claimedToday ? 'Details' : 'Claim daily reward'}
          </button>
        </div>
      )}
      {open && s && <DailyRewardDialog status={s} onClose={() => setOpen(false)} />}
    </section>
  );
}
