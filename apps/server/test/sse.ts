/**
 * A tRPC subscription over SSE read with plain fetch (no client library in the way): what a
 * browser's EventSource sees — ids, pings, data decoded from superjson's `{ json }`. Used by
 * the three-instance test and `pnpm bench live`.
 */

export type SseEvent = { id: string | null; event: string; data: unknown; receivedAt: number };

export type SseStream = {
  events: SseEvent[];
  /** Resolves with the first event (already received or to come) that `pred` accepts. */
  next(pred: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  /** The last id the server gave (what a reconnect passes as lastEventId). */
  lastId(): string | null;
  close(): void;
  /** Resolves when the server ends the stream or it is closed. */
  ended: Promise<void>;
};

type Waiter = { pred: (e: SseEvent) => boolean; resolve(e: SseEvent): void; reject(err: Error): void; timer: NodeJS.Timeout };

export async function openSse(
  baseUrl: string,
  path: string,
  input: unknown,
  opts: { token?: string; headers?: Record<string, string>; onEvent?: (e: SseEvent) => void } = {},
): Promise<SseStream> {
  const ac = new AbortController();
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const res = await fetch(`${baseUrl}/trpc/${path}${query}`, {
    headers: { accept: 'text/event-stream', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers },
    signal: ac.signal,
  });
  if (!res.ok || !res.body) throw new Error(`${path}: HTTP ${res.status} ${await res.text().catch(() => '')}`);
  const events: SseEvent[] = [];
  const waiters = new Set<Waiter>();
  let last: string | null = null;
  const emit = (e: SseEvent) => {
    events.push(e);
    opts.onEvent?.(e);
    for (const w of waiters)
      if (w.pred(e)) {
        waiters.delete(w);
        clearTimeout(w.timer);
        w.resolve(e);
      }
  };
  const ended = (async () => {
    const reader = res.body?.pipeThrough(new TextDecoderStream()).getReader();
    if (!reader) return;
    let buf = '';
    let frame: { id: string | null; event: string; data: string[] } = { id: null, event: 'message', data: [] };
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += value;
        for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
          const line = buf.slice(0, nl).replace(/\r$/, '');
          buf = buf.slice(nl + 1);
          if (line === '') {
            if (frame.data.length || frame.event !== 'message') {
              const raw = frame.data.join('\n');
              let data: unknown = raw;
              try {
                const parsed = JSON.parse(raw) as { json?: unknown };
                data = parsed && typeof parsed === 'object' && 'json' in parsed ? parsed.json : parsed;
              } catch {
                // pings and the like carry no JSON
              }
              if (frame.id) last = frame.id;
              emit({ id: frame.id, event: frame.event, data, receivedAt: Date.now() });
            }
            frame = { id: null, event: 'message', data: [] };
          } else if (line.startsWith('data:')) frame.data.push(line.slice(5).replace(/^ /, ''));
          else if (line.startsWith('id:')) frame.id = line.slice(3).trim() || null;
          else if (line.startsWith('event:')) frame.event = line.slice(6).trim();
        }
      }
    } catch {
      // closed by us or cut by the server
    } finally {
      for (const w of waiters) {
        clearTimeout(w.timer);
        w.reject(new Error(`${path}: stream ended while waiting`));
      }
      waiters.clear();
    }
  })();
  return {
    events,
    next(pred, timeoutMs = 30_000) {
      const seen = events.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const w: Waiter = {
          pred,
          resolve,
          reject,
          timer: setTimeout(() => {
            waiters.delete(w);
            reject(new Error(`${path}: no matching event within ${timeoutMs} ms (got ${events.length})`));
          }, timeoutMs),
        };
        waiters.add(w);
      });
    },
    lastId: () => last,
    close: () => ac.abort(),
    ended,
  };
}

/** The tracked payload of a live event (`{ type, data, at }`), or null for pings and control events. */
export function liveEvent(e: SseEvent): { type: string; data: Record<string, unknown>; at?: string } | null {
  const d = e.data as { type?: unknown } | null;
  return d && typeof d === 'object' && typeof d.type === 'string' ? (d as { type: string; data: Record<string, unknown> }) : null;
}
