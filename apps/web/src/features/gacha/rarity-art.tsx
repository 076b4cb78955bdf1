/** The emblem of each rarity, as inline SVG: a coin, a blue diamond, a violet gem, a golden crown. */
import type { ReactNode } from 'react';

const ART: Record<string, ReactNode> = {
  common: (
    <>
      <circle cx="32" cy="32" r="22" fill="#8f8aa8" stroke="#5d5876" strokeWidth="3" />
      <circle cx="32" cy="32" r="15" fill="none" stroke="#c9c5dc" strokeWidth="2" />
      <path d="M32 22l3 7h7l-6 4 2 7-6-4-6 4 2-7-6-4h7z" fill="#e4e1f0" />
    </>
  ),
  rare: (
    <>
      <path d="M16 24 24 12h16l8 12-16 30z" fill="#3b82f6" stroke="#1e3a8a" strokeWidth="2.5" strokeLinejoin="round" />
      <path d="M16 24h32M24 12l8 12 8-12M32 24v30" fill="none" stroke="#93c5fd" strokeWidth="2" strokeLinejoin="round" />
    </>
  ),
  epic: (
    <>
      <path d="M32 6 54 19v26L32 58 10 45V19z" fill="#9333ea" stroke="#4c1d95" strokeWidth="2.5" strokeLinejoin="round" />
      <path d="M32 18 44 25v14l-12 7-12-7V25z" fill="#c084fc" />
      <path d="M32 6v12M54 19l-10 6M54 45l-10-6M32 58V46M10 45l10-6M10 19l10 6" stroke="#e9d5ff" strokeWidth="1.5" />
    </>
  ),
  legendary: (
    <>
      <path d="M8 22l12 10 12-20 12 20 12-10-5 28H13z" fill="#f5c542" stroke="#8a6100" strokeWidth="2.5" strokeLinejoin="round" />
      <rect x="13" y="50" width="38" height="6" rx="2" fill="#d4a017" stroke="#8a6100" strokeWidth="2" />
      <circle cx="32" cy="36" r="4.5" fill="#e53946" />
      <circle cx="21" cy="40" r="3" fill="#6fd3ff" />
      <circle cx="43" cy="40" r="3" fill="#6fd3ff" />
    </>
  ),
};

export function RarityArt({ rarity, size = 44 }: { rarity: string; size?: number }) {
  return (
    <svg viewBox="0 0 64 64" width={size} height={size} className="rarity-art" aria-hidden="true" data-art={rarity}>
      {ART[rarity] ?? ART.common}
    </svg>
  );
}

/** The back of a card before it turns: a question mark drawn as strokes (no font needed). */
export function CardBack() {
  return (
    <svg viewBox="0 0 64 64" width={40} height={40} aria-hidden="true">
      <path d="M22 24a10 10 0 1 1 14 9c-3 1.5-4 3.5-4 7v2" fill="none" stroke="currentColor" strokeWidth="6" strokeLinecap="round" />
      <circle cx="32" cy="52" r="4" fill="currentColor" />
    </svg>
  );
}
