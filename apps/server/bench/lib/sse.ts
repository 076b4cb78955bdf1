/**
 * A bare SSE reader for the benchmarks' subscribers: one `node:http` GET per subscription,
 * frames split by hand, each data frame parsed with JSON.parse and superjson — the same wire
 * and the same token (tRPC's `connectionParams` query parameter) as `httpSubscriptionLink` over
 * an EventSource, without its reconnecting EventSource, observables and per-event objects.
 * With 500 crash streams ticking four times a second per load process, the typed client's
 * subscription cost more CPU than the server spent producing the ticks, and its event-loop
 * stalls showed up as tick lag. A dropped connection is reported, not retried.
 */
import http from 'node:http';
import superjson from 'superjson';

export type SseFrame = { event: string | undefined; id: string | undefined; data: string };

export type SseHandlers = {
  /** The server's `connected` frame: the procedure runs, its events follow. */
  onOpen(): void;
  /** A data frame (a yielded value), its payload deserialised. */
  onData(value: unknown, id: string | undefined): void;
  /** The stream failed (status, socket error, `serialized-error`) or ended before close(). */
  onError(err: Error): void;
};

const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

function parseFrame(raw: string): SseFrame {
  let event: string | undefined;
  let id: string | undefined;
  const data: string[] = [];
  for (const line of raw.split('\n')) {
    const colon = line.indexOf(':');
    if (colon === 0) continue; // a comment
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(line[colon + 1] === ' ' ? colon + 2 : colon + 1);
    if (field === 'event') event = value;
    else if (field === 'id') id = value;
    else if (field === 'data') data.push(value);
  }
  return { event, id, data: data.join('\n') };
}

/** Opens `path` (e.g. `/trpc/games.crash.onRound`) on `baseUrl` with `token`; returns close(). */
export function openSse(baseUrl: string, path: string, token: string, h: SseHandlers): { close(): void } {
  let closed = false;
  const url = new URL(path, baseUrl);
  url.searchParams.set('connectionParams', JSON.stringify({ token }));
  const req = http.get(url, { agent, headers: { accept: 'text/event-stream' } }, (res) => {
    if (res.statusCode !== 200) {
      h.onError(new Error(`SSE ${path}: HTTP ${res.statusCode}`));
      res.resume();
      return;
    }
    res.setEncoding('utf8');
    let buf = '';
    res.on('data', (chunk: string) => {
      buf += chunk;
      for (let end = buf.indexOf('\n\n'); end >= 0; end = buf.indexOf('\n\n')) {
        const f = parseFrame(buf.slice(0, end));
        buf = buf.slice(end + 2);
        if (f.event === 'connected') h.onOpen();
        else if (f.event === 'serialized-error') h.onError(new Error(`SSE ${path}: ${f.data}`));
        else if (f.event === undefined && f.data) h.onData(superjson.deserialize(JSON.parse(f.data)), f.id || undefined);
        // ping, restore-id, return: nothing to count
      }
    });
    res.on('end', () => {
      if (!closed) h.onError(new Error(`SSE ${path}: the server ended the stream`));
    });
  });
  req.on('error', (err) => {
    if (!closed) h.onError(err);
  });
  return {
    close() {
      closed = true;
      req.destroy();
    },
  };
}
