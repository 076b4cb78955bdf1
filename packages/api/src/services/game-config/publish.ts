/**
 * Admin changes to the game configuration. Every change is a new version (history is never
 * rewritten): validated (zod at the input, then the exact RTP of every game inside RTP_BAND),
 * inserted as `base + 1` with its audit row in one transaction, then announced so every
 * instance's next round uses it. Two admins publishing from the same base: the first wins,
 * the second gets CONFLICT (the check on the base, and the primary key if they race).
 */
import { gameConfigVersions } from '@casino/db';
import { diffConfigs, gameConfigRtp, rtpIssues, type TGameConfig, ZGameConfig } from '@casino/shared';
import { desc } from 'drizzle-orm';
import { type Deps, inTransaction } from '../../deps';
import { DomainError } from '../../errors';
import type { Actor } from '../admin/users';
import { writeAudit } from '../audit/audit';
import { announceVersion } from './cache';
import { readVersion } from './store';

/** The preview: exact RTP per game and every figure outside the band (nothing is stored). */
export function validateDraft(draft: TGameConfig) {
  const rtp = gameConfigRtp(draft);
  const issues = rtpIssues(rtp);
  return { ok: issues.length === 0, rtp, issues };
}

type NewVersion = { config: TGameConfig; reason: string; baseVersion: number | null; rolledBackFrom: number | null };

async function insertVersion(deps: Deps, actor: Actor, v: NewVersion) {
  const config = ZGameConfig.parse(v.config);
  const { rtp, issues } = validateDraft(config);
  if (issues.length) throw new DomainError('game_config_rtp_out_of_band', { issues });
  const row = await inTransaction(deps, async (tx) => {
    const [active] = await tx.select().from(gameConfigVersions).orderBy(desc(gameConfigVersions.version)).limit(1);
    const activeVersion = active?.version ?? 0;
    if (v.baseVersion !== null && v.baseVersion !== activeVersion) {
      throw new DomainError('game_config_conflict', { baseVersion: v.baseVersion, activeVersion });
    }
    if (active && diffConfigs(active.config, config).length === 0) {
      throw new DomainError('game_config_unchanged', { activeVersion });
    }
    const [inserted] = await tx
      .insert(gameConfigVersions)
      .values({
        version: activeVersion + 1,
        config,
        rtp,
        authorId: actor.id,
        reason: v.reason,
        rolledBackFrom: v.rolledBackFrom,
        createdAt: deps.clock.now(),
      })
      .onConflictDoNothing()
      .returning();
    // Another publish took this number between our read and our insert.
    if (!inserted) throw new DomainError('game_config_conflict', { baseVersion: activeVersion });
    await writeAudit(tx, {
      adminId: actor.id,
      action: v.rolledBackFrom ? 'game_config.rollback' : 'game_config.publish',
      targetType: 'game_config',
      targetId: inserted.version,
      before: active ? { version: active.version, config: active.config } : null,
      after: { version: inserted.version, config },
      meta: { reason: v.reason, rtp, rolledBackFrom: v.rolledBackFrom, changes: active ? diffConfigs(active.config, config) : [] },
      ip: actor.ip ?? null,
    });
    return inserted;
  });
  await announceVersion(deps, row.version);
  return { version: row.version, rtp, createdAt: row.createdAt, rolledBackFrom: row.rolledBackFrom };
}

export function publishConfig(deps: Deps, actor: Actor, input: { baseVersion: number; draft: TGameConfig; reason: string }) {
  return insertVersion(deps, actor, { config: input.draft, reason: input.reason, baseVersion: input.baseVersion, rolledBackFrom: null });
}

/** A new version equal to `version`; optimistic on `baseVersion` when the caller gives one. */
export async function rollbackConfig(
  deps: Deps,
  actor: Actor,
  input: { version: number; reason: string; baseVersion?: number | undefined },
) {
  const target = await readVersion(deps.db, input.version);
  return insertVersion(deps, actor, {
    config: target.config,
    reason: input.reason,
    baseVersion: input.baseVersion ?? null,
    rolledBackFrom: target.version,
  });
}
