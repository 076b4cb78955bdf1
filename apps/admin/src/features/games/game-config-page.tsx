import { type GamesTab, hrefFor } from '../../lib/router';
import { ConfigInForce } from './config-in-force';
import { ConfigEditor } from './editor/config-editor';
import { VersionsPanel } from './history/versions-panel';
import './games.css';
import { useIsAdmin } from '../../lib/role';

const TABS: { tab: GamesTab; label: string }[] = [
  { tab: 'config', label: 'In force' },
  { tab: 'edit', label: 'Edit' },
  { tab: 'history', label: 'Versions' },
];

/** Game configuration (SPEC §5, §8): what runs now, the editor with its exact RTP preview, and the version history. */
export function GameConfigPage({ tab }: { tab: GamesTab }) {
  const isAdmin = useIsAdmin();
  return (
    <div className="stack" data-testid="games-page">
      <h1>Games</h1>
      <nav className="tabs" aria-label="Game configuration sections">
        {TABS.filter((t) => isAdmin || t.tab !== 'edit').map((t) => (
          <a
            key={t.tab}
            href={hrefFor({ name: 'games', tab: t.tab })}
            aria-current={tab === t.tab ? 'page' : undefined}
            data-testid={`games-tab-${t.tab}`}
          >
            {t.label}
          </a>
        ))}
      </nav>
      {tab === 'config' && <ConfigInForce />}
      {tab === 'edit' && (isAdmin ? <ConfigEditor /> : <p className="muted">Only an admin can edit and publish the game configuration.</p>)}
      {tab === 'history' && <VersionsPanel />}
    </div>
  );
}
