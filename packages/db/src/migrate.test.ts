/**
 * The schema in code and the checked-in migrations must not drift, and the latest
 * migration must roll back to exactly the previous schema and re-apply cleanly.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type DbHandle, queryRows } from './client';
import { migrationsFolder, readJournal, rollbackLatest, runMigrations } from './migrate';
import * as schema from './schema/index';

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** An empty database: its own PostgreSQL database when DATABASE_URL is set, else in-memory PGlite. */
async function emptyDb(): Promise<DbHandle> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const h = await createDb({});
    cleanups.push(() => h.close());
    return h;
  }
  const runPid = (process.env.CASINO_TEST_TEMPLATE ?? '').split('_').at(-1) ?? String(process.pid);
  const name = `casino_t_${runPid}_mig${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const h = await createDb({ url: u.toString(), maxConnections: 2 });
  cleanups.push(async () => {
    await h.close();
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });
  return h;
}

/** A comparable description of the public schema: columns, constraints, indexes, enum types, triggers. */
async function describeSchema(h: DbHandle): Promise<string[]> {
  const cols = await queryRows<{ d: string }>(
    h.db,
    sql`SELECT table_name || '.' || column_name || ':' || data_type || ':' || is_nullable || ':' || coalesce(column_default, '') AS d
        FROM information_schema.columns WHERE table_schema = 'public'`,
  );
  const cons = await queryRows<{ d: string }>(
    h.db,
    sql`SELECT conrelid::regclass::text || ':' || conname || ':' || pg_get_constraintdef(oid) AS d
        FROM pg_constraint WHERE connamespace = 'public'::regnamespace`,
  );
  const idx = await queryRows<{ d: string }>(h.db, sql`SELECT indexdef AS d FROM pg_indexes WHERE schemaname = 'public'`);
  const types = await queryRows<{ d: string }>(
    h.db,
    sql`SELECT t.typname || ':' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS d
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
  );
  const triggers = await queryRows<{ d: string }>(
    h.db,
    sql`SELECT tgrelid::regclass::text || ':' || tgname || ':' || pg_get_triggerdef(oid) AS d FROM pg_trigger WHERE NOT tgisinternal`,
  );
  return [...cols, ...cons, ...idx, ...types, ...triggers].map((r) => r.d).sort();
}

describe('migrations', () => {
  it('match the schema in code (no drift)', async () => {
    const journal = readJournal();
    const last = journal.entries.at(-1);
    expect(last).toBeDefined();
    const snapshotFile = resolve(migrationsFolder, 'meta', `${String(last?.idx).padStart(4, '0')}_snapshot.json`);
    const prev = JSON.parse(readFileSync(snapshotFile, 'utf8'));
    const current = generateDrizzleJson(schema as Record<string, unknown>, prev.id, undefined, 'snake_case');
    const statements = await generateMigration(prev, current);
    expect(statements, 'run `pnpm db:generate` and commit the new migration').toEqual([]);
  });

  it('roll back the latest migration to the previous schema and re-apply it', async () => {
    const journal = readJournal();
    // The schema before the latest migration: apply a copy of the folder without it.
    const previousFolder = mkdtempSync(join(tmpdir(), 'casino-mig-'));
    cpSync(migrationsFolder, previousFolder, { recursive: true });
    writeFileSync(join(previousFolder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, -1) }));
    const before = await emptyDb();
    await runMigrations(before, previousFolder);
    const expectedAfterRollback = await describeSchema(before);

    const h = await emptyDb();
    await runMigrations(h);
    const full = await describeSchema(h);
    const tag = await rollbackLatest(h);
    expect(tag).toBe(journal.entries.at(-1)?.tag);
    expect(await describeSchema(h)).toEqual(expectedAfterRollback);
    await runMigrations(h);
    expect(await describeSchema(h)).toEqual(full);
  });
  it('apply once when several instances start together', async () => {
    const first = await emptyDb();
    if (first.driver.kind !== 'postgres') {
      // One embedded process owns its PGlite: starting twice must simply find nothing to do.
      await runMigrations(first);
      await runMigrations(first);
      expect((await queryRows<{ n: number }>(first.db, sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`))[0]?.n).toBe(
        readJournal().entries.length,
      );
      return;
    }
    const url = withDatabase(process.env.DATABASE_URL as string, first.driver.sql.options.database);
    const others = await Promise.all([1, 2].map(() => createDb({ url, maxConnections: 2 })));
    cleanups.push(async () => {
      for (const o of others) await o.close();
    });
    await Promise.all([first, ...others].map((h) => runMigrations(h)));
    const [applied] = await queryRows<{ n: number }>(first.db, sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
    expect(applied?.n).toBe(readJournal().entries.length);
  });
});
