/** Admin progression: events, missions, battle-pass seasons and bulk grants, each a tab in the hash. */
import { hrefFor, type ProgressionTab } from '../../lib/router';
import { EventsTab } from './events-tab';
import { GrantsTab } from './grants-tab';
import { MissionsTab } from './missions-tab';
import { SeasonsTab } from './seasons-tab';
import './progression.css';
import { useIsAdmin } from '../../lib/role';

const TABS: { id: ProgressionTab; label: string; short: string }[] = [
  { id: 'events', label: 'Events', short: 'Events' },
  { id: 'missions', label: 'Missions', short: 'Missions' },
  { id: 'battlepass', label: 'Battle pass', short: 'Pass' },
  { id: 'grants', label: 'Bulk grant', short: 'Grant' },
];

/** The bulk grant moves money: admins only (a support account does not see the tab). */
export function ProgressionPage({ tab }: { tab: ProgressionTab }) {
  const isAdmin = useIsAdmin();
  return (
    <div className="stack progression-admin" data-testid="progression-admin" data-tab={tab}>
      <h1>Progression</h1>
      <nav className="tabs" aria-label="Progression sections">
        {TABS.filter((t) => isAdmin || t.id !== 'grants').map((t) => (
          <a
            key={t.id}
            href={hrefFor({ name: 'progression', tab: t.id })}
            aria-current={t.id === tab ? 'page' : undefined}
            data-testid={`progression-tab-${t.id}`}
          >
            <span className="tab-long">{t.label}</span>
            <span className="tab-short">{t.short}</span>
          </a>
        ))}
      </nav>
      {tab === 'events' && <EventsTab />}
      {tab === 'missions' && <MissionsTab />}
      {tab === 'battlepass' && <SeasonsTab />}
      {tab === 'grants' && isAdmin && <GrantsTab />}
    </div>
  );
}
