/**
 * The product's own SQL, rendered as pgbench script text: the wallet writer's statement
 * built with pgbench variables in place of values, so the benchmarks measure exactly
 * what the server runs and never carry a copy of it.
 */
import { changesStatement, type SqlValue } from '@casino/api';
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';

const dialect = new PgDialect({ casing: 'snake_case' });

/** A pgbench expression or variable, e.g. v(':bet') or v("'gold'"). */
export const v = (text: string): SqlValue => sql.raw(text);

export function pgbenchText(query: SQL): string {
  const { sql: text, params } = dialect.sqlToQuery(query);
  if (params.length) throw new Error(`pgbench text must not carry bound parameters: ${text}`);
  return text;
}

type Entry = { currency: string; delta: string; reason: string; refType: string; refId: string; key: string };

/** The wallet writer's statement for `entries` (all pgbench expressions). Its result columns: id, currency, delta, balance_after, reason. */
export const walletStatement = (userId: string, entries: Entry[]) =>
  pgbenchText(
    changesStatement(
      v(userId),
      entries.map((e) => ({
        currency: v(e.currency),
        delta: v(e.delta),
        reason: v(e.reason),
        refType: v(e.refType),
        refId: v(e.refId),
        key: v(e.key),
      })),
    ),
  );
