/** Reads of the versions table and the idempotent seed of version 1 from the built-in defaults. */
import { type Db, gameConfigVersions, users } from '@casino/db';
import { diffConfigs, gameConfigRtp, type TGameConfig, type TGameConfigRtp, ZGameConfig } from '@casino/shared';
import { desc, eq, lt } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { DomainError } from '../../errors';
import type { GamesConfig } from '../games/config';
import { pageOf } from '../shared/page';

/** The versioned part of the static configuration: what version 1 is. */
export function versionedPart(games: GamesConfig): TGameConfig {
  const { rps, crash } = games;
  return {
    slot: games.slot,
    gacha: games.gacha,
    rps: { minBet: rps.minBet, maxBet: rps.maxBet, houseEdgePercent: rps.houseEdgePercent },
    crash: {
      minBet: crash.minBet,
      maxBet: crash.maxBet,
      houseEdgePercent: crash.houseEdgePercent,
      maxWinMultiplier: crash.maxWinMultiplier,
    },
  };
}

export const SEED_REASON = 'Built-in defaults';

/** Inserts version 1 unless it exists (every instance calls it at start; the primary key decides). */
export async function seedVersionOne(deps: Pick<Deps, 'db' | 'config'>): Promise<void> {
  const config = ZGameConfig.parse(versionedPart(deps.config.games));
  await deps.db
    .insert(gameConfigVersions)
    .values({ version: 1, config, rtp: gameConfigRtp(config), authorId: null, reason: SEED_REASON })
    .onConflictDoNothing();
}

const columns = {
  version: gameConfigVersions.version,
  config: gameConfigVersions.config,
  rtp: gameConfigVersions.rtp,
  reason: gameConfigVersions.reason,
  rolledBackFrom: gameConfigVersions.rolledBackFrom,
  createdAt: gameConfigVersions.createdAt,
  authorId: gameConfigVersions.authorId,
  authorNickname: users.nickname,
};

type Row = {
  version: number;
  config: unknown;
  rtp: unknown;
  reason: string;
  rolledBackFrom: number | null;
  createdAt: Date;
  authorId: number | null;
  authorNickname: string | null;
};
const typed = (r: Row) => ({ ...r, config: r.config as TGameConfig, rtp: r.rtp as TGameConfigRtp });

/** The newest version (the one in force), read from PostgreSQL, not the cache. */
export async function readActiveVersion(db: Db) {
  const [row] = await db
    .select(columns)
    .from(gameConfigVersions)
    .leftJoin(users, eq(users.id, gameConfigVersions.authorId))
    .orderBy(desc(gameConfigVersions.version))
    .limit(1);
  return row ? typed(row) : null;
}

/** The version in force; version 1 is seeded first on a database that has none yet. */
export async function activeVersion(deps: Pick<Deps, 'db' | 'config'>) {
  const row = (await readActiveVersion(deps.db)) ?? (await seedVersionOne(deps).then(() => readActiveVersion(deps.db)));
  if (!row) throw new Error('game config: no version after seeding version 1');
  return row;
}

export async function readVersion(db: Db, version: number) {
  const [row] = await db
    .select(columns)
    .from(gameConfigVersions)
    .leftJoin(users, eq(users.id, gameConfigVersions.authorId))
    .where(eq(gameConfigVersions.version, version));
  if (!row) throw new DomainError('game_config_version_not_found', { version });
  return typed(row);
}

/** One version with what changed since the one before it. */
export async function versionWithDiff(db: Db, version: number) {
  const row = await readVersion(db, version);
  const previous = version > 1 ? await readVersion(db, version - 1).catch(() => null) : null;
  return { ...row, previousVersion: previous?.version ?? null, changes: previous ? diffConfigs(previous.config, row.config) : [] };
}

/** Newest first; the cursor is the last version shown. */
export async function listVersions(db: Db, opts: { cursor?: number | undefined; limit: number }) {
  const rows = await db
    .select({ ...columns, config: gameConfigVersions.config })
    .from(gameConfigVersions)
    .leftJoin(users, eq(users.id, gameConfigVersions.authorId))
    .where(opts.cursor ? lt(gameConfigVersions.version, opts.cursor) : undefined)
    .orderBy(desc(gameConfigVersions.version))
    .limit(opts.limit + 2);
  // One row beyond the page's extra gives the last shown version its predecessor for the diff count.
  const items = rows.slice(0, opts.limit + 1).map((r, i) => {
    const prev = rows[i + 1];
    const { config: _config, ...rest } = typed(r);
    return { ...rest, changeCount: prev ? diffConfigs(prev.config, r.config).length : 0 };
  });
  return pageOf(items, opts.limit, (last) => last.version);
}
