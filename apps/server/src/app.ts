/**
 * Builds the HTTP host: tRPC at /trpc (batching + SSE), /health, /metrics and the
 * two SPAs. Real PostgreSQL/Redis when their URLs are set, else PGlite and the
 * in-process Redis roles (single instance).
 */
import { randomUUID } from 'node:crypto';
import {
  activeGameConfig,
  appRouter,
  backfillHandles,
  createInnerContext,
  createMemoryKv,
  createRedisKv,
  createSandboxGateway,
  type Deps,
  deviceIdFrom,
  EventBus,
  ensureDefaultInvite,
  ensureFraudDefaults,
  type Kv,
  seedBasicAccounts,
  seedCatalog,
  seedGameConfig,
  startCrashWorker,
  startLiveWorker,
  startPrincipalCache,
  startShopSweeper,
  startStreakRepair,
  startWebhookRetrier,
  systemClock,
} from '@casino/api';
import { createDb, type DbHandle, runMigrations } from '@casino/db';
import { DEVICE_ID_HEADER, MAX_BATCH_CALLS } from '@casino/shared';
import type { TRPCError } from '@trpc/server';
import { type CreateFastifyContextOptions, type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { DestinationStream } from 'pino';
import { bootstrapAdminFromEnv } from './bootstrap';
import { toApiConfig } from './config';
import type { Env } from './env';
import { serializeRequest } from './log-redact';
import { createMetrics } from './metrics';
import { registerSpas } from './spa';
import { leanTrpcRoutes } from './trpc/routes';
import { registerPaymentWebhooks } from './webhooks';

export type Server = { app: FastifyInstance; deps: Deps; db: DbHandle; close(): Promise<void> };

/** `logStream` receives the JSON log lines instead of stdout (tests read what would be logged). */
export async function buildServer(env: Env, opts: { kv?: Kv; logStream?: DestinationStream } = {}): Promise<Server> {
  const app = Fastify({
    logger: { level: env.LOG_LEVEL, serializers: { req: serializeRequest }, ...(opts.logStream ? { stream: opts.logStream } : {}) },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    routerOptions: { maxParamLength: 5000 },
    bodyLimit: 1_048_576,
    trustProxy: env.TRUST_PROXY,
    // Live streams never end by themselves: on close, cut them so clients reconnect (with their
    // last event id) to another instance instead of holding shutdown open.
    forceCloseConnections: true,
  });
  const logger = app.log as unknown as Deps['logger'];

  const db = await createDb({
    url: env.DATABASE_URL,
    dataDir: env.DATABASE_URL ? undefined : env.DATA_DIR,
    maxConnections: env.DATABASE_POOL_MAX,
  });
  if (db.kind === 'pglite') logger.info({ dataDir: env.DATA_DIR }, 'DATABASE_URL not set: using embedded PGlite');
  if (db.kind === 'pglite' || env.MIGRATE_ON_START) await runMigrations(db);

  const kv = opts.kv ?? (env.REDIS_URL ? createRedisKv(env.REDIS_URL, env.REDIS_KEY_PREFIX) : createMemoryKv());
  if (kv.kind === 'memory') logger.warn('REDIS_URL not set: using in-process Redis roles (single instance only)');

  const config = toApiConfig(env);
  const principals = await startPrincipalCache(db, logger);
  const deps: Deps = {
    db: db.db,
    kv,
    bus: new EventBus(db.db, kv, logger),
    clock: systemClock,
    config,
    logger,
    payments: createSandboxGateway(db.db),
    principals: principals.cache,
  };
  await ensureDefaultInvite(deps);
  await ensureFraudDefaults(deps);
  // Version 1 of the game configuration is the built-in defaults; then warm this instance's cache (and its subscription).
  await seedGameConfig(deps);
  await activeGameConfig(deps);
  await backfillHandles(deps);
  if (config.shop.seedCatalog) {
    const added = await seedCatalog(deps);
    if (added) logger.info({ added }, 'shop: starter catalog products added');
  }
  if (env.AUTO_SEED_BASIC) {
    const seeded = await seedBasicAccounts(deps);
    logger.info(seeded, 'AUTO_SEED_BASIC: seed accounts ensured (admin/123456, user001…user004/123455; password change forced)');
  }
  await bootstrapAdminFromEnv(deps, env);

  const metrics = createMetrics(kv, principals.cache);
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url?.startsWith('/trpc') ? '/trpc' : (req.routeOptions.url ?? 'unknown');
    metrics.httpDuration.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  const createContext = (req: FastifyRequest, connectionParams: Record<string, string | undefined> | null) => {
    const header = req.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7) : null;
    return createInnerContext({
      deps: { ...deps, logger: req.log as unknown as Deps['logger'] },
      accessToken: bearer ?? connectionParams?.token ?? null,
      meta: {
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
        deviceId: deviceIdFrom(req.headers[DEVICE_ID_HEADER]),
        requestId: String(req.id),
      },
    });
  };
  const onError = ({ path, error }: { path: string | undefined; error: TRPCError }) => {
    metrics.trpcErrors.inc({ path: path ?? 'unknown', code: error.code });
  };
  // Every procedure on its own lean route (trpc/routes.ts); batches of several calls through the adapter.
  await app.register(leanTrpcRoutes, {
    prefix: '/trpc',
    router: appRouter,
    createContext,
    onError,
    onStream: (path: string, delta: number) => metrics.sseStreams.inc({ path }, delta),
  });
  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      // A batch runs every call it names: without a cap one request could carry hundreds.
      maxBatchSize: MAX_BATCH_CALLS,
      createContext: ({ req, info }: CreateFastifyContextOptions) => createContext(req, info.connectionParams),
      onError,
    },
  } satisfies FastifyTRPCPluginOptions<typeof appRouter>);

  app.get('/health', async (_req, reply) => {
    const check = async (fn: () => Promise<unknown>) => {
      const t = performance.now();
      try {
        await fn();
        return { ok: true, ms: Math.round(performance.now() - t) };
      } catch (e) {
        return { ok: false, error: (e as Error).message };
      }
    };
    const [database, redis] = await Promise.all([check(() => deps.db.execute(sql`select 1`)), check(() => kv.ping())]);
    const ok = database.ok && redis.ok;
    return reply
      .code(ok ? 200 : 503)
      .send({ status: ok ? 'ok' : 'degraded', database: { ...database, kind: db.kind }, redis: { ...redis, kind: kv.kind } });
  });

  await registerPaymentWebhooks(app, deps);

  app.get('/metrics', async (_req, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));

  await registerSpas(app, env);

  // Settles crash rounds on time (auto-cashout, bust, expiry) without any client; safe on every instance.
  const crashWorker = startCrashWorker(deps);
  // Delivers live events that their request could not (Redis down, a process killed after commit).
  const relay = deps.bus.startRelay();
  // Settles cash purchases whose process died between authorize and capture; prunes old idempotency keys.
  const shopSweeper = startShopSweeper(deps);
  // Retries payment webhook events whose processing failed (backoff; FAILED after the last attempt).
  const webhookRetrier = startWebhookRetrier(deps);
  // Gives a daily-streak lock whose transaction never committed the tick it was taken for.
  const streakRepair = startStreakRepair(deps);
  // Due notification jobs (each run once), the admin feed scan, online samples and clean-ups.
  const liveWorker = startLiveWorker(deps);

  return {
    app,
    deps,
    db,
    async close() {
      await app.close();
      deps.bus.closeStreams();
      await Promise.all([
        crashWorker.stop(),
        relay.stop(),
        shopSweeper.stop(),
        webhookRetrier.stop(),
        streakRepair.stop(),
        liveWorker.stop(),
      ]);
      // Deliveries in flight finish, their outbox rows deleted, before Redis and the pool close.
      await deps.bus.idle();
      await kv.close();
      await principals.close();
      await db.close();
    },
  };
}
