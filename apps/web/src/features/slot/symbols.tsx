/**
 * Reel artwork as inline SVG (shipped in the game's chunk, no emoji font needed). A symbol the
 * configuration adds later without artwork is drawn as a tile with its first letters.
 */
import type { ReactNode } from 'react';

const LEAF = '#3f9b4a';

const ART: Record<string, ReactNode> = {
  cherry: (
    <>
      <path d="M22 40C26 24 34 14 46 9M42 42C42 28 44 18 46 9" fill="none" stroke="#4d7c2a" strokeWidth="3" strokeLinecap="round" />
      <path d="M46 9c6 1 11 5 12 11-7 1-12-3-12-11z" fill={LEAF} />
      <circle cx="20" cy="45" r="12" fill="#d9263d" />
      <circle cx="42" cy="47" r="12" fill="#e8364e" />
      <circle cx="16" cy="41" r="3.5" fill="#ff9aa8" />
      <circle cx="38" cy="43" r="3.5" fill="#ff9aa8" />
    </>
  ),
  lemon: (
    <>
      <path d="M6 34C8 20 22 12 34 13c12 1 22 9 24 21-2 12-14 19-26 18C20 51 8 46 6 34z" fill="#f7d63c" />
      <path d="M6 34l-3-1 3-2M58 34l3 1-3 2" fill="#e0b81f" stroke="#e0b81f" strokeWidth="2" />
      <path d="M18 24c6-5 14-6 20-4" fill="none" stroke="#fff6b0" strokeWidth="3" strokeLinecap="round" />
    </>
  ),
  orange: (
    <>
      <circle cx="32" cy="36" r="22" fill="#f58a1f" />
      <path d="M32 14c2-6 8-9 14-8-2 6-7 9-14 8z" fill={LEAF} />
      <circle cx="32" cy="15" r="2.5" fill="#7a4a12" />
      <path d="M20 28c3-5 8-7 12-7" fill="none" stroke="#ffc07a" strokeWidth="3" strokeLinecap="round" />
      <g fill="#d96d0a">
        <circle cx="40" cy="40" r="1.3" />
        <circle cx="28" cy="46" r="1.3" />
        <circle cx="44" cy="30" r="1.3" />
        <circle cx="22" cy="38" r="1.3" />
      </g>
    </>
  ),
  plum: (
    <>
      <path d="M32 14c12-2 23 8 22 22-1 13-11 21-22 20S9 48 10 35c1-13 10-20 22-21z" fill="#7b3fa8" />
      <path d="M32 15c-4 10-4 28 1 40" fill="none" stroke="#5b2a80" strokeWidth="2.5" />
      <path d="M32 14c1-5 5-8 11-8-1 5-5 8-11 8z" fill={LEAF} />
      <path d="M18 28c2-5 6-8 10-9" fill="none" stroke="#b58ad6" strokeWidth="3" strokeLinecap="round" />
    </>
  ),
  grape: (
    <>
      <path d="M32 12V4" stroke="#6b4a1e" strokeWidth="3" strokeLinecap="round" />
      <path d="M33 9c6-4 13-3 17 1-6 4-12 3-17-1z" fill={LEAF} />
      <g fill="#8e44ad" stroke="#5e2a78" strokeWidth="1.2">
        <circle cx="20" cy="20" r="7" />
        <circle cx="32" cy="19" r="7" />
        <circle cx="44" cy="20" r="7" />
        <circle cx="26" cy="31" r="7" />
        <circle cx="38" cy="31" r="7" />
        <circle cx="32" cy="42" r="7" />
        <circle cx="20" cy="36" r="6" />
        <circle cx="44" cy="36" r="6" />
        <circle cx="32" cy="53" r="6" />
      </g>
      <g fill="#c39be0">
        <circle cx="18" cy="18" r="2" />
        <circle cx="30" cy="17" r="2" />
        <circle cx="24" cy="29" r="2" />
      </g>
    </>
  ),
  bell: (
    <>
      <path
        d="M32 6c-3 0-4 2-4 4-9 3-14 11-14 22v10l-5 6h46l-5-6V32c0-11-5-19-14-22 0-2-1-4-4-4z"
        fill="#f5c542"
        stroke="#b8860b"
        strokeWidth="2"
      />
      <circle cx="32" cy="53" r="5" fill="#b8860b" />
      <path d="M22 40V32c0-6 3-12 8-14" fill="none" stroke="#fff2b3" strokeWidth="3" strokeLinecap="round" />
    </>
  ),
  bar: (
    <>
      <rect x="4" y="18" width="56" height="28" rx="6" fill="#1c1a28" stroke="#f5c542" strokeWidth="3" />
      {/* B, A and R drawn as strokes: no font needed. */}
      <path
        d="M12 40V24h6a4 4 0 0 1 0 8h-6 7a4 4 0 0 1 0 8zM27 40l5-16 5 16M29 35h6M42 40V24h6a4 4 0 0 1 0 8h-6M48 32l4 8"
        fill="none"
        stroke="#f2f0fa"
        strokeWidth="3"
        strokeLinejoin="round"
        strokeLinecap="round"
      />
    </>
  ),
  seven: (
    <>
      <path d="M14 10h38v9L33 56H20l18-35H14z" fill="#e53946" stroke="#7f1020" strokeWidth="3" strokeLinejoin="round" />
      <path d="M18 14h28" stroke="#ff9aa8" strokeWidth="3" strokeLinecap="round" />
    </>
  ),
};

export const hasArt = (id: string) => id in ART;

/** One reel symbol as an SVG image; `label` names it for screen readers when it stands alone. */
export function SymbolArt({ id, label, size }: { id: string; label?: string; size?: number }) {
  const art = ART[id];
  return (
    <svg
      viewBox="0 0 64 64"
      className="symbol-art"
      width={size}
      height={size}
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      data-art={art ? id : 'fallback'}
    >
      {art ?? (
        <>
          <rect x="6" y="6" width="52" height="52" rx="10" fill="#3a3557" />
          <text x="32" y="40" textAnchor="middle" fontSize="20" fontWeight="800" fill="#f2f0fa" fontFamily="system-ui, sans-serif">
            {id.slice(0, 3).toUpperCase()}
          </text>
        </>
      )}
    </svg>
  );
}
