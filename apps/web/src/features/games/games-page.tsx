import { hrefFor } from '../../lib/router';
import { GameTiles } from '../home/games-grid';
import './games.css';

/** The lobby behind the Games tab: every game, and the fairness page that proves each round. */
export function GamesPage() {
  return (
    <div className="stack" data-testid="games">
      <h1>Games</h1>
      <GameTiles testIdPrefix="game" />
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
