/**
 * The few Redis roles the product needs (TTL keys, sorted sets, streams with pub/sub,
 * leases, rate limiters) — only what the code calls behind one interface. `createRedisKv` talks to
 * real Redis; `createMemoryKv` keeps them in-process for a single instance.
 * Every key and channel is namespaced by `prefix`, so tests can share one Redis.
 */
import type { RateLimiterAbstract } from 'rate-limiter-flexible';

export type StreamEntry = { id: string; data: string };

export type AppendEvent = { stream: string; channel: string; data: string; dedupeKey: string };

export type LimiterOptions = { keyPrefix: string; points: number; durationSec: number };

/** One sliding-window hit: `member` added at now to the time-scored set `key`, counted over each window. */
export type WindowHit = { key: string; member: string; windowsMs: readonly number[]; cap: number };
export type WindowQuery = { key: string; windowsMs: readonly number[] };

export interface Kv {
  readonly kind: 'redis' | 'memory';
  readonly prefix: string;
  ping(): Promise<void>;
  get(key: string): Promise<string | null>;
  /** SET with optional PX and NX; returns false when NX refused. */
  set(key: string, value: string, opts?: { ttlMs?: number; nx?: boolean }): Promise<boolean>;
  del(...keys: string[]): Promise<number>;
  zadd(key: string, score: number, member: string): Promise<void>;
  zrangeByScore(key: string, max: number, limit: number): Promise<string[]>;
  zrem(key: string, ...members: string[]): Promise<number>;
  /** Entries with id strictly greater than `afterId`, oldest first. */
  xrangeAfter(key: string, afterId: string, count: number): Promise<StreamEntry[]>;
  /**
   * For each event: XADD `data` to `stream` and PUBLISH `${id} ${data}` on `channel`,
   * atomically (a subscriber never sees an id the stream does not hold) and at most once
   * per `dedupeKey` (remembered for `dedupeTtlMs`: a repeat returns the first id and
   * appends nothing). All events in one round trip; returns their stream ids.
   */
  appendEvents(events: readonly AppendEvent[], opts: { maxLen: number; dedupeTtlMs: number }): Promise<string[]>;
  /**
   * Takes a lease `member` in every set of `sets` if each holds fewer than its `limit`
   * live leases (expired ones are dropped first); all or nothing. Renewing a held lease
   * always succeeds. Returns false when any set is full.
   */
  acquireLease(sets: readonly { key: string; limit: number }[], member: string, ttlMs: number): Promise<boolean>;
  releaseLease(keys: readonly string[], member: string): Promise<void>;
  /**
   * Reserves `quantity` units in `key` for `holder` until `ttlMs` from now, if the units held
   * by live reservations plus `quantity` fit in `capacity` (expired reservations are dropped
   * first); atomic. Re-reserving for the same holder replaces its reservation. False when full.
   */
  reserve(key: string, holder: string, quantity: number, capacity: number, ttlMs: number): Promise<boolean>;
  /** Drops `holder`'s reservation in `key` (no-op when absent or expired). */
  unreserve(key: string, holder: string): Promise<void>;
  /** Units held by live reservations in `key`. */
  reserved(key: string): Promise<number>;
  /** PUBLISH `message` on `channel` to every instance's subscribers (fire and forget; no stream). */
  publish(channel: string, message: string): Promise<void>;
  /** Subscribes on a dedicated connection; returns the unsubscribe function. */
  subscribe(channel: string, handler: (message: string) => void): Promise<() => Promise<void>>;
  limiter(opts: LimiterOptions): RateLimiterAbstract;
  /** Deletes every key under the prefix (tests, and the "Redis lost" drills). */
  flush(): Promise<void>;
  close(): Promise<void>;
  /**
   * Sliding windows on sets scored by time (ms). For each hit, atomically: drops members at or
   * older than `nowMs - max(windowsMs)`, adds `member` at `nowMs` (an existing member moves to
   * now: one member per attempt counts attempts, one per value counts distinct values), keeps
   * only the `cap` newest, expires the set after its longest window, and returns for each window
   * `w` the members newer than `nowMs - w`. All hits in one round trip; counts in hit order.
   */
  windowHit(hits: readonly WindowHit[], nowMs: number): Promise<number[][]>;
  /** The counts windowHit would return, without adding anything. */
  windowCount(queries: readonly WindowQuery[], nowMs: number): Promise<number[][]>;
  /** Members of the sorted set with min ≤ score ≤ max. */
  zcount(key: string, min: number, max: number): Promise<number>;
  /** Removes the members with min ≤ score ≤ max; returns how many. */
  zremRangeByScore(key: string, min: number, max: number): Promise<number>;
  /** XADD `data` to the stream, trimmed to about `maxLen` entries (at least that many are kept); returns its id. */
  xadd(key: string, data: string, opts: { maxLen: number }): Promise<string>;
  /**
   * XREADGROUP: up to `count` entries for `consumer` of `group` (created at the stream's start
   * when missing). New entries by default; with `pending`, the consumer's delivered but
   * unacknowledged ones (what it must redo after a crash). Never blocks.
   */
  xreadGroup(key: string, group: string, consumer: string, opts: { count: number; pending?: boolean }): Promise<StreamEntry[]>;
  /** Acknowledges entries of `group`; returns how many were pending. */
  xack(key: string, group: string, ids: readonly string[]): Promise<number>;
}

/** Redis stream ids are "ms-seq"; compares them numerically. */
export function compareStreamIds(a: string, b: string): number {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am - bm || as - bs;
}
