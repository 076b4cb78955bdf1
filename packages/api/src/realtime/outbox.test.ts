/**
 * Live events go through the transactional outbox: none without a commit, none lost
 * when Redis fails or the process dies after commit, none doubled by a retry.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type DbHandle, outboxEvents, queryRows, runMigrations, walletLedger } from '@casino/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../deps';
import type { Kv } from '../infra/kv';
import { createMemoryKv } from '../infra/kv-memory';
import { createRedisKv } from '../infra/kv-redis';
import { silentLogger } from '../infra/logger';
import { applyChange } from '../services/wallet/wallet';
import { withDatabase } from '../test/global-setup';
import { createTestEnv, newPlayer, type TestEnv } from '../test/harness';
import { EventBus } from './bus';
import { relayOnce, streamKey } from './outbox';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

const credit = (deps: Pick<TestEnv['deps'], 'db' | 'bus'>, userId: number, delta: number) =>
  inTransaction(deps, (tx, outbox) => applyChange(tx, outbox, { userId, currency: 'gold', delta, reason: 'outbox_test' }));

async function streamed(kv: Kv, userId: number) {
  const rows = await kv.xrangeAfter(streamKey(userId), '0-0', 10_000);
  return rows.map((r) => JSON.parse(r.data) as { type: string; data: { ledgerId?: number; delta?: number } });
}

describe('outbox', () => {
  it('writes no event for a transaction that rolls back', async () => {
    const p = await newPlayer(env.deps);
    // The signup's own events are delivered and their rows deleted first.
    await env.deps.bus.idle();
    const before = (await streamed(env.kv, p.user.id)).length;
    await expect(
      inTransaction(env.deps, async (tx, outbox) => {
        await applyChange(tx, outbox, { userId: p.user.id, currency: 'gold', delta: 5, reason: 'outbox_test' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await env.deps.db.select().from(outboxEvents).where(eq(outboxEvents.userId, p.user.id))).toEqual([]);
    expect(await streamed(env.kv, p.user.id)).toHaveLength(before);
  });

  it('refuses an event that does not match its schema, and the transaction with it', async () => {
    const p = await newPlayer(env.deps);
    const bad = inTransaction(env.deps, async (tx, outbox) => {
      await applyChange(tx, outbox, { userId: p.user.id, currency: 'gold', delta: 5, reason: 'outbox_test' });
      outbox.push({ userId: p.user.id, type: 'token_update', data: { currency: 'doubloons', delta: 5 } });
    });
    await expect(bad).rejects.toThrow(/token_update does not match its schema/);
    expect((await p.caller.auth.me()).gold).toBe(1000);
  });

  it('keeps events Redis refused and the relay delivers each exactly once', async () => {
    const p = await newPlayer(env.deps);
    const dead = createRedisKv('redis://127.0.0.1:1', env.kv.prefix);
    const deadBus = new EventBus(env.deps.db, dead, silentLogger);
    // The money moves although Redis is down; the events wait in the outbox.
    await credit({ db: env.deps.db, bus: deadBus }, p.user.id, 7);
    await credit({ db: env.deps.db, bus: deadBus }, p.user.id, 8);
    const waiting = await env.deps.db.select().from(outboxEvents).where(eq(outboxEvents.userId, p.user.id));
    expect(waiting).toHaveLength(2);
    // A relay whose Redis is down backs off and loses nothing.
    expect(await relayOnce({ db: env.deps.db, kv: dead, logger: silentLogger }, { graceMs: 0 })).toBe(0);
    await dead.close();
    const [retrying] = await env.deps.db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.id, waiting[0]?.id ?? 0));
    expect(retrying?.attempts).toBe(1);
    await env.deps.db.update(outboxEvents).set({ retryAt: null }).where(eq(outboxEvents.userId, p.user.id));
    const signupEvents = (await streamed(env.kv, p.user.id)).length;
    expect(await relayOnce(env.deps, { graceMs: 0 })).toBeGreaterThanOrEqual(2);
    expect(await relayOnce(env.deps, { graceMs: 0 })).toBe(0);
    const deltas = (await streamed(env.kv, p.user.id)).slice(signupEvents).map((e) => e.data.delta);
    expect(deltas).toEqual([7, 8]);
  });

  it('does not double an event delivered by a process that died before forgetting it', async () => {
    const p = await newPlayer(env.deps);
    const dead = createRedisKv('redis://127.0.0.1:1', env.kv.prefix);
    await credit({ db: env.deps.db, bus: new EventBus(env.deps.db, dead, silentLogger) }, p.user.id, 9);
    await dead.close();
    const [row] = await env.deps.db.select().from(outboxEvents).where(eq(outboxEvents.userId, p.user.id));
    if (!row) throw new Error('the event is not in the outbox');
    // The first delivery reached Redis, then the process died before deleting the row.
    const before = (await streamed(env.kv, p.user.id)).length;
    await env.kv.appendEvents(
      [{ stream: streamKey(p.user.id), channel: `ch:user:${p.user.id}`, data: JSON.stringify(row.data), dedupeKey: `ev:out:${row.id}` }],
      { maxLen: 1000, dedupeTtlMs: 60_000 },
    );
    await env.deps.db.update(outboxEvents).set({ retryAt: null }).where(eq(outboxEvents.id, row.id));
    await relayOnce(env.deps, { graceMs: 0 });
    expect(await streamed(env.kv, p.user.id)).toHaveLength(before + 1);
    expect(await env.deps.db.select().from(outboxEvents).where(eq(outboxEvents.userId, p.user.id))).toEqual([]);
  });
});

describe('outbox through kill -9', () => {
  it('delivers every committed event of a killed writer once the relay runs', async () => {
    const realServices = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
    // Real services: the writer shares PostgreSQL and Redis with us. Embedded: it owns a PGlite
    // folder and its in-process Redis roles, which die with it, as in an embedded deployment.
    const dataDir = realServices ? undefined : mkdtempSync(join(tmpdir(), 'casino-outbox-'));
    const prefix = `t:${randomBytes(4).toString('hex')}:`;
    const open = async (): Promise<DbHandle> => (realServices ? env.handle : createDb({ dataDir }));
    let handle = await open();
    if (!realServices) await runMigrations(handle);
    const userId = realServices ? (await newPlayer(env.deps)).user.id : await seedUser(handle);
    if (!realServices) await handle.close();

    const [{ db: dbName } = { db: '' }] = realServices
      ? await queryRows<{ db: string }>(handle.db, sql`SELECT current_database() AS db`)
      : [];
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'outbox-writer.fixture.ts'), String(userId)], {
      env: {
        ...process.env,
        FIXTURE_KV_PREFIX: prefix,
        ...(realServices ? { DATABASE_URL: withDatabase(process.env.DATABASE_URL ?? '', dbName) } : { FIXTURE_DATA_DIR: dataDir }),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const deliveredByChild: number[] = [];
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    await new Promise<void>((resolve, reject) => {
      child.on('exit', (code) => reject(new Error(`the writer exited early (${code})`)));
      let buf = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buf += chunk.toString();
        for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 1);
          if (line.startsWith('delivered ')) deliveredByChild.push(Number(line.slice(10)));
          if (deliveredByChild.length === 40) resolve();
        }
      });
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    if (!realServices) handle = await open();
    const kv = realServices ? createRedisKv(process.env.REDIS_URL ?? '', prefix) : createMemoryKv(prefix);
    try {
      await relayOnce({ db: handle.db, kv, logger: silentLogger }, { graceMs: 0 });
      const ledger = await handle.db
        .select({ id: walletLedger.id })
        .from(walletLedger)
        .where(and(eq(walletLedger.userId, userId), eq(walletLedger.reason, 'kill_test')));
      const relayed = (await streamed(kv, userId)).filter((e) => e.type === 'token_update').map((e) => Number(e.data.ledgerId));
      expect(ledger.length).toBeGreaterThanOrEqual(40);
      expect(await handle.db.select().from(outboxEvents)).toEqual([]);
      if (realServices) {
        // One stream holds everything: each committed change exactly once.
        expect(relayed.filter((id) => ledger.some((l) => l.id === id)).sort((a, b) => a - b)).toEqual(
          ledger.map((l) => l.id).sort((a, b) => a - b),
        );
      } else {
        // The writer's stream died with it; what it had not delivered, the relay does, once.
        const all = new Set([...deliveredByChild, ...relayed]);
        expect(ledger.every((l) => all.has(l.id))).toBe(true);
        expect(new Set(relayed).size).toBe(relayed.length);
      }
    } finally {
      await kv.flush();
      await kv.close();
      if (!realServices) {
        await handle.close();
        rmSync(dataDir ?? '', { recursive: true, force: true });
      }
    }
  });
});

async function seedUser(handle: DbHandle): Promise<number> {
  const { users } = await import('@casino/db');
  const [u] = await handle.db.insert(users).values({ siteId: 'killtest', nickname: 'killtest', passwordHash: 'x' }).returning();
  return u?.id ?? 0;
}
