/**
 * What the player sees of the live stream: `connecting` before the first connection,
 * `live` while connected, `reconnecting` after a connected stream dropped (the link retries
 * and resumes from the last event id), `offline` when it stopped for good or is off.
 */
import { useEffect, useRef, useState } from 'react';

export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'offline';
type SubscriptionStatus = 'idle' | 'connecting' | 'pending' | 'error';

export function useConnectionState(status: SubscriptionStatus): LiveState {
  // Derived state, updated during render (React's pattern for state that follows a prop).
  const [wasLive, setWasLive] = useState(false);
  const live = status === 'pending';
  const stopped = status === 'idle' || status === 'error';
  if ((live && !wasLive) || (stopped && wasLive)) setWasLive(live);
  if (live) return 'live';
  if (status === 'connecting') return wasLive ? 'reconnecting' : 'connecting';
  return 'offline';
}

/**
 * Runs `onResumed` when the stream is live again after a drop. The stream replays what it
 * missed only after an event id it has seen; a stream that had seen none starts from now,
 * so the screens refetch what events would have told them.
 */
export function useOnResumed(state: LiveState, onResumed: () => void) {
  const previous = useRef(state);
  const callback = useRef(onResumed);
  callback.current = onResumed;
  useEffect(() => {
    if (previous.current === 'reconnecting' && state === 'live') callback.current();
    previous.current = state;
  }, [state]);
}
