import { SymbolArt } from './symbols';

/** Three reel windows; `data-symbol` is the symbol id shown (the server's once landed), `data-hit` marks the winning ones. */
export function Reels({
  shown,
  moving,
  hits,
  names,
}: {
  shown: string[];
  moving: boolean[];
  hits: boolean[];
  names: Record<string, string>;
}) {
  return (
    <div className="reels" data-testid="reels" data-moving={moving.some(Boolean)}>
      {shown.map((id, i) => {
        const hit = !moving[i] && !!hits[i];
        return (
          <div
            // biome-ignore lint/suspicious/noArrayIndexKey: the three reels are fixed positions
            key={i}
            className={`reel${moving[i] ? ' reel-moving' : ''}${hit ? ' reel-hit' : ''}`}
            data-testid="reel"
            data-symbol={moving[i] ? '' : id}
            data-hit={hit}
            role="img"
            aria-label={moving[i] ? 'spinning' : `${names[id] ?? id}${hit ? ', winning' : ''}`}
          >
            <SymbolArt id={id} />
            <span className="reel-name" aria-hidden="true">
              {moving[i] ? '…' : (names[id] ?? id)}
            </span>
          </div>
        );
      })}
    </div>
  );
}
