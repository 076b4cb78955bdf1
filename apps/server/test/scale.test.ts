/**
 * Three server processes on one PostgreSQL and one Redis behave as one (issue 10 #6):
 *   - an event caused on instance A reaches a subscriber on instance C;
 *   - a reconnect to another instance resumes after the last event id, nothing lost or doubled;
 *   - login lockout and the per-IP auth rate limit count across instances;
 *   - a scheduled notification is sent once although every instance's worker looks for it;
 *   - the global metrics are computed once per 5 s in total, whichever instance is asked;
 *   - a crash round bet on A is settled exactly once while A is killed (SIGKILL) and, after a
 *     restart, the cluster still answers; open streams carry heartbeats.
 * With DATABASE_URL and REDIS_URL (CI) these are three processes. In the embedded mode (PGlite
 * and in-process Redis roles, one process by design) the same checks run against one process
 * playing A, B and C: every property still holds there, and "A is killed" becomes a kill and a
 * restart on the same data folder — the settlement must then come from the restarted process's
 * sweeper reading PostgreSQL (the in-process Redis state died with it).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseName, withDatabase } from '../../../packages/api/src/test/global-setup';
import { cleanupProcesses, startServer, tempDir } from './process';
import { liveEvent, openSse, type SseStream } from './sse';

const real = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
const ADMIN = { siteId: 'scaleops', password: 'scale-admin-pass-1', newPassword: 'scale-admin-pass-2' };

type Instance = { name: string; url: string; stop(signal?: NodeJS.Signals): Promise<number | null> };
let A: Instance;
let B: Instance;
let C: Instance;
let env: Record<string, string>;
let dropDb: (() => Promise<void>) | null = null;
const streams: SseStream[] = [];

async function start(name: string): Promise<Instance> {
  const s = startServer(env);
  return { name, url: await s.listening, stop: (signal) => s.stop(signal) };
}

beforeAll(async () => {
  env = {
    HOST: '127.0.0.1',
    PORT: '0',
    NODE_ENV: 'development',
    LOG_LEVEL: 'info',
    TRUST_PROXY: '1',
    LOGIN_MAX_FAILED_ATTEMPTS: '3',
    AUTH_RATE_LIMIT_PER_MINUTE: '6',
    BOOTSTRAP_ADMIN_SITE_ID: ADMIN.siteId,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
  };
  if (real) {
    const url = process.env.DATABASE_URL as string;
    const name = testDatabaseName(`scale${randomBytes(3).toString('hex')}`);
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${process.env.CASINO_TEST_TEMPLATE}"`);
    await admin.end();
    dropDb = async () => {
      const a = postgres(url, { max: 1, onnotice: () => {} });
      await a.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    };
    Object.assign(env, {
      DATABASE_URL: withDatabase(url, name),
      REDIS_URL: process.env.REDIS_URL as string,
      REDIS_KEY_PREFIX: `t:scale${randomBytes(4).toString('hex')}:`,
    });
  } else {
    env.DATA_DIR = join(tempDir('casino-scale-'), '.data/pglite');
  }
  // A first (it bootstraps the admin), then the others.
  A = await start('A');
  if (real) [B, C] = await Promise.all([start('B'), start('C')]);
  else [B, C] = [A, A];
}, 120_000);

afterAll(async () => {
  for (const s of streams) s.close();
  cleanupProcesses();
  if (real && env.REDIS_URL) {
    const { createRedisKv } = await import('@casino/api');
    const kv = createRedisKv(env.REDIS_URL, env.REDIS_KEY_PREFIX);
    await kv.flush();
    await kv.close();
  }
  await dropDb?.();
});

type Call = { ok: boolean; status: number; data: Record<string, unknown>; reason?: string };

/** One tRPC call over HTTP; `ip` is the client address the load balancer would forward. */
async function call(
  inst: Instance,
  kind: 'query' | 'mutation',
  path: string,
  input?: unknown,
  opts: { token?: string; ip?: string } = {},
): Promise<Call> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-forwarded-for': opts.ip ?? '10.0.0.1' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const enc = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const res =
    kind === 'query'
      ? await fetch(`${inst.url}/trpc/${path}${enc}`, { headers })
      : await fetch(`${inst.url}/trpc/${path}`, { method: 'POST', headers, body: JSON.stringify({ json: input ?? null }) });
  const body = (await res.json()) as {
    result?: { data: { json: Record<string, unknown> } };
    error?: { json: { data?: { appError?: { reason?: string } } } };
  };
  return { ok: res.ok, status: res.status, data: body.result?.data.json ?? {}, reason: body.error?.json.data?.appError?.reason };
}

let ipSeq = 0;
const freshIp = () => `10.1.${Math.floor(++ipSeq / 250)}.${(ipSeq % 250) + 1}`;

async function signup(inst: Instance, tag: string) {
  const siteId = `${tag}${randomBytes(3).toString('hex')}`;
  const password = 'player-pass-123';
  const r = await call(inst, 'mutation', 'auth.signup', { siteId, nickname: siteId, password, inviteCode: '5858' }, { ip: freshIp() });
  expect(r.ok, JSON.stringify(r)).toBe(true);
  return { siteId, password, token: r.data.accessToken as string, id: (r.data.user as { id: number }).id };
}

async function adminToken(inst: Instance): Promise<string> {
  const ip = freshIp();
  let login = await call(inst, 'mutation', 'auth.login', { siteId: ADMIN.siteId, password: ADMIN.newPassword }, { ip });
  if (!login.ok) {
    // The bootstrap admin changes its password at first login.
    login = await call(inst, 'mutation', 'auth.login', { siteId: ADMIN.siteId, password: ADMIN.password }, { ip });
    expect(login.ok, JSON.stringify(login)).toBe(true);
    const changed = await call(
      inst,
      'mutation',
      'auth.changePassword',
      { currentPassword: ADMIN.password, newPassword: ADMIN.newPassword },
      { token: login.data.accessToken as string },
    );
    expect(changed.ok, JSON.stringify(changed)).toBe(true);
    login = await call(inst, 'mutation', 'auth.login', { siteId: ADMIN.siteId, password: ADMIN.newPassword }, { ip });
  }
  expect(login.ok, JSON.stringify(login)).toBe(true);
  return login.data.accessToken as string;
}

async function live(inst: Instance, token: string, input: Record<string, unknown> = {}) {
  const s = await openSse(inst.url, 'economy.live', input, { token });
  streams.push(s);
  // The first frame says the stream is open; the Redis subscription follows within the request.
  await s.next((e) => e.event === 'connected');
  return s;
}

/** Ledger ids of the player's gold entries, oldest first (economy.wallet.history pages). */
async function ledgerIds(inst: Instance, token: string): Promise<number[]> {
  const ids: number[] = [];
  let cursor: number | undefined;
  do {
    const page = await call(
      inst,
      'query',
      'economy.wallet.history',
      { limit: 100, currency: 'gold', ...(cursor ? { cursor } : {}) },
      { token },
    );
    ids.push(...(page.data.items as { id: number }[]).map((i) => i.id));
    cursor = (page.data.nextCursor as number | null) ?? undefined;
  } while (cursor);
  return ids.sort((a, b) => a - b);
}

const tokenUpdates = (s: SseStream) =>
  s.events
    .map(liveEvent)
    .filter((e) => e?.type === 'token_update')
    .map((e) => e?.data.ledgerId as number);

describe(`three instances as one (${real ? 'three processes on PostgreSQL + Redis' : 'embedded: one process as A, B and C'})`, () => {
  let player: Awaited<ReturnType<typeof signup>>;
  let heartbeat: SseStream;

  it('an event caused on A reaches a subscriber on C', async () => {
    player = await signup(A, 'sc');
    heartbeat = await live(C, player.token);
    const spin = await call(A, 'mutation', 'games.slot.spin', { bet: 10 }, { token: player.token });
    expect(spin.ok, JSON.stringify(spin)).toBe(true);
    const ev = await heartbeat.next((e) => liveEvent(e)?.type === 'token_update');
    expect(liveEvent(ev)?.data).toMatchObject({ currency: 'gold', delta: -10, reason: 'slot_bet' });
    // An admin's notification sent through B arrives on C too.
    const admin = await adminToken(B);
    const sent = await call(
      B,
      'mutation',
      'admin.notifications.send',
      { userId: player.id, title: 'Hello from B', body: 'b' },
      { token: admin },
    );
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    const note = await heartbeat.next((e) => liveEvent(e)?.type === 'ADMIN_NOTIFICATION');
    expect(liveEvent(note)?.data).toMatchObject({ id: sent.data.notificationId, title: 'Hello from B' });
  });

  it('a reconnect to another instance resumes after the last event id: nothing lost, nothing doubled', async () => {
    const p = await signup(A, 'rs');
    const before = await ledgerIds(A, p.token);
    const first = await live(B, p.token);
    for (let i = 0; i < 2; i++) expect((await call(A, 'mutation', 'games.slot.spin', { bet: 10 }, { token: p.token })).ok).toBe(true);
    const afterTwo = (await ledgerIds(A, p.token)).filter((id) => !before.includes(id));
    await first.next(() => tokenUpdates(first).length >= afterTwo.length);
    const lastEventId = first.lastId();
    first.close();
    // Away: three more spins through C.
    for (let i = 0; i < 3; i++) expect((await call(C, 'mutation', 'games.slot.spin', { bet: 10 }, { token: p.token })).ok).toBe(true);
    const all = (await ledgerIds(A, p.token)).filter((id) => !before.includes(id));
    const second = await live(A, p.token, { lastEventId });
    await second.next(() => tokenUpdates(second).length >= all.length - afterTwo.length);
    const got = [...tokenUpdates(first), ...tokenUpdates(second)];
    expect(got).toEqual(all);
    second.close();
  });

  it('login lockout and the per-IP rate limit count across instances', async () => {
    const victim = await signup(B, 'lk');
    const ip = freshIp();
    const order = [A, B, C];
    for (let i = 0; i < 3; i++) {
      const r = await call(
        order[i % 3] as Instance,
        'mutation',
        'auth.login',
        { siteId: victim.siteId, password: 'wrong-password' },
        { ip },
      );
      expect(r.reason).toBe('invalid_credentials');
    }
    // The fourth attempt, on any instance, finds the account locked — even with the right password.
    for (const inst of order) {
      const r = await call(inst, 'mutation', 'auth.login', { siteId: victim.siteId, password: victim.password }, { ip: freshIp() });
      expect({ status: r.status, reason: r.reason }).toEqual({ status: 429, reason: 'login_locked' });
    }
    // Six login calls per minute from one address (AUTH_RATE_LIMIT_PER_MINUTE), spread over the three.
    const busy = freshIp();
    for (let i = 0; i < 6; i++) {
      const r = await call(
        order[i % 3] as Instance,
        'mutation',
        'auth.login',
        { siteId: `nobody${i}`, password: 'whatever-1' },
        { ip: busy },
      );
      expect(r.reason).toBe('invalid_credentials');
    }
    for (const inst of order)
      expect((await call(inst, 'mutation', 'auth.login', { siteId: 'nobody9', password: 'x' }, { ip: busy })).reason).toBe('rate_limited');
  });

  it('a scheduled notification is sent once although every instance’s worker looks for it', async () => {
    const p = await signup(C, 'sn');
    const onA = await live(A, p.token, { topics: ['ADMIN_NOTIFICATION'] });
    const onC = await live(C, p.token, { topics: ['ADMIN_NOTIFICATION'] });
    const admin = await adminToken(C);
    const sendAt = new Date(Date.now() + 2500).toISOString();
    const scheduled = await call(
      B,
      'mutation',
      'admin.notifications.schedule',
      { userId: p.id, title: 'Later', body: 'now', sendAt },
      { token: admin },
    );
    expect(scheduled.ok, JSON.stringify(scheduled)).toBe(true);
    await onA.next((e) => liveEvent(e)?.type === 'ADMIN_NOTIFICATION');
    await onC.next((e) => liveEvent(e)?.type === 'ADMIN_NOTIFICATION');
    const jobs = await call(A, 'query', 'admin.notifications.jobs', { status: 'sent', limit: 50 }, { token: admin });
    const job = (jobs.data.items as { id: string; recipients: number; attempts: number }[]).find((j) => j.id === scheduled.data.jobId);
    expect(job).toMatchObject({ recipients: 1, attempts: 1 });
    const inbox = await call(B, 'query', 'economy.notifications.list', { limit: 20 }, { token: p.token });
    expect((inbox.data.items as { title: string }[]).filter((n) => n.title === 'Later')).toHaveLength(1);
    expect([onA, onC].map((s) => s.events.filter((e) => liveEvent(e)?.type === 'ADMIN_NOTIFICATION').length)).toEqual([1, 1]);
    onA.close();
    onC.close();
  });

  it('computes the global metrics once per 5 s in total, whichever instance is asked', async () => {
    const readComputations = async (inst: Instance) => {
      const text = await (await fetch(`${inst.url}/metrics`)).text();
      return Number(/casino_shared_value_computations\{key="metrics:global"\} (\d+)/.exec(text)?.[1] ?? 0);
    };
    const instances = real ? [A, B, C] : [A];
    const before = (await Promise.all(instances.map(readComputations))).reduce((a, b) => a + b, 0);
    const started = Date.now();
    const seen = new Set<string>();
    // Ten callers per instance ask again and again for 11 seconds.
    await Promise.all(
      [A, B, C].flatMap((inst) =>
        Array.from({ length: 10 }, async () => {
          while (Date.now() - started < 11_000) {
            const r = await call(inst, 'query', 'economy.metrics.global', undefined, { ip: freshIp() });
            expect(r.ok).toBe(true);
            seen.add(String(r.data.generatedAt));
          }
        }),
      ),
    );
    const elapsed = Date.now() - started;
    const computed = (await Promise.all(instances.map(readComputations))).reduce((a, b) => a + b, 0) - before;
    expect(computed).toBeGreaterThanOrEqual(2);
    expect(computed).toBeLessThanOrEqual(Math.ceil(elapsed / 5000) + 1);
    // Each computation has its own generatedAt; consecutive ones are at least a period apart.
    const times = [...seen].map((s) => Date.parse(s)).sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(4900);
  });

  it('settles a crash round bet on A exactly once while A is killed, and the cluster answers after A restarts', async () => {
    const p = await signup(A, 'cr');
    const bet = await call(A, 'mutation', 'games.crash.bet', { bet: 100, autoCashout: 1.5 }, { token: p.token });
    expect(bet.ok, JSON.stringify(bet)).toBe(true);
    await A.stop('SIGKILL');
    if (!real) {
      // Embedded: A was the only process; it comes back on the same data folder.
      A = await start('A');
      [B, C] = [A, A];
    }
    const survivor = real ? B : A;
    await expect
      .poll(async () => (await call(survivor, 'query', 'games.crash.current', undefined, { token: p.token })).data.session, {
        timeout: 60_000,
        interval: 250,
      })
      .toBeNull();
    const history = await call(survivor, 'query', 'economy.wallet.history', { limit: 100, currency: 'gold' }, { token: p.token });
    const reasons = (history.data.items as { reason: string; refId: string | null }[])
      .filter((e) => e.refId === bet.data.gameId)
      .map((e) => e.reason)
      .sort();
    expect(reasons.filter((r) => r === 'crash_bet')).toHaveLength(1);
    expect(reasons.filter((r) => r !== 'crash_bet').length).toBeLessThanOrEqual(1);
    const admin = await adminToken(survivor);
    const rounds = await call(survivor, 'query', 'admin.crash.sessions', { userId: p.id }, { token: admin });
    expect((rounds.data as unknown as { id: string; status: string }[]).map((r) => [r.id, r.status])).toEqual([
      [bet.data.gameId, expect.stringMatching(/^(cashed|busted|expired)$/)],
    ]);
    const reconcile = await call(survivor, 'query', 'admin.economy.reconcile', undefined, { token: admin });
    expect(reconcile.data.violations).toEqual([]);
    if (real) {
      // A comes back and serves as before: an event caused on it reaches the stream on C.
      A = await start('A');
      const seen = tokenUpdates(heartbeat).length;
      expect((await call(A, 'mutation', 'games.slot.spin', { bet: 10 }, { token: player.token })).ok).toBe(true);
      await heartbeat.next(() => tokenUpdates(heartbeat).length > seen);
    }
  });

  it('open streams carry heartbeats', async () => {
    // In the embedded run the restart cut the first stream: open one on the restarted process.
    const s = real ? heartbeat : await live(A, player.token);
    await s.next((e) => e.event === 'ping', 20_000);
  });
});
