/**
 * Bulk import of accounts with a per-row report. Every row is checked alone (fields, duplicates
 * inside the batch by the same name keys signup uses, names already taken); each valid row is
 * then created in its own transaction, so one bad or racing row never blocks the others. A dry
 * run writes nothing at all. Imported accounts must change their password at first login.
 */
import { users } from '@casino/db';
import { RANKS, ZNickname, ZPassword, ZPhone, ZSiteId } from '@casino/shared';
import { z } from 'zod';
import { type Deps, inTransaction } from '../../deps';
import { isDomainError, isUniqueViolation } from '../../errors';
import { writeAudit } from '../audit/audit';
import { claimHandles, handleKeys, takenReason } from '../auth/handles';
import { hashPassword } from '../auth/passwords';
import { createSeed } from '../games/fairness';
import { applyChange } from '../wallet/wallet';
import type { Actor } from './user-guards';
import { newTemporaryPassword } from './user-lifecycle';

export type ImportRowInput = {
  siteId: string;
  nickname: string;
  password?: string | undefined;
  phoneNumber?: string | undefined;
  rank?: string | undefined;
};

const ZImportRow = z.object({
  siteId: ZSiteId,
  nickname: ZNickname,
  password: ZPassword.optional(),
  phoneNumber: ZPhone.optional(),
  rank: z.enum(RANKS).optional(),
});

export type ImportRowStatus = 'created' | 'valid' | 'invalid' | 'duplicate' | 'taken';
export type ImportRowReport = {
  index: number;
  siteId: string;
  status: ImportRowStatus;
  errors: string[];
  userId?: number;
  /** Only when the row had no password: shown once, never stored in clear. */
  temporaryPassword?: string;
};

const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v);

export async function importUsers(deps: Deps, actor: Actor, rows: ImportRowInput[], dryRun: boolean, reason: string) {
  const report: ImportRowReport[] = [];
  const seen = new Map<string, number>();
  const valid: { index: number; row: z.infer<typeof ZImportRow> }[] = [];
  for (const [index, raw] of rows.entries()) {
    const parsed = ZImportRow.safeParse({
      siteId: raw.siteId,
      nickname: raw.nickname,
      password: blank(raw.password),
      phoneNumber: blank(raw.phoneNumber),
      rank: blank(raw.rank)?.toUpperCase(),
    });
    const siteId = raw.siteId.trim().toLowerCase();
    if (!parsed.success) {
      report.push({
        index,
        siteId,
        status: 'invalid',
        errors: parsed.error.issues.map((i) => `${i.path.join('.') || 'row'}: ${i.message}`),
      });
      continue;
    }
    const keys = [...handleKeys(parsed.data.siteId), ...handleKeys(parsed.data.nickname)];
    const earlier = keys.map((k) => seen.get(k)).find((i) => i !== undefined);
    if (earlier !== undefined) {
      report.push({ index, siteId, status: 'duplicate', errors: [`same name as row ${earlier + 1}`] });
      continue;
    }
    for (const k of keys) seen.set(k, index);
    const taken = await takenReason(deps.db, parsed.data);
    if (taken) {
      report.push({ index, siteId, status: 'taken', errors: [taken === 'site_id_taken' ? 'siteId is taken' : 'nickname is taken'] });
      continue;
    }
    report.push({ index, siteId, status: 'valid', errors: [] });
    valid.push({ index, row: parsed.data });
  }

  if (!dryRun) {
    for (const { index, row } of valid) {
      const entry = report.find((r) => r.index === index) as ImportRowReport;
      try {
        const created = await createImported(deps, row);
        Object.assign(
          entry,
          { status: 'created', userId: created.userId },
          created.temporaryPassword ? { temporaryPassword: created.temporaryPassword } : {},
        );
      } catch (e) {
        const takenNow = (isDomainError(e) && (e.reason === 'site_id_taken' || e.reason === 'nickname_taken')) || isUniqueViolation(e);
        if (!takenNow) throw e;
        Object.assign(entry, { status: 'taken', errors: ['taken meanwhile by another account'] });
      }
    }
    const createdIds = report.flatMap((r) => (r.userId ? [r.userId] : []));
    if (createdIds.length) {
      await writeAudit(deps.db, {
        adminId: actor.id,
        action: 'user.import',
        targetType: 'user',
        after: { created: createdIds.length, userIds: createdIds },
        meta: { reason, rows: rows.length },
        ip: actor.ip ?? null,
      });
    }
  }
  const summary = Object.fromEntries(
    (['created', 'valid', 'invalid', 'duplicate', 'taken'] as const).map((s) => [s, report.filter((r) => r.status === s).length]),
  ) as Record<ImportRowStatus, number>;
  return { dryRun, total: rows.length, summary, rows: report };
}

async function createImported(deps: Deps, row: z.infer<typeof ZImportRow>) {
  const temporaryPassword = row.password ? undefined : newTemporaryPassword();
  const passwordHash = await hashPassword(row.password ?? (temporaryPassword as string));
  const now = deps.clock.now();
  return inTransaction(deps, async (tx, outbox) => {
    const [created] = await tx
      .insert(users)
      .values({
        siteId: row.siteId,
        nickname: row.nickname,
        passwordHash,
        phoneNumber: row.phoneNumber ?? null,
        rank: row.rank ?? 'STANDARD',
        mustChangePassword: true,
        createdAt: now,
      })
      .returning({ id: users.id });
    const userId = (created as { id: number }).id;
    await claimHandles(tx, userId, row);
    await createSeed(tx, userId);
    // The same starting balance as a signup, through the ledger.
    for (const [currency, amount] of [
      ['gold', deps.config.startingGold],
      ['gems', deps.config.startingGems],
    ] as const) {
      if (amount > 0) {
        await applyChange(tx, outbox, {
          userId,
          currency,
          delta: amount,
          reason: 'signup_bonus',
          refType: 'user',
          refId: String(userId),
          idempotencyKey: `signup:${currency}`,
        });
      }
    }
    return { userId, temporaryPassword };
  });
}
