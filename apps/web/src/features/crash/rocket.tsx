/** The crash rocket and its explosion, inline SVG (no emoji font needed). */
export function Rocket() {
  return (
    <svg viewBox="0 0 64 64" className="rocket-art" aria-hidden="true">
      <path className="rocket-flame" d="M20 44c-6 4-11 10-14 16 7-2 13-6 17-12z" fill="#ff9f43" />
      <path className="rocket-flame" d="M21 45c-3 3-6 7-7 10 4-1 7-4 9-7z" fill="#ffe08a" />
      <path d="M22 34 12 32l8-10 10 2zM30 42l2 10 10-8-2-10z" fill="#c0392b" />
      <path d="M52 6c-12 0-24 8-32 22l16 16c14-8 22-20 22-32 0-3-3-6-6-6z" fill="#e9e6f5" stroke="#8a84a8" strokeWidth="2" />
      <circle cx="41" cy="23" r="5.5" fill="#6fd3ff" stroke="#3b4a7a" strokeWidth="2" />
      <path d="M52 6c2 0 6 4 6 6 0 3-.3 5-1 8l-13-13c3-.7 5-1 8-1z" fill="#c0392b" />
      <path d="M20 28l16 16-4 4-16-16z" fill="#8a84a8" />
    </svg>
  );
}

export function Explosion() {
  return (
    <svg viewBox="0 0 64 64" className="rocket-art explosion" aria-hidden="true">
      <path d="M32 2l6 16 16-8-8 16 16 6-16 6 8 16-16-8-6 16-6-16-16 8 8-16-16-6 16-6-8-16 16 8z" fill="#f87171" />
      <path d="M32 14l4 10 10-4-5 10 10 4-10 4 5 10-10-4-4 10-4-10-10 4 5-10-10-4 10-4-5-10 10 4z" fill="#ffd166" />
    </svg>
  );
}
