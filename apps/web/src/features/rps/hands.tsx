/** Rock, paper and scissors hands as inline SVG (no emoji font needed). */
import type { TRpsChoice } from '@casino/shared';
import type { ReactNode } from 'react';

const SKIN = { fill: '#f2c28f', stroke: '#a8693a', strokeWidth: 2.5, strokeLinejoin: 'round' as const };
const CREASE = { fill: 'none', stroke: '#a8693a', strokeWidth: 2, strokeLinecap: 'round' as const };

const ART: Record<TRpsChoice, ReactNode> = {
  rock: (
    <>
      <rect x="12" y="18" width="40" height="34" rx="12" {...SKIN} />
      <path d="M22 18v14M32 18v14M42 18v14" {...CREASE} />
      <path d="M12 34c8-3 18-3 26 2 3 2 3 6 0 7-6 1-12 1-18-1" {...SKIN} />
      <path d="M22 52v6h22v-6" {...SKIN} />
    </>
  ),
  paper: (
    <>
      <rect x="16" y="8" width="7" height="30" rx="3.5" {...SKIN} />
      <rect x="24" y="4" width="7" height="32" rx="3.5" {...SKIN} />
      <rect x="32" y="5" width="7" height="31" rx="3.5" {...SKIN} />
      <rect x="40" y="10" width="7" height="28" rx="3.5" {...SKIN} />
      <rect x="4" y="30" width="7" height="20" rx="3.5" transform="rotate(-40 8 40)" {...SKIN} />
      <rect x="15" y="28" width="33" height="28" rx="10" {...SKIN} />
      <path d="M24 40c4 3 10 3 16 0" {...CREASE} />
    </>
  ),
  scissors: (
    <>
      <rect x="20" y="2" width="7" height="32" rx="3.5" transform="rotate(-14 23 18)" {...SKIN} />
      <rect x="33" y="2" width="7" height="32" rx="3.5" transform="rotate(14 36 18)" {...SKIN} />
      <rect x="14" y="28" width="36" height="28" rx="11" {...SKIN} />
      <path d="M36 30v10M44 32v9" {...CREASE} />
      <path d="M14 42c8-3 16-2 22 2 2 2 1 5-1 5-6 1-11 0-16-2" {...SKIN} />
    </>
  ),
};

export function Hand({ choice, flip, label }: { choice: TRpsChoice; flip?: boolean; label?: string }) {
  return (
    <svg
      viewBox="0 0 64 64"
      className={`hand-art${flip ? ' flip' : ''}`}
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      data-art={choice}
    >
      {ART[choice]}
    </svg>
  );
}
