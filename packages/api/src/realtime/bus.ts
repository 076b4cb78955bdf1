/**
 * Live events for users, across server instances. Each event is appended to the
 * user's Redis stream (for resume by last event id) and published on the user's
 * channel; every instance holds one subscriber connection and fans out locally.
 */
import type { Kv } from '../infra/kv';
import { compareStreamIds } from '../infra/kv';
import type { Logger } from '../infra/logger';

export type LiveEventType =
  | 'token_update'
  | 'game_session'
  | 'reward'
  | 'level_up'
  | 'achievement'
  | 'notification'
  | 'crash'
  | 'ADMIN_NOTIFICATION'
  | 'ADMIN_BROADCAST'
  | 'session_revoked';

export type LiveEvent = { type: LiveEventType; data: Record<string, unknown> };
export type UserEvent = LiveEvent & { userId: number };
export type DeliveredEvent = LiveEvent & { id: string; at: string };

const STREAM_MAX = 1000;
const streamKey = (userId: number) => `ev:user:${userId}`;
const channel = (userId: number) => `ch:user:${userId}`;

export class EventBus {
  constructor(
    private readonly kv: Kv,
    private readonly logger: Logger,
  ) {}

  /** Publishes after the caller's transaction committed; a failed publish never undoes the write. */
  async publish(events: readonly UserEvent[]): Promise<void> {
    for (const { userId, ...ev } of events) {
      try {
        const body = JSON.stringify({ ...ev, at: new Date().toISOString() });
        await this.kv.appendAndPublish(streamKey(userId), channel(userId), body, STREAM_MAX);
      } catch (err) {
        this.logger.warn({ err, userId, type: ev.type }, 'live event publish failed');
      }
    }
  }

  /**
   * Yields the user's events: first those after `lastEventId` from the stream,
   * then live ones, each exactly once and in order, until `signal` aborts.
   */
  async *stream(userId: number, opts: { lastEventId?: string | null; signal?: AbortSignal }): AsyncGenerator<DeliveredEvent> {
    const queue: DeliveredEvent[] = [];
    let wake: (() => void) | null = null;
    const unsubscribe = await this.kv.subscribe(channel(userId), (raw) => {
      const space = raw.indexOf(' ');
      queue.push({ ...(JSON.parse(raw.slice(space + 1)) as Omit<DeliveredEvent, 'id'>), id: raw.slice(0, space) });
      wake?.();
    });
    const onAbort = () => wake?.();
    opts.signal?.addEventListener('abort', onAbort);
    try {
      let last = opts.lastEventId ?? null;
      if (last) {
        for (;;) {
          const page = await this.kv.xrangeAfter(streamKey(userId), last, 200);
          for (const e of page) {
            yield { ...(JSON.parse(e.data) as Omit<DeliveredEvent, 'id'>), id: e.id };
            last = e.id;
          }
          if (page.length < 200) break;
        }
      }
      while (!opts.signal?.aborted) {
        const ev = queue.shift();
        if (!ev) {
          await new Promise<void>((r) => {
            wake = r;
          });
          wake = null;
          continue;
        }
        if (last && compareStreamIds(ev.id, last) <= 0) continue;
        last = ev.id;
        yield ev;
      }
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
      await unsubscribe();
    }
  }
}
