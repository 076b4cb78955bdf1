/**
 * The server's clock as seen from this tab. The crash multiplier grows on the server clock,
 * so the curve is drawn at `serverClock.now()` rather than the device's time, which may be
 * off by seconds. offset = server − local, refined by every server timestamp received.
 */
let offset = 0;
let uncertainty = Number.POSITIVE_INFINITY;

export const serverClock = {
  now: () => Date.now() + offset,
  offset: () => offset,
  /** The server read its clock somewhere between `sentMs` and `receivedMs` (local): assume the middle. */
  fromRoundTrip(serverMs: number, sentMs: number, receivedMs: number) {
    const half = Math.max(0, (receivedMs - sentMs) / 2);
    if (half > uncertainty) return;
    offset = serverMs - (sentMs + half);
    uncertainty = half;
  },
  /** A pushed timestamp proves the server clock was at least `serverMs` when it arrived. */
  fromPush(serverMs: number, receivedMs: number) {
    offset = Math.max(offset, serverMs - receivedMs);
  },
};
