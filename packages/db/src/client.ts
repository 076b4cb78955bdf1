/**
 * Database handle: real PostgreSQL through postgres.js when a URL is given,
 * otherwise PGlite (Postgres in WASM) in a local folder or in memory.
 * Both expose the same Drizzle API, so services never know which one runs.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction is a Db too; services accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export type DbHandle = {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Underlying driver, for migrations and tests. */
  driver: { kind: 'postgres'; sql: postgres.Sql; url: string } | { kind: 'pglite'; pg: PGlite };
  close(): Promise<void>;
};

export type DbOptions = {
  /** postgres:// URL; when absent, PGlite is used. */
  url?: string | undefined;
  /** PGlite data folder; absent = in memory. */
  dataDir?: string | undefined;
  maxConnections?: number;
};

/**
 * Statements this process sent to PostgreSQL through a createDb handle (postgres.js only):
 * one per query, plus BEGIN and COMMIT/ROLLBACK per transaction and savepoint. A plain
 * integer bumped by alwaysPrepared below (no work per query beyond that); /metrics exports
 * it as casino_db_statements_total and `pnpm bench` divides it by the requests it made.
 * Direct use of `driver.sql` is not counted.
 */
export const dbStatements = { count: 0 };

/**
 * Drizzle asks postgres.js not to prepare unnamed queries, so every statement is
 * parsed and planned again. Our statements are parameterised and few, so we let
 * postgres.js prepare and cache each one per connection (also inside transactions).
 * Also counts the statements (dbStatements).
 */
function alwaysPrepared(sql: postgres.Sql): postgres.Sql {
  type Unsafe = (query: string, params?: unknown[], options?: Record<string, unknown>) => unknown;
  type Begin = (...args: unknown[]) => unknown;
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, prop, receiver) {
        const value = Reflect.get(t, prop, receiver);
        if (prop === 'unsafe')
          return (q: string, p?: unknown[], o?: Record<string, unknown>) => {
            dbStatements.count++;
            return (value as Unsafe).call(t, q, p, { ...o, prepare: true });
          };
        if (prop === 'begin' || prop === 'savepoint') {
          return (...args: unknown[]) => {
            dbStatements.count += 2;
            const fn = args.at(-1) as (tx: object) => unknown;
            return (value as Begin).call(t, ...args.slice(0, -1), (tx: object) => fn(wrap(tx)));
          };
        }
        return typeof value === 'function' ? value.bind(t) : value;
      },
      // sql`…` and tx`…` (tagged templates; pipelined queries in a transaction) count too.
      apply(t, self, args) {
        if ((args[0] as { raw?: unknown } | undefined)?.raw) dbStatements.count++;
        return Reflect.apply(t as (...a: unknown[]) => unknown, self, args);
      },
    });
  return wrap(sql);
}

export async function createDb(opts: DbOptions): Promise<DbHandle> {
  if (opts.url) {
    const sql = postgres(opts.url, { max: opts.maxConnections ?? 20, onnotice: () => {} });
    const db = drizzlePostgres(alwaysPrepared(sql), { schema, casing: 'snake_case' }) as unknown as Db;
    return { db, kind: 'postgres', driver: { kind: 'postgres', sql, url: opts.url }, close: () => sql.end({ timeout: 5 }) };
  }
  // PGlite creates its folder but not the parents (a fresh clone has no .data/ yet).
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const pg = opts.dataDir ? new PGlite(opts.dataDir) : new PGlite();
  await pg.waitReady;
  const db = drizzlePglite(pg, { schema, casing: 'snake_case' }) as unknown as Db;
  return { db, kind: 'pglite', driver: { kind: 'pglite', pg }, close: () => pg.close() };
}

/**
 * Connections `db` can hold at once: the postgres.js pool's size, 1 for PGlite (one
 * in-process connection). For limits that must leave a connection free (crash bets).
 */
export function poolSize(db: Db): number {
  const max = (db as unknown as { $client?: { options?: { max?: unknown } } }).$client?.options?.max;
  return typeof max === 'number' && max > 0 ? max : 1;
}

/** Raw SQL returning rows, identical for postgres.js (array) and PGlite ({ rows }). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown;
  return (Array.isArray(res) ? res : (res as { rows: T[] }).rows) as T[];
}

/** db.transaction with the transaction typed as a Db, so services take either. */
export function transaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(tx as unknown as Db));
}

export type Listener = { close(): Promise<void> };

/**
 * LISTEN on `channel`: `onNotify(payload)` for each notification (sent when the notifying
 * transaction commits). `onState(true)` once listening, `onState(false)` as soon as the
 * connection is lost — notifications sent until the next `onState(true)` are missed, so a
 * cache kept fresh by them must not be trusted in between. postgres.js: a connection of its
 * own, re-listening with backoff after a loss; PGlite: its in-process listen (never lost).
 */
export async function listen(
  handle: DbHandle,
  channel: string,
  onNotify: (payload: string) => void,
  onState: (listening: boolean) => void,
): Promise<Listener> {
  if (handle.driver.kind === 'pglite') {
    const unlisten = await handle.driver.pg.listen(channel, onNotify);
    onState(true);
    return { close: () => unlisten() };
  }
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  // onnotify is a connection option postgres.js reads (its own listen() uses it) but does not type.
  const notifyOption = { onnotify: (c: string, payload: string) => c === channel && onNotify(payload) } as object;
  const conn = postgres(handle.driver.url, {
    ...notifyOption,
    max: 1,
    idle_timeout: 0, // never closed for idleness or age (0 = off)
    max_lifetime: 0,
    fetch_types: false,
    onnotice: () => {},
    onclose: () => {
      if (closed) return;
      onState(false);
      subscribe(100);
    },
  });
  const command = `LISTEN "${channel.replace(/"/g, '""')}"`;
  function subscribe(delayMs: number) {
    clearTimeout(retry);
    retry = setTimeout(() => {
      conn.unsafe(command).then(
        () => !closed && onState(true),
        () => !closed && subscribe(Math.min(delayMs * 2, 5000)),
      );
    }, delayMs);
    retry.unref();
  }
  await conn.unsafe(command);
  onState(true);
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      await conn.end({ timeout: 1 });
    },
  };
}
