import type { ReactNode } from 'react';
import { GameIcon } from '../../components/game-icon';
import type { Game } from '../../lib/games';
import { hrefFor, type Route } from '../../lib/router';
import { GachaGuarantee } from '../gacha/guarantee';

const TILES: { to: Route & Game; title: string; blurb: ReactNode }[] = [
  { to: 'slot', title: 'Slot', blurb: 'Three reels, pairs pay' },
  { to: 'gacha', title: 'Gacha', blurb: <GachaGuarantee /> },
  { to: 'crash', title: 'Crash', blurb: 'Cash out before it crashes' },
  { to: 'rps', title: 'Rock-paper-scissors', blurb: 'Beat the house' },
];

/** The four game tiles (SVG icon, name, one line), linking to each game; `testIdPrefix` names them for tests. */
export function GameTiles({ testIdPrefix }: { testIdPrefix: string }) {
  return (
    <div className="tiles">
      {TILES.map((t) => (
        <a key={t.to} className="card tile" href={hrefFor(t.to)} data-testid={`${testIdPrefix}-${t.to}`}>
          <span className="tile-glyph">
            <GameIcon game={t.to} />
          </span>
          <strong>{t.title}</strong>
          <span className="muted small-text">{t.blurb}</span>
        </a>
      ))}
    </div>
  );
}

export function GamesGrid() {
  return (
    <section className="stack" aria-label="Games" data-widget="games">
      <div className="row between">
        <h2>Games</h2>
        <a href={hrefFor('fairness')} className="small-text">
          Provably fair
        </a>
      </div>
      <GameTiles testIdPrefix="tile" />
    </section>
  );
}
