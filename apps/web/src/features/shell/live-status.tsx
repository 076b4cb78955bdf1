import type { LiveState } from '../live/connection';

const LABEL: Record<LiveState, string> = {
  connecting: 'connecting',
  live: 'live',
  reconnecting: 'reconnecting',
  offline: 'offline',
};
const TITLE: Record<LiveState, string> = {
  connecting: 'Connecting to live updates…',
  live: 'Live updates are on',
  reconnecting: 'Connection lost — reconnecting; nothing will be missed',
  offline: 'Live updates are off',
};

/** The live stream's state in the header: a quiet dot while live, a visible label otherwise. */
export function LiveStatus({ state }: { state: LiveState }) {
  return (
    <span className={`live-dot live-${state}`} title={TITLE[state]} role="status" data-testid="live-status" data-state={state}>
      <span className="live-label">{LABEL[state]}</span>
    </span>
  );
}
