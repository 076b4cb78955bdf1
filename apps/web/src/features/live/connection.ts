/**
 * What the player sees of the live stream: `connecting` before the first connection,
 * `live` while connected, `reconnecting` after a connected stream dropped (the link retries
 * and resumes from the last event id), `offline` when it stopped for good or is off.
 */
import { useRef } from 'react';

export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'offline';
type SubscriptionStatus = 'idle' | 'connecting' | 'pending' | 'error';

export function useConnectionState(status: SubscriptionStatus): LiveState {
  const wasLive = useRef(false);
  if (status === 'pending') {
    wasLive.current = true;
    return 'live';
  }
  if (status === 'connecting') return wasLive.current ? 'reconnecting' : 'connecting';
  wasLive.current = false;
  return 'offline';
}
