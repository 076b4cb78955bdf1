/** Admin side of the battle pass: seasons (no two active ones overlap) and the premium grant; all audited. */
import { type BattlepassLevelRow, battlepassSeasons, type Db } from '@casino/db';
import { and, count, desc, eq, gt, lt, ne, sql } from 'drizzle-orm';
import type { ApiConfig } from '../../config';
import { type Deps, inTransaction } from '../../deps';
import { DomainError } from '../../errors';
import type { Actor } from '../admin/users';
import { writeAudit } from '../audit/audit';
import { itemCatalog } from '../rewards/items';
import { unlockBattlepassPremium } from './battlepass';

export type SeasonFields = {
  name: string;
  startsAt: Date;
  endsAt: Date;
  maxLevel: number;
  xpPerLevel: number;
  levels: BattlepassLevelRow[];
  isActive: boolean;
};

export async function listSeasons(db: Db) {
  const rows = await db
    .select({
      season: battlepassSeasons,
      players: sql<number>`(SELECT count(*)::int FROM battlepass_progress bp WHERE bp.season_id = ${battlepassSeasons.id})`,
      premiumPlayers: sql<number>`(SELECT count(*)::int FROM battlepass_progress bp WHERE bp.season_id = ${battlepassSeasons.id} AND bp.premium)`,
    })
    .from(battlepassSeasons)
    .orderBy(desc(battlepassSeasons.startsAt), desc(battlepassSeasons.id));
  return rows.map((r) => ({ ...r.season, players: Number(r.players), premiumPlayers: Number(r.premiumPlayers) }));
}

function checkSeason(config: ApiConfig, f: SeasonFields) {
  if (f.endsAt <= f.startsAt) throw new DomainError('invalid_window');
  const levels = f.levels.map((l) => l.level);
  if (new Set(levels).size !== levels.length || levels.some((l) => l > f.maxLevel)) {
    throw new DomainError('season_levels_invalid');
  }
  const catalog = itemCatalog(config);
  for (const l of f.levels)
    for (const r of [l.free, l.premium])
      for (const i of r?.items ?? []) if (!catalog.has(i.itemId)) throw new DomainError('item_unknown', { itemId: i.itemId });
}

/** Serialises season edits; an active season may not overlap another active one. */
async function checkOverlap(tx: Db, f: Pick<SeasonFields, 'startsAt' | 'endsAt' | 'isActive'>, id: number | null) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('battlepass_seasons'))`);
  if (!f.isActive) return;
  const [row] = await tx
    .select({ n: count() })
    .from(battlepassSeasons)
    .where(
      and(
        eq(battlepassSeasons.isActive, true),
        lt(battlepassSeasons.startsAt, f.endsAt),
        gt(battlepassSeasons.endsAt, f.startsAt),
        id === null ? undefined : ne(battlepassSeasons.id, id),
      ),
    );
  if (Number(row?.n ?? 0) > 0) throw new DomainError('season_overlap');
}

const audited = (f: Partial<SeasonFields>) => ({ ...f, startsAt: f.startsAt?.toISOString(), endsAt: f.endsAt?.toISOString() });

export async function createSeason(deps: Deps, actor: Actor, f: SeasonFields) {
  checkSeason(deps.config, f);
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    await checkOverlap(tx, f, null);
    const [row] = await tx
      .insert(battlepassSeasons)
      .values({ ...f, createdBy: actor.id, createdAt: now, updatedAt: now })
      .returning({ id: battlepassSeasons.id });
    if (!row) throw new DomainError('service_unavailable');
    await writeAudit(tx, {
      adminId: actor.id,
      action: 'battlepass.season_create',
      targetType: 'battlepass_season',
      targetId: row.id,
      after: audited(f),
      ip: actor.ip ?? null,
    });
    return { id: row.id };
  });
}

export async function updateSeason(deps: Deps, actor: Actor, id: number, patch: Partial<SeasonFields>) {
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const [before] = await tx.select().from(battlepassSeasons).where(eq(battlepassSeasons.id, id)).for('update');
    if (!before) throw new DomainError('season_not_found');
    const next: SeasonFields = {
      name: patch.name ?? before.name,
      startsAt: patch.startsAt ?? before.startsAt,
      endsAt: patch.endsAt ?? before.endsAt,
      maxLevel: patch.maxLevel ?? before.maxLevel,
      xpPerLevel: patch.xpPerLevel ?? before.xpPerLevel,
      levels: patch.levels ?? before.levels,
      isActive: patch.isActive ?? before.isActive,
    };
    checkSeason(deps.config, next);
    await checkOverlap(tx, next, id);
    await tx
      .update(battlepassSeasons)
      .set({ ...patch, updatedAt: now })
      .where(eq(battlepassSeasons.id, id));
    const keys = Object.keys(patch) as (keyof SeasonFields)[];
    await writeAudit(tx, {
      adminId: actor.id,
      action: 'battlepass.season_update',
      targetType: 'battlepass_season',
      targetId: id,
      before: audited(Object.fromEntries(keys.map((k) => [k, before[k]])) as Partial<SeasonFields>),
      after: audited(patch),
      ip: actor.ip ?? null,
    });
    return { ok: true as const };
  });
}

/** Premium for the running season, as an admin grant (audited when it changed something). */
export async function grantPremium(deps: Deps, actor: Actor, userId: number, reason: string) {
  const at = deps.clock.now();
  return inTransaction(deps, async (tx, outbox) => {
    const res = await unlockBattlepassPremium(tx, outbox, { userId, source: 'admin', purchaseId: null, at });
    if (!res.idempotent) {
      await writeAudit(tx, {
        adminId: actor.id,
        action: 'battlepass.grant_premium',
        targetType: 'user',
        targetId: userId,
        after: { seasonId: res.seasonId, premium: true },
        meta: { reason },
        ip: actor.ip ?? null,
      });
    }
    return res;
  });
}
