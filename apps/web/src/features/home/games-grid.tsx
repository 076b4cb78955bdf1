import { hrefFor, type Route } from '../../lib/router';

const TILES: { to: Route; glyph: string; title: string; blurb: string }[] = [
  { to: 'slot', glyph: '🎰', title: 'Slot', blurb: 'Three reels, pairs pay' },
  { to: 'gacha', glyph: '🎁', title: 'Gacha', blurb: 'Epic+ within 90 pulls' },
  { to: 'crash', glyph: '📈', title: 'Crash', blurb: 'Cash out before it crashes' },
  { to: 'rps', glyph: '✊', title: 'Rock-paper-scissors', blurb: 'Beat the house' },
];

export function GamesGrid() {
  return (
    <section className="stack" aria-label="Games">
      <div className="row between">
        <h2>Games</h2>
        <a href={hrefFor('fairness')} className="small-text">
          Provably fair
        </a>
      </div>
      <div className="tiles">
        {TILES.map((t) => (
          <a key={t.to} className="card tile" href={hrefFor(t.to)} data-testid={`tile-${t.to}`}>
            <span className="tile-glyph" aria-hidden="true">
              {t.glyph}
            </span>
            <strong>{t.title}</strong>
            <span className="muted small-text">{t.blurb}</span>
          </a>
        ))}
      </div>
    </section>
  );
}
