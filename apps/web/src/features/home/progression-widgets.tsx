/** The home dashboard's progression widgets, one lazily loaded chunk: daily reward, VIP points, refill, events. */
import '../progression/progression.css';
import { DailyReward } from './daily-reward';
import { EventsPanel } from './events-panel';
import { HourlyBonus } from './hourly-bonus';
import { VipClaim } from './vip-claim';

export function ProgressionWidgets({ gold }: { gold: number }) {
  return (
    <>
      <DailyReward />
      <div className="claims">
        <VipClaim />
        <HourlyBonus gold={gold} />
      </div>
      <EventsPanel />
    </>
  );
}
