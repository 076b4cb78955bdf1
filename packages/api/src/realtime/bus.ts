/**
 * Live events for users, across server instances. Events reach Redis through the
 * transactional outbox (outbox.ts): each is appended to the user's Redis stream
 * (for resume by last event id) and published on the user's channel; every
 * instance holds one subscriber connection and fans out locally.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Db } from '@casino/db';
import type { TAdminFeedEvent, TLiveEvent, TLiveEventType } from '@casino/shared';
import type { Kv, StreamEntry } from '../infra/kv';
import { compareStreamIds } from '../infra/kv';
import type { Logger } from '../infra/logger';
import { ADMIN_FEED, channelKey, forget, publish, relayOnce, type StoredEvent, streamKey } from './outbox';

export type LiveEventType = TLiveEventType;

/**
 * An event as services queue it; `data` is checked against its schema (ZLiveEvent,
 * in its JSON form) when it is written to the outbox.
 */
export type LiveEvent = { type: TLiveEventType; data: Record<string, unknown> };
export type UserEvent = LiveEvent & { userId: number };
/** As delivered: typed by the shared union, with its stream id and time. */
export type DeliveredEvent = TLiveEvent & { id: string; at: string };
export type DeliveredFeedEvent = TAdminFeedEvent & { id: string; at: string };

export type StreamOptions = {
  lastEventId?: string | null;
  signal?: AbortSignal;
  /** Called once the stream is subscribed and the backlog after `lastEventId` is sent. */
  onReady?: () => void;
};

/** Events in the stream were validated when written to the outbox. */
const delivered = (id: string, body: string) => ({ ...JSON.parse(body), id }) as DeliveredEvent;

/** Requests whose events one delivery takes at most (one Redis pipeline). */
const DELIVERY_BATCH_REQUESTS = 256;
/** Outbox rows one DELETE takes at most, and how long published rows wait to be deleted together. */
const FORGET_BATCH_EVENTS = 2048;
const FORGET_EVERY_MS = 100;

/** Events younger than this are left to the request that wrote them. */
const RELAY_GRACE_MS = 2000;

export class EventBus {
  private readonly open = new Set<AbortController>();
  /** Ready streams per user on this instance, and who waits for a count (tests, diagnostics). */
  private readonly ready = new Map<number, number>();
  private readonly waiters = new Set<{ userId: number; count: number; resolve: () => void }>();

  constructor(
    private readonly db: Db,
    private readonly kv: Kv,
    private readonly logger: Logger,
  ) {}

  /** Committed events waiting for the next delivery, with the callers waiting on them. */
  private pending: { events: readonly StoredEvent[]; done: () => void }[] = [];
  private flushing: Promise<void> | null = null;
  /** Published events whose outbox rows are still to be deleted. */
  private published: StoredEvent[] = [];
  private forgetting: Promise<void> | null = null;

  /**
   * Delivers events a transaction just committed to the outbox; resolves once they are in
   * Redis (or left to the relay). Requests that commit while a delivery is in flight are
   * delivered together by the next one: one Redis pipeline per batch, not per request. The
   * outbox DELETEs run beside the deliveries, never in front of one, one statement for all
   * the rows published meanwhile (a row one misses is published again by the relay, and
   * skipped in Redis). A failure loses nothing: the rows stay and the relay delivers them later.
   */
  afterCommit(events: readonly StoredEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    return new Promise((done) => {
      this.pending.push({ events, done });
      this.flushing ??= this.flush();
    });
  }

  /** Resolves once every delivery begun so far has finished, its outbox rows deleted (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.flushing || this.forgetting) await Promise.all([this.flushing, this.forgetting]);
  }

  private async flush(): Promise<void> {
    try {
      while (this.pending.length) {
        const batch = this.pending.splice(0, DELIVERY_BATCH_REQUESTS);
        const events = batch.flatMap((b) => b.events);
        let published = false;
        try {
          await publish(this.kv, events);
          published = true;
        } catch (err) {
          this.logger.warn({ err, events: events.length }, 'live event delivery failed; the outbox relay retries');
        }
        for (const b of batch) b.done();
        if (!published) continue;
        this.published.push(...events);
        this.forgetting ??= this.forgetPublished();
      }
    } finally {
      // In the very turn the queue is found empty (no await in between): the next afterCommit starts a new flush.
      this.flushing = null;
    }
  }

  private async forgetPublished(): Promise<void> {
    try {
      while (this.published.length) {
        // Rows published meanwhile join this DELETE: under load one statement every FORGET_EVERY_MS
        // instead of one per delivery (a commit each). Far inside the relay's grace, so nothing is
        // published twice for waiting here.
        if (this.published.length < FORGET_BATCH_EVENTS) await delay(FORGET_EVERY_MS);
        const events = this.published.splice(0, FORGET_BATCH_EVENTS);
        try {
          await forget(this.db, events);
        } catch (err) {
          this.logger.warn(
            { err, events: events.length },
            'published events kept in the outbox; the relay publishes them again (skipped in Redis)',
          );
        }
      }
    } finally {
      this.forgetting = null;
    }
  }

  /** Delivers what requests could not (Redis down, a process killed after commit); every instance may run one. */
  startRelay(opts: { intervalMs?: number; graceMs?: number } = {}): { stop(): Promise<void> } {
    let running: Promise<unknown> = Promise.resolve();
    const tick = () => {
      running = relayOnce({ db: this.db, kv: this.kv, logger: this.logger }, { graceMs: opts.graceMs ?? RELAY_GRACE_MS }).catch((err) =>
        this.logger.warn({ err }, 'outbox relay pass failed'),
      );
    };
    tick();
    const timer = setInterval(() => void running.then(tick), opts.intervalMs ?? 1000);
    return {
      async stop() {
        clearInterval(timer);
        await running;
      },
    };
  }

  /** Resolves once at least `count` streams of the user are ready on this instance. */
  whenStreams(userId: number, count: number): Promise<void> {
    if ((this.ready.get(userId) ?? 0) >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.add({ userId, count, resolve }));
  }

  private setReady(userId: number, delta: number): void {
    const n = (this.ready.get(userId) ?? 0) + delta;
    if (n > 0) this.ready.set(userId, n);
    else this.ready.delete(userId);
    for (const w of this.waiters) {
      if (w.userId === userId && n >= w.count) {
        this.waiters.delete(w);
        w.resolve();
      }
    }
  }

  /** Ends every open stream (shutdown). */
  closeStreams(): void {
    for (const ac of this.open) ac.abort();
  }

  /**
   * Yields the user's events: first those after `lastEventId` from the stream,
   * then live ones, each exactly once and in order, until `signal` aborts.
   */
  async *stream(userId: number, opts: StreamOptions): AsyncGenerator<DeliveredEvent> {
    let isReady = false;
    try {
      const keys = { stream: streamKey(userId), channel: channelKey(userId) };
      for await (const e of this.tail(keys, {
        ...opts,
        onReady: () => {
          isReady = true;
          this.setReady(userId, 1);
          opts.onReady?.();
        },
      }))
        yield delivered(e.id, e.data);
    } finally {
      if (isReady) this.setReady(userId, -1);
    }
  }

  /**
   * The admin feed (alerts, notable transactions) as `stream` gives a user's events; without
   * `lastEventId` it starts with the last `backlog` entries of the past quarter hour.
   */
  async *adminFeed(opts: StreamOptions & { backlog?: number }): AsyncGenerator<DeliveredFeedEvent> {
    let start = opts.lastEventId ?? null;
    if (!start && opts.backlog) {
      const recent = await this.kv.xrangeAfter(ADMIN_FEED.stream, `${Date.now() - 15 * 60_000}-0`, 1000);
      const from = recent.at(-opts.backlog - 1);
      start = from && recent.length > opts.backlog ? from.id : `${Date.now() - 15 * 60_000}-0`;
    }
    for await (const e of this.tail(ADMIN_FEED, { ...opts, lastEventId: start })) yield { ...JSON.parse(e.data), id: e.id };
  }

  /** Entries of one stream after `lastEventId`, then live ones from its channel, each once and in order. */
  private async *tail(keys: { stream: string; channel: string }, opts: StreamOptions): AsyncGenerator<StreamEntry> {
    const queue: StreamEntry[] = [];
    let wake: (() => void) | null = null;
    const closer = new AbortController();
    this.open.add(closer);
    const signal = opts.signal ? AbortSignal.any([opts.signal, closer.signal]) : closer.signal;
    const unsubscribe = await this.kv.subscribe(keys.channel, (raw) => {
      const space = raw.indexOf(' ');
      queue.push({ id: raw.slice(0, space), data: raw.slice(space + 1) });
      wake?.();
    });
    const onAbort = () => wake?.();
    signal.addEventListener('abort', onAbort);
    try {
      let last = opts.lastEventId ?? null;
      if (last) {
        for (;;) {
          const page = await this.kv.xrangeAfter(keys.stream, last, 200);
          for (const e of page) {
            yield e;
            last = e.id;
          }
          if (page.length < 200) break;
        }
      }
      opts.onReady?.();
      while (!signal.aborted) {
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
      signal.removeEventListener('abort', onAbort);
      this.open.delete(closer);
      await unsubscribe();
    }
  }
}
