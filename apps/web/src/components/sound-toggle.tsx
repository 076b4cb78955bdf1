import { setSoundOn, useSoundOn } from '../lib/sound';

/** Sound on/off for every game (off until the player turns it on; remembered on this device). */
export function SoundToggle() {
  const on = useSoundOn();
  return (
    <button
      type="button"
      className="small sound-toggle"
      aria-pressed={on}
      onClick={() => setSoundOn(!on)}
      data-testid="sound-toggle"
      title={on ? 'Sound is on' : 'Sound is off'}
    >
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
        <path d="M4 9h4l5-4v14l-5-4H4z" fill="currentColor" />
        {on ? (
          <path
            d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
          />
        ) : (
          <path d="m16 9 6 6m0-6-6 6" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        )}
      </svg>
      Sound {on ? 'on' : 'off'}
    </button>
  );
}
