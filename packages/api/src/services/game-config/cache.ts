/**
 * The game configuration in force, read through a small in-process cache so a round costs
 * no query for it. One cache per Kv, i.e. per server instance (as the fraud rule set and
 * the rate limiters are: Deps objects are copied per request).
 *
 * Invalidation: a publish commits its version in PostgreSQL, then PUBLISHes the number on
 * CONFIG_CHANNEL; every instance's subscriber raises its floor (`minVersion`) and its next
 * round reloads. A cache older than CACHE_TTL_MS reloads anyway, so a message lost to a
 * Redis hiccup (or an instance that could not subscribe) heals itself within the TTL.
 * Published versions never change, so any version once read stays cached.
 */
import { type Db, gameConfigVersions } from '@casino/db';
import { type TGameConfig, ZGameConfig } from '@casino/shared';
import { desc, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { DomainError } from '../../errors';
import type { Kv } from '../../infra/kv';
import { seedVersionOne } from './store';

export const CONFIG_CHANNEL = 'game-config:published';
export const CACHE_TTL_MS = 10_000;
/** Old versions kept in memory for crash settlement and verification; more are read again. */
const MAX_CACHED_VERSIONS = 64;

export type ActiveConfig = { version: number; config: TGameConfig };
type CacheDeps = Pick<Deps, 'db' | 'kv' | 'clock' | 'logger' | 'config'>;

type Slot = {
  current: (ActiveConfig & { loadedAt: number }) | null;
  /** Highest version announced to this instance; a cached one below it is stale. */
  minVersion: number;
  loading: Promise<ActiveConfig> | null;
  subscribed: Promise<boolean> | null;
  versions: Map<number, TGameConfig>;
  listeners: Set<(version: number) => void>;
};
const slots = new WeakMap<Kv, Slot>();

function slotOf(kv: Kv): Slot {
  let s = slots.get(kv);
  if (!s) {
    s = { current: null, minVersion: 0, loading: null, subscribed: null, versions: new Map(), listeners: new Set() };
    slots.set(kv, s);
  }
  return s;
}

function remember(s: Slot, version: number, config: TGameConfig) {
  if (s.versions.size >= MAX_CACHED_VERSIONS && !s.versions.has(version)) {
    const oldest = s.versions.keys().next().value;
    if (oldest !== undefined) s.versions.delete(oldest);
  }
  s.versions.set(version, config);
}

/** This instance learns that `version` exists (from its own publish or another instance's message). */
export function noteVersion(kv: Kv, version: number): void {
  if (!Number.isSafeInteger(version) || version < 1) return;
  const s = slotOf(kv);
  if (version <= s.minVersion) return;
  s.minVersion = version;
  for (const l of s.listeners) l(version);
}

/** Subscribes once per instance; a failure (Redis down) is retried on the next reload, the TTL covering meanwhile. */
function ensureSubscribed(deps: CacheDeps, s: Slot): Promise<boolean> {
  s.subscribed ??= deps.kv
    .subscribe(CONFIG_CHANNEL, (message) => noteVersion(deps.kv, Number(message)))
    .then(
      () => true,
      (err: unknown) => {
        deps.logger.warn({ err }, 'game config: could not subscribe to publishes, relying on the cache TTL');
        s.subscribed = null;
        return false;
      },
    );
  return s.subscribed;
}

async function readActive(db: Db): Promise<ActiveConfig | null> {
  const [row] = await db
    .select({ version: gameConfigVersions.version, config: gameConfigVersions.config })
    .from(gameConfigVersions)
    .orderBy(desc(gameConfigVersions.version))
    .limit(1);
  return row ? { version: row.version, config: ZGameConfig.parse(row.config) } : null;
}

async function load(deps: CacheDeps, s: Slot): Promise<ActiveConfig> {
  // Subscribe before reading: a publish committed after the read is then announced to us.
  await ensureSubscribed(deps, s);
  const active = (await readActive(deps.db)) ?? (await seedVersionOne(deps).then(() => readActive(deps.db)));
  if (!active) throw new Error('game config: no version after seeding version 1');
  remember(s, active.version, active.config);
  return active;
}

/** The configuration in force and its version; no I/O while the cache is fresh. */
export function activeGameConfig(deps: CacheDeps): Promise<ActiveConfig> {
  const s = slotOf(deps.kv);
  const now = deps.clock.now().getTime();
  const cur = s.current;
  if (cur && cur.version >= s.minVersion && now - cur.loadedAt < CACHE_TTL_MS) return Promise.resolve(cur);
  if (s.loading) return s.loading;
  const floor = s.minVersion;
  const promise = load(deps, s).then(
    (active) => {
      if (s.loading === promise) s.loading = null;
      // A message that arrived during the read may name a newer version: then this one is already stale.
      s.current = { ...active, loadedAt: active.version >= Math.max(floor, s.minVersion) ? now : Number.NEGATIVE_INFINITY };
      return active;
    },
    (err: unknown) => {
      if (s.loading === promise) s.loading = null;
      throw err;
    },
  );
  s.loading = promise;
  return promise;
}

/** A published version's configuration (rounds settle and verify under their own version). */
export async function gameConfigAt(deps: CacheDeps, version: number): Promise<TGameConfig> {
  const s = slotOf(deps.kv);
  const hit = s.versions.get(version);
  if (hit) return hit;
  const [row] = await deps.db
    .select({ config: gameConfigVersions.config })
    .from(gameConfigVersions)
    .where(eq(gameConfigVersions.version, version));
  if (!row) {
    if (version === 1) {
      await seedVersionOne(deps);
      return gameConfigAt(deps, 1);
    }
    throw new DomainError('game_config_version_not_found', { version });
  }
  const config = ZGameConfig.parse(row.config);
  remember(s, version, config);
  return config;
}

/** Calls `fn` when this instance learns of a newer version (its next round reloads); tests wait on it. */
export function onVersionAnnounced(kv: Kv, fn: (version: number) => void): () => void {
  const s = slotOf(kv);
  s.listeners.add(fn);
  return () => s.listeners.delete(fn);
}

/** After a publish has committed: this instance reloads now, the others on the message. */
export async function announceVersion(deps: Pick<Deps, 'kv' | 'logger'>, version: number): Promise<void> {
  noteVersion(deps.kv, version);
  try {
    await deps.kv.publish(CONFIG_CHANNEL, String(version));
  } catch (err) {
    // The version is committed (PostgreSQL is the truth); other instances pick it up within the TTL.
    deps.logger.warn({ err, version }, 'game config: could not announce the new version');
  }
}
