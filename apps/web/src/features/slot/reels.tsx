import { symbolGlyph } from '../../lib/games';

/** Three reel windows; `data-symbol` is the symbol id shown (the server's once landed). */
export function Reels({ shown, moving, names }: { shown: string[]; moving: boolean[]; names: Record<string, string> }) {
  return (
    <div className="reels" data-testid="reels" data-moving={moving.some(Boolean)}>
      {shown.map((id, i) => (
        <div
          // biome-ignore lint/suspicious/noArrayIndexKey: the three reels are fixed positions
          key={i}
          className={`reel${moving[i] ? ' reel-moving' : ''}`}
          data-testid="reel"
          data-symbol={moving[i] ? '' : id}
          role="img"
          aria-label={moving[i] ? 'spinning' : (names[id] ?? id)}
        >
          <span aria-hidden="true">{symbolGlyph(id)}</span>
          <span className="reel-name" aria-hidden="true">
            {moving[i] ? '…' : (names[id] ?? id)}
          </span>
        </div>
      ))}
    </div>
  );
}
