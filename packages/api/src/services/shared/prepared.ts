/**
 * A hot statement compiled once: built from Drizzle SQL with a named placeholder for each value,
 * rendered to text once, then each call only binds values (postgres.js prepares it once per
 * connection). Runs on the pool or inside a transaction, on postgres.js and PGlite alike.
 */
import type { Db } from '@casino/db';
import { type Query, type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';

const dialect = new PgDialect({ casing: 'snake_case' });

type Session = {
  prepareQuery(
    q: Query,
    fields: undefined,
    name: undefined,
    arrayMode: boolean,
  ): { execute(values: Record<string, unknown>): Promise<unknown> };
};

export type Prepared<N extends string, R> = (db: Db, params: Record<N, string | number | null>) => Promise<R[]>;

/** `build` receives one SQL placeholder per name; the statement's rows come back as `R`. */
export function prepared<const N extends string, R>(names: readonly N[], build: (x: Record<N, SQL>) => SQL): Prepared<N, R> {
  let compiled: Query | undefined;
  return async (db, params) => {
    compiled ??= dialect.sqlToQuery(build(Object.fromEntries(names.map((n) => [n, sql`${sql.placeholder(n)}`])) as Record<N, SQL>));
    const session = (db as unknown as { _: { session: Session } })._.session;
    const res = await session.prepareQuery(compiled, undefined, undefined, false).execute(params);
    return (Array.isArray(res) ? res : (res as { rows: R[] }).rows) as R[];
  };
}

/** A prepared statement that answers exactly one row (a chain of CTEs and its summary). */
export function preparedRow<const N extends string, R>(
  names: readonly N[],
  build: (x: Record<N, SQL>) => SQL,
  what: string,
): (db: Db, params: Record<N, string | number | null>) => Promise<R> {
  const statement = prepared<N, R>(names, build);
  return async (db, params) => {
    const [row] = await statement(db, params);
    if (!row) throw new Error(`${what} returned no row`);
    return row;
  };
}

/** `build(db)` once per database handle or transaction (Drizzle's `.prepare()` statements are tied to the handle they were built on). */
export function perDb<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let v = built.get(db);
    if (!v) {
      v = build(db);
      built.set(db, v);
    }
    return v;
  };
}

/** A JSON column of a statement's row: postgres.js parses it, PGlite may hand back its text. */
export const jsonColumn = <T>(v: T | string | null): T | null => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
