/** A trophy for an unlocked achievement, a padlock for a locked one (inline SVG, no emoji font). */
export function AchievementIcon({ unlocked }: { unlocked: boolean }) {
  return (
    <svg viewBox="0 0 32 32" width="28" height="28" className="ach-icon" aria-hidden="true" data-art={unlocked ? 'trophy' : 'lock'}>
      {unlocked ? (
        <>
          <path d="M9 4h14v8a7 7 0 0 1-14 0z" fill="#f5c542" stroke="#8a6100" strokeWidth="1.5" />
          <path d="M9 7H5c0 5 2 7 5 7M23 7h4c0 5-2 7-5 7" fill="none" stroke="#f5c542" strokeWidth="2" />
          <path d="M14 19h4v4h-4zM10 24h12v4H10z" fill="#d4a017" stroke="#8a6100" strokeWidth="1.5" />
        </>
      ) : (
        <>
          <path d="M11 14v-4a5 5 0 0 1 10 0v4" fill="none" stroke="#a39fbd" strokeWidth="2.5" />
          <rect x="7" y="14" width="18" height="14" rx="3" fill="#6b6787" />
          <circle cx="16" cy="21" r="2" fill="#29253f" />
        </>
      )}
    </svg>
  );
}
