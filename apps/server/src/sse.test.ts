/**
 * The lean subscription routes (sse.ts) against the tRPC adapter they stand in for: the same
 * bytes for the same procedure (connected, tracked ids, restore-id, return, serialized-error,
 * the JSON refusals before a stream), pings on silence, and the procedure's `finally` when
 * the client goes away.
 */
import { initTRPC, TRPCError, tracked } from '@trpc/server';
import { type CreateFastifyContextOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { registerSubscriptionRoutes } from './sse';

type Ctx = { user: string | null };
const t = initTRPC.context<Ctx>().create({
  transformer: superjson,
  sse: { ping: { enabled: true, intervalMs: 60 }, client: { reconnectAfterInactivityMs: 1_000 } },
  errorFormatter: ({ shape, ctx }) => ({ ...shape, data: { ...shape.data, stack: undefined, who: ctx?.user ?? null } }),
});

let released: () => void = () => undefined;
const router = t.router({
  feed: t.procedure.input(z.object({ from: z.number().int(), lastEventId: z.string().nullish() })).subscription(async function* ({
    input,
  }) {
    yield tracked(String(input.from), { at: new Date(0), resumedAfter: input.lastEventId ?? null });
    yield { untracked: true };
    yield tracked(String(input.from + 1), 'second');
  }),
  plain: t.procedure.subscription(async function* () {
    yield 1;
    yield new Map([['a', 1]]);
  }),
  failing: t.procedure.subscription(async function* () {
    yield tracked('7', 'before');
    throw new TRPCError({ code: 'FORBIDDEN', message: 'not any more' });
  }),
  guarded: t.procedure
    .use(({ ctx, next }) => {
      if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'who are you' });
      return next();
    })
    .subscription(async function* () {
      yield 'in';
    }),
  quiet: t.procedure.subscription(async function* ({ signal }) {
    try {
      yield 'hello';
      await new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve()));
    } finally {
      released();
    }
  }),
});

const createContext = (authorization: string | undefined, params: Record<string, string | undefined> | null): Ctx => ({
  user: authorization?.slice(7) ?? params?.token ?? null,
});

let adapter: FastifyInstance;
let lean: FastifyInstance;
let adapterUrl: string;
let leanUrl: string;

beforeAll(async () => {
  adapter = Fastify();
  await adapter.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router,
      createContext: ({ req, info }: CreateFastifyContextOptions) => createContext(req.headers.authorization, info.connectionParams),
    },
  });
  lean = Fastify();
  registerSubscriptionRoutes(lean, {
    router,
    prefix: '/trpc',
    createContext: (req, params) => createContext(req.headers.authorization, params),
  });
  await lean.register(fastifyTRPCPlugin, { prefix: '/trpc', trpcOptions: { router, createContext: () => ({ user: null }) } });
  adapterUrl = await adapter.listen({ port: 0, host: '127.0.0.1' });
  leanUrl = await lean.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await adapter.close();
  await lean.close();
});

const both = async (pathAndQuery: string, headers: Record<string, string> = {}) => {
  const [a, b] = await Promise.all([
    fetch(`${adapterUrl}/trpc/${pathAndQuery}`, { headers }),
    fetch(`${leanUrl}/trpc/${pathAndQuery}`, { headers }),
  ]);
  return {
    adapter: { status: a.status, type: a.headers.get('content-type'), body: await a.text() },
    lean: { status: b.status, type: b.headers.get('content-type'), body: await b.text() },
  };
};
const input = (json: unknown) => `input=${encodeURIComponent(JSON.stringify(superjson.serialize(json)))}`;

describe('subscription routes (lean SSE)', () => {
  it.each([
    ['tracked and untracked values, resumed from a Last-Event-ID header', `feed?${input({ from: 3 })}`, { 'last-event-id': '2' }],
    ['resumed from the lastEventId query parameter', `feed?${input({ from: 10 })}&lastEventId=9`, {}],
    ['values a transformer must carry (Map) without ids', 'plain', {}],
    ['an error thrown after a value: serialized-error, no return', 'failing', {}],
    ['a refusing middleware: connected, then serialized-error', 'guarded', {}],
    ['a token from connectionParams reaches the context', `guarded?connectionParams=${encodeURIComponent('{"token":"ann"}')}`, {}],
    ['input that is not JSON: a BAD_REQUEST serialized-error', 'feed?input=%7Bnope', {}],
    ['input the schema refuses: a BAD_REQUEST serialized-error', `feed?${input({ from: 'x' })}`, {}],
    ['connectionParams that are not JSON: a JSON 400 before any stream', 'guarded?connectionParams=%7B', {}],
    ['connectionParams with a non-string value: a JSON 400', `guarded?connectionParams=${encodeURIComponent('{"token":1}')}`, {}],
  ])('answers as the adapter does: %s', async (_name, pathAndQuery, headers) => {
    const { adapter: a, lean: b } = await both(pathAndQuery, headers);
    // The adapter labels its JSON refusals text/plain; the lean route says application/json.
    if (a.status !== 200) expect([a.type, b.type]).toEqual(['text/plain;charset=UTF-8', 'application/json; charset=utf-8']);
    expect({ ...b, type: null }).toEqual({ ...a, type: null });
    if (a.status === 200) expect(b.type).toBe(a.type);
    expect(b.body.length).toBeGreaterThan(0);
  });

  it('sends exactly the frames of the SSE protocol tRPC clients read', async () => {
    const { lean: b } = await both(`feed?${input({ from: 3 })}`, { 'last-event-id': '2' });
    expect(b.status).toBe(200);
    expect(b.type).toBe('text/event-stream');
    const first = superjson.serialize({ at: new Date(0), resumedAfter: '2' });
    expect(b.body).toBe(
      'event: connected\ndata: {"reconnectAfterInactivityMs":1000}\n\n\n' +
        `data: ${JSON.stringify(first)}\nid: 3\n\n\n` +
        `data: ${JSON.stringify(superjson.serialize({ untracked: true }))}\nid: \n\n\n` +
        'event: restore-id\ndata: \nid: 3\n\n\n' +
        `data: ${JSON.stringify(superjson.serialize('second'))}\nid: 4\n\n\n` +
        'event: return\ndata: \n\n\n',
    );
  });

  it('pings a silent stream and ends the procedure (its finally) when the client leaves', async () => {
    const finished = new Promise<void>((resolve) => {
      released = resolve;
    });
    const ac = new AbortController();
    const res = await fetch(`${leanUrl}/trpc/quiet`, { signal: ac.signal });
    const reader = res.body?.pipeThrough(new TextDecoderStream()).getReader();
    let seen = '';
    while (!seen.includes('event: ping')) {
      const chunk = await reader?.read();
      if (!chunk || chunk.done) throw new Error(`stream ended before a ping: ${seen}`);
      seen += chunk.value;
    }
    expect(seen).toContain(`data: ${JSON.stringify(superjson.serialize('hello'))}`);
    ac.abort();
    await finished;
  });

  it('leaves batches and POSTs to the adapter', async () => {
    const batch = await fetch(`${leanUrl}/trpc/plain?batch=1&input=${encodeURIComponent('{}')}`);
    expect(batch.status).toBe(400);
    expect(await batch.text()).toContain('Cannot batch subscription calls');
    const post = await fetch(`${leanUrl}/trpc/plain`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const viaAdapter = await fetch(`${adapterUrl}/trpc/plain`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect({ status: post.status, body: await post.text() }).toEqual({ status: viaAdapter.status, body: await viaAdapter.text() });
  });
});
