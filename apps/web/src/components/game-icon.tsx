/** Small SVG icons of the four games (home tiles, menus): no emoji font needed. */
import type { ReactNode } from 'react';
import type { Game } from '../lib/games';

const ICONS: Record<Game, ReactNode> = {
  slot: (
    <>
      <rect x="3" y="7" width="26" height="20" rx="4" fill="#3a3557" stroke="#f5c542" strokeWidth="2" />
      <rect x="6" y="11" width="6" height="12" rx="1.5" fill="#f2f0fa" />
      <rect x="13" y="11" width="6" height="12" rx="1.5" fill="#f2f0fa" />
      <rect x="20" y="11" width="6" height="12" rx="1.5" fill="#f2f0fa" />
      <path d="M7 14h4l-2.5 6M14 14h4l-2.5 6M21 14h4l-2.5 6" fill="none" stroke="#e53946" strokeWidth="1.6" strokeLinejoin="round" />
    </>
  ),
  gacha: (
    <>
      <rect x="5" y="13" width="22" height="15" rx="2" fill="#9333ea" />
      <rect x="3" y="9" width="26" height="6" rx="2" fill="#c084fc" />
      <path d="M16 9v19" stroke="#f5c542" strokeWidth="3" />
      <path d="M16 9c-3-6-9-6-8-2 1 3 5 2 8 2 3 0 7 1 8-2 1-4-5-4-8 2z" fill="none" stroke="#f5c542" strokeWidth="2" />
    </>
  ),
  crash: (
    <>
      <path d="M3 28c8 0 16-4 22-18" fill="none" stroke="#4ade80" strokeWidth="2.5" strokeLinecap="round" />
      <path d="M27 3c-5 0-9 3-12 8l6 6c5-3 8-7 8-12 0-1-1-2-2-2z" fill="#e9e6f5" />
      <circle cx="23" cy="9" r="2" fill="#6fd3ff" />
      <path d="M15 11l-4 0-2 3 4 1zM21 17v4l-3 2-1-4z" fill="#e53946" />
    </>
  ),
  rps: (
    <>
      <rect x="7" y="10" width="18" height="16" rx="6" fill="#f2c28f" stroke="#a8693a" strokeWidth="1.6" />
      <path d="M12 10v7M16.5 10v7M21 10v7" stroke="#a8693a" strokeWidth="1.4" />
      <path d="M7 18c4-2 9-1 12 1 1 1 1 3-1 3-3 0-6 0-9-1" fill="#f2c28f" stroke="#a8693a" strokeWidth="1.6" />
    </>
  ),
};

export function GameIcon({ game, size = 32 }: { game: Game; size?: number }) {
  return (
    <svg viewBox="0 0 32 32" width={size} height={size} aria-hidden="true" data-art={game}>
      {ICONS[game]}
    </svg>
  );
}
