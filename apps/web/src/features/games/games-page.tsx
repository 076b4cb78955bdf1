import { hrefFor, type Route } from '../../lib/router';
import './games.css';

const GAMES: { to: Route; glyph: string; title: string; blurb: string }[] = [
  { to: 'slot', glyph: '🎰', title: 'Slot', blurb: 'Three reels, pairs pay' },
  { to: 'crash', glyph: '📈', title: 'Crash', blurb: 'Cash out before it crashes' },
  { to: 'gacha', glyph: '🎁', title: 'Gacha', blurb: 'Epic+ within 90 pulls' },
  { to: 'rps', glyph: '✊', title: 'Rock-paper-scissors', blurb: 'Beat the house' },
];

/** The lobby behind the Games tab: every game, and the fairness page that proves each round. */
export function GamesPage() {
  return (
    <div className="stack" data-testid="games">
      <h1>Games</h1>
      <div className="tiles">
        {GAMES.map((g) => (
          <a key={g.to} className="card tile" href={hrefFor(g.to)} data-testid={`game-${g.to}`}>
            <span className="tile-glyph" aria-hidden="true">
              {g.glyph}
            </span>
            <strong>{g.title}</strong>
            <span className="muted small-text">{g.blurb}</span>
          </a>
        ))}
      </div>
      <a className="card lobby-link" href={hrefFor('fairness')} data-testid="game-fairness">
        <span className="stack tight">
          <strong>Provably fair</strong>
          <span className="muted small-text">Check any round you played against its revealed seed.</span>
        </span>
        <span aria-hidden="true">›</span>
      </a>
    </div>
  );
}
