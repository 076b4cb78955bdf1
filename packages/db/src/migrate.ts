/**
 * Applies the checked-in migrations under /drizzle, and rolls back the latest
 * one with its hand-written `<tag>.down.sql` (used by the rollback test).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { DbHandle } from './client';

/** Both the source (packages/db/src) and the bundle (apps/server/dist) sit three levels below the root. */
export const migrationsFolder = process.env.MIGRATIONS_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

/** pg_advisory_lock key held while migrating ("casino" in ASCII). */
const MIGRATION_LOCK = 0x636173696e6f;

export async function runMigrations(handle: DbHandle, folder = migrationsFolder): Promise<void> {
  if (handle.driver.kind === 'postgres') {
    // Instances started together (docker compose with replicas, MIGRATE_ON_START) take turns: the
    // first applies the migrations, the others wait, then find nothing left to do. The lock lives
    // on a connection of its own, so it needs a pool of two (a pool of one runs unguarded).
    const pool = handle.driver.sql;
    const lock = pool.options.max > 1 ? await pool.reserve() : null;
    try {
      if (lock) await lock`SELECT pg_advisory_lock(${MIGRATION_LOCK})`;
      await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder: folder });
    } finally {
      if (lock) {
        await lock`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
        lock.release();
      }
    }
  } else {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: folder });
  }
}

type Journal = { entries: { idx: number; tag: string; when: number }[] };

export function readJournal(): Journal {
  return JSON.parse(readFileSync(resolve(migrationsFolder, 'meta/_journal.json'), 'utf8')) as Journal;
}

/** Undo the latest migration and forget it, so that runMigrations re-applies it. */
export async function rollbackLatest(handle: DbHandle): Promise<string> {
  const latest = readJournal().entries.at(-1);
  if (!latest) throw new Error('no migrations to roll back');
  const down = readFileSync(resolve(migrationsFolder, `${latest.tag}.down.sql`), 'utf8');
  await handle.db.transaction(async (tx) => {
    for (const stmt of down.split('--> statement-breakpoint')) {
      if (stmt.trim()) await tx.execute(sql.raw(stmt));
    }
    await tx.execute(sql`DELETE FROM drizzle.__drizzle_migrations WHERE created_at = ${latest.when}`);
  });
  return latest.tag;
}
