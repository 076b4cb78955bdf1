/**
 * With DATABASE_URL set, migrates a template database once; each test file then
 * clones it (CREATE DATABASE … TEMPLATE), so files never see each other's rows.
 * Without it, every file migrates its own in-memory PGlite.
 */
import { createDb, runMigrations } from '@casino/db';
import postgres from 'postgres';

export const TEMPLATE_DB = `casino_tpl_${process.pid}`;

export default async function setup() {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  // Several projects (integration, e2e) share this setup in one run: the first one creates the template.
  if (process.env.CASINO_TEST_TEMPLATE === TEMPLATE_DB) return;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  // Leftovers of interrupted runs: databases named after a process that is gone (concurrent runs keep theirs).
  const stale = await admin<{ datname: string }[]>`SELECT datname FROM pg_database WHERE datname LIKE 'casino_t%'`;
  for (const { datname } of stale) {
    const pid = Number(/^casino_t(?:pl)?_(\d+)/.exec(datname)?.[1]);
    if (!pid || !isAlive(pid)) await admin.unsafe(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
  await admin.unsafe(`CREATE DATABASE "${TEMPLATE_DB}"`);
  const tpl = await createDb({ url: withDatabase(url, TEMPLATE_DB), maxConnections: 1 });
  await runMigrations(tpl);
  await tpl.close();
  process.env.CASINO_TEST_TEMPLATE = TEMPLATE_DB;
  await admin.end();
  return async () => {
    const again = postgres(url, { max: 1, onnotice: () => {} });
    const dbs = await again<
      { datname: string }[]
    >`SELECT datname FROM pg_database WHERE datname LIKE ${`casino_t%_${process.pid}_%`} OR datname = ${TEMPLATE_DB}`;
    for (const { datname } of dbs) await again.unsafe(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await again.end();
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Name of a per-file test database: carries the run's pid so concurrent runs never drop each other's. */
export function testDatabaseName(id: string): string {
  const tpl = process.env.CASINO_TEST_TEMPLATE ?? TEMPLATE_DB;
  return `casino_t_${tpl.split('_').at(-1)}_${id}`;
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
