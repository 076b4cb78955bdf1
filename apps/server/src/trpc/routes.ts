/**
 * The tRPC router on lean routes: `GET <prefix>/<path>` for every query and subscription and
 * `POST <prefix>/<path>` for every mutation, each served by its own small handler (call.ts,
 * sse.ts) that runs the procedure exactly as the adapter does — same context, middlewares,
 * input and output parsing, error shapes and wire format, which routes.test.ts compares byte
 * for byte — without the adapter's per-request fetch `Request`/`Response`, `Headers` and
 * web streams. In a slot spin those were a fifth of the server's CPU; in 1,000 ticking crash
 * streams a sixth, and most of each stream's heap (`pnpm bench games`).
 *
 * A static route wins over the adapter's `<prefix>/:path`, so what the lean handlers do not
 * take — batches of several calls, streamed (jsonl) batches, form data, a query sent by POST
 * — still reaches the adapter, and a lean handler hands anything unusual to it as well.
 *
 * Supported: the router's transformer, error formatter and `sse` ping/client options. Not
 * carried over (none is used here; add them to both before using them): the adapter's
 * `responseMeta`, `allowMethodOverride`, `batching`, `sse.enabled`, `sse.maxDurationMs`, and
 * subscriptions that return observables rather than async generators.
 */
import type { AnyTRPCRouter, TRPCError } from '@trpc/server';
import { type FastifyHandlerOptions, fastifyRequestHandler } from '@trpc/server/adapters/fastify';
import type { AnyProcedure } from '@trpc/server/unstable-core-do-not-import';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { serveCall } from './call';
import { serveSubscription } from './sse';

export type ConnectionParams = Record<string, string | undefined> | null;

export type LeanRoutesOptions<TRouter extends AnyTRPCRouter> = {
  router: TRouter;
  createContext(req: FastifyRequest, connectionParams: ConnectionParams): Promise<unknown> | unknown;
  onError?(opts: { error: TRPCError; path: string | undefined }): void;
  /** Called when a lean route hands a request to the adapter (tests see which one answered). */
  handedOver?(path: string): void;
  /** +1 when a subscription's stream opens, -1 once it has ended and its procedure finished (a gauge). */
  onStream?(path: string, delta: 1 | -1): void;
};

export type LeanRoute = {
  router: AnyTRPCRouter;
  path: string;
  proc: AnyProcedure;
  createContext: LeanRoutesOptions<AnyTRPCRouter>['createContext'];
  onError: NonNullable<LeanRoutesOptions<AnyTRPCRouter>['onError']>;
  onStream: NonNullable<LeanRoutesOptions<AnyTRPCRouter>['onStream']>;
  /** The adapter, for what a lean handler leaves to it. */
  adapter(req: FastifyRequest, reply: FastifyReply): Promise<void>;
};

/** Register with a prefix (`app.register(leanTrpcRoutes, { prefix: '/trpc', ... })`), beside the adapter's plugin. */
export async function leanTrpcRoutes<TRouter extends AnyTRPCRouter>(scope: FastifyInstance, opts: LeanRoutesOptions<TRouter>) {
  // The adapter's body parsing, in this scope too: JSON as a string (parsed by the handler,
  // so bad JSON gets tRPC's error, not Fastify's), form data passed through.
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  scope.removeContentTypeParser('multipart/form-data');
  scope.addContentTypeParser('multipart/form-data', {}, (_req, body, done) => done(null, body));

  const adapterOptions = {
    router: opts.router,
    createContext: ({ req, info }) => opts.createContext(req, info.connectionParams),
    onError: ({ error, path }) => opts.onError?.({ error, path }),
  } satisfies FastifyHandlerOptions<AnyTRPCRouter, FastifyRequest, FastifyReply>;
  const procedures = opts.router._def.procedures as Record<string, AnyProcedure>;
  for (const [path, proc] of Object.entries(procedures)) {
    const route: LeanRoute = {
      router: opts.router,
      path,
      proc,
      createContext: opts.createContext,
      onError: opts.onError ?? (() => undefined),
      onStream: opts.onStream ?? (() => undefined),
      adapter: (req, reply) => {
        opts.handedOver?.(path);
        return fastifyRequestHandler({ ...adapterOptions, req, res: reply, path });
      },
    };
    const type = proc._def.type;
    if (type === 'subscription') scope.get(`/${path}`, { exposeHeadRoute: false }, (req, reply) => serveSubscription(req, reply, route));
    else
      scope.route({
        method: type === 'query' ? 'GET' : 'POST',
        url: `/${path}`,
        exposeHeadRoute: false,
        handler: (req, reply) => serveCall(req, reply, route),
      });
  }
}
