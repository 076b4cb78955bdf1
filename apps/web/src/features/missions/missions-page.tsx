/** Missions: daily, weekly and one-off goals counted from play, each claimed once per period. */
import type { TMissionPeriod } from '@casino/shared';
import { ErrorBanner, Loading, useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';
import { MissionCard } from './mission-card';

const GROUPS: { period: TMissionPeriod; title: string; note: string }[] = [
  { period: 'daily', title: 'Daily', note: 'Reset every day at midnight UTC.' },
  { period: 'weekly', title: 'Weekly', note: 'Reset every Monday, midnight UTC.' },
  { period: 'once', title: 'One-off', note: 'Once per account.' },
];

export function MissionsPage() {
  const trpc = useTRPC();
  const list = useQuery(trpc.economy.missions.list.queryOptions());
  const items = list.data?.items ?? [];
  return (
    <div className="stack" data-testid="missions-page">
      <h1>Missions</h1>
      {list.isPending && <Loading />}
      <ErrorBanner error={list.error} />
      {list.isSuccess && items.length === 0 && <p className="card muted">No missions right now.</p>}
      {GROUPS.map((g) => {
        const group = items.filter((m) => m.period === g.period);
        if (group.length === 0) return null;
        return (
          <section key={g.period} className="stack" aria-labelledby={`missions-${g.period}`} data-testid={`missions-${g.period}`}>
            <div className="row between">
              <h2 id={`missions-${g.period}`}>{g.title}</h2>
              <span className="muted small-text">{g.note}</span>
            </div>
            <div className="cards">
              {group.map((m) => (
                <MissionCard key={m.id} mission={m} />
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}
