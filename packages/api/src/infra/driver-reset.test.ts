/**
 * A connection reset (ECONNRESET) in the middle of a transaction, at the driver level
 * (packages/db/patches/postgres@3.4.9.patch). The socket's 'error' event fails the statement;
 * the transaction's catch sends ROLLBACK before the socket's 'close' event. Unpatched,
 * postgres.js queued that ROLLBACK, reconnected with it unsent, and the connection then waited
 * for its answer forever: every later query on it hung (connection-loss.test.ts caught this
 * about one run in five). Here a proxy resets the client's socket on a marked statement, so
 * the order is the same every run.
 * With DATABASE_URL the proxy fronts PostgreSQL; without it, PGlite served over the wire.
 */

import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { createDb, type DbHandle } from '@casino/db';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveOverWire, type WireServer } from '../test/wire-server';

const MARK = 'reset-this-connection';

type Proxy = { url: string; close(): Promise<void> };

/** Forwards TCP to `target`; a client message containing MARK is not forwarded: the client's socket is reset instead. */
async function resettingProxy(target: URL): Promise<Proxy> {
  const pairs = new Set<[Socket, Socket]>();
  const server: Server = createServer((client) => {
    const upstream = createConnection(Number(target.port || 5432), target.hostname);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    upstream.on('data', (d) => client.write(d));
    client.on('data', (d) => {
      if (d.includes(MARK)) {
        pairs.delete(pair);
        upstream.destroy();
        client.resetAndDestroy();
      } else upstream.write(d);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    async close() {
      for (const [a, b] of pairs) {
        a.destroy();
        b.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let proxy: Proxy;
let embedded: { local: DbHandle; wire: WireServer } | null = null;

beforeAll(async () => {
  let target = process.env.DATABASE_URL;
  if (!target) {
    const local = await createDb({});
    const wire = await serveOverWire((local.driver as Extract<DbHandle['driver'], { kind: 'pglite' }>).pg);
    embedded = { local, wire };
    target = wire.url;
  }
  proxy = await resettingProxy(new URL(target));
});

afterAll(async () => {
  await proxy.close();
  if (embedded) {
    await embedded.wire.close();
    await embedded.local.close();
  }
});

describe('postgres.js after a connection reset inside a transaction', () => {
  it('fails the transaction, then serves the next queries on a fresh connection', async () => {
    const sql = postgres(proxy.url, { max: 1, onnotice: () => {} });
    try {
      expect(await sql`SELECT 1 AS n`).toEqual([{ n: 1 }]);

      const failed = await sql
        .begin(async (tx) => {
          await tx`SELECT 1`;
          await tx.unsafe(`SELECT '${MARK}'`);
        })
        .then(
          () => null,
          (e: { code?: string }) => e.code,
        );
      expect(['ECONNRESET', 'CONNECTION_CLOSED']).toContain(failed);

      // Unpatched, the first of these resolved and the second never did (the unsent ROLLBACK
      // became the connection's current query after it); a third makes sure the pool is clean.
      for (let i = 2; i <= 4; i++) expect(await sql`SELECT ${i}::int AS n`).toEqual([{ n: i }]);
      expect(await sql.begin((tx) => tx`SELECT 5 AS n`)).toEqual([{ n: 5 }]);
    } finally {
      await sql.end({ timeout: 1 });
    }
  }, 20_000);
});
