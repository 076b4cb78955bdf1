/**
 * The lean routes (routes.ts, call.ts, sse.ts) against the tRPC adapter they stand in for:
 * the same status, headers and bytes for the same request — queries and mutations alone or
 * as a batch of one, every kind of refusal; subscriptions' connected, tracked ids,
 * restore-id, return and serialized-error frames — which requests they hand to the adapter,
 * pings on silence, and the procedure's `finally` when the client goes away.
 */
import { initTRPC, TRPCError, tracked } from '@trpc/server';
import { type CreateFastifyContextOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { leanTrpcRoutes } from './routes';

type Ctx = { user: string | null };
const t = initTRPC.context<Ctx>().create({
  transformer: superjson,
  sse: { ping: { enabled: true, intervalMs: 60 }, client: { reconnectAfterInactivityMs: 1_000 } },
  errorFormatter: ({ shape, ctx }) => ({ ...shape, data: { ...shape.data, stack: undefined, who: ctx?.user ?? null } }),
});

let released: () => void = () => undefined;
const guard = t.middleware(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'who are you' });
  return next({ ctx: { user: ctx.user } });
});
const router = t.router({
  echo: t.procedure
    .input(z.object({ n: z.number(), at: z.date() }))
    .output(z.object({ n: z.number(), at: z.date(), tags: z.set(z.string()) }))
    .query(({ input }) => ({ ...input, tags: new Set(['a']) })),
  whoami: t.procedure.use(guard).query(({ ctx }) => ctx.user),
  bump: t.procedure
    .use(guard)
    .input(z.object({ by: z.number().int().positive() }))
    .mutation(({ input, ctx }) => ({ by: input.by, who: ctx.user })),
  touch: t.procedure.mutation(() => 'touched'),
  boom: t.procedure.mutation(() => {
    throw new Error('not for the client');
  }),
  badOutput: t.procedure.output(z.number()).query(() => 'text' as unknown as number),
  unserialisable: t.procedure.query(() => ({
    toJSON() {
      throw new Error('secret=hunter2');
    },
  })),
  nested: t.router({ deep: t.procedure.input(z.string().optional()).query(({ input }) => input ?? null) }),
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

/** `Bearer throw`: the context cannot be made; `Bearer wait`: it is made once `contextGate` opens. */
let contextGate: Promise<void> = Promise.resolve();
const createContext = async (authorization: string | undefined, params: Record<string, string | undefined> | null): Promise<Ctx> => {
  if (authorization === 'Bearer throw') throw new TRPCError({ code: 'UNAUTHORIZED', message: 'no context for you' });
  if (authorization === 'Bearer wait') await contextGate;
  return { user: authorization?.slice(7) ?? params?.token ?? null };
};

let adapter: FastifyInstance;
let lean: FastifyInstance;
let adapterUrl: string;
let leanUrl: string;
const handedOver: string[] = [];
const openStreams = new Map<string, number>();
let streamClosed: () => void = () => undefined;

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
  await lean.register(leanTrpcRoutes, {
    prefix: '/trpc',
    router,
    createContext: (req: FastifyRequest, params: Record<string, string | undefined> | null) =>
      createContext(req.headers.authorization, params),
    handedOver: (path: string) => handedOver.push(path),
    onStream: (path: string, delta: number) => {
      openStreams.set(path, (openStreams.get(path) ?? 0) + delta);
      if (delta < 0) streamClosed();
    },
  });
  // Batches of several calls never reach a lean route.
  await lean.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router,
      createContext: ({ req, info }: CreateFastifyContextOptions) => createContext(req.headers.authorization, info.connectionParams),
    },
  });
  adapterUrl = await adapter.listen({ port: 0, host: '127.0.0.1' });
  leanUrl = await lean.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await adapter.close();
  await lean.close();
});

const both = async (pathAndQuery: string, headers: Record<string, string> = {}, init: { method?: string; body?: string } = {}) => {
  const [a, b] = await Promise.all([
    fetch(`${adapterUrl}/trpc/${pathAndQuery}`, { headers, ...init }),
    fetch(`${leanUrl}/trpc/${pathAndQuery}`, { headers, ...init }),
  ]);
  const seen = (r: Response) => ({ status: r.status, type: r.headers.get('content-type'), vary: r.headers.get('vary') });
  return { adapter: { ...seen(a), body: await a.text() }, lean: { ...seen(b), body: await b.text() } };
};
const input = (json: unknown) => `input=${encodeURIComponent(JSON.stringify(superjson.serialize(json)))}`;
const json = { 'content-type': 'application/json' };
const sj = (v: unknown) => JSON.stringify(superjson.serialize(v));
const batchOf = (v: unknown) => JSON.stringify({ 0: superjson.serialize(v) });
const at = new Date('2026-01-02T03:04:05.678Z');
const bob = { ...json, authorization: 'Bearer bob' };

describe('query and mutation routes (lean)', () => {
  it.each([
    ['a query with transformed input and output', 'GET', `echo?${input({ n: 1, at })}`, {}, undefined],
    ['a query as a batch of one', 'GET', `echo?batch=1&input=${encodeURIComponent(batchOf({ n: 2, at }))}`, {}, undefined],
    ['a nested router’s query with optional input, none given', 'GET', 'nested.deep', {}, undefined],
    ['a nested router’s query, batch of one without input', 'GET', 'nested.deep?batch=1&input=%7B%7D', {}, undefined],
    ['input the schema refuses: 400 with the issues', 'GET', `echo?${input({ n: 'x', at })}`, {}, undefined],
    ['?input= that is not JSON: 400', 'GET', 'echo?input=%7Bnope', {}, undefined],
    ['a batch whose input is not an object: 400', 'GET', `echo?batch=1&input=${encodeURIComponent('"str"')}`, {}, undefined],
    ['an output the schema refuses: 500', 'GET', 'badOutput', {}, undefined],
    ['a refusing middleware: 401', 'GET', 'whoami', {}, undefined],
    ['a refusing middleware in a batch of one', 'GET', 'whoami?batch=1&input=%7B%7D', {}, undefined],
    ['the context from the request headers', 'GET', 'whoami', { authorization: 'Bearer ann' }, undefined],
    ['a mutation', 'POST', 'bump', bob, sj({ by: 2 })],
    ['a mutation as a batch of one (what httpBatchLink sends)', 'POST', 'bump?batch=1', bob, batchOf({ by: 3 })],
    ['a mutation the middleware refuses before reading input', 'POST', 'bump', json, '{nope'],
    ['a mutation with a body that is not JSON', 'POST', 'bump', bob, '{nope'],
    ['a mutation with input the schema refuses', 'POST', 'bump?batch=1', bob, batchOf({ by: -1 })],
    ['a mutation without input', 'POST', 'touch', json, '{}'],
    ['a throwing mutation: 500', 'POST', 'boom', json, '{}'],
    ['a mutation sent by GET: the adapter’s 405', 'GET', 'bump', {}, undefined],
    ['a query sent by POST: the adapter', 'POST', 'echo', json, sj({ n: 1, at })],
    ['a mutation as text/plain: handed to the adapter', 'POST', 'touch', { 'content-type': 'text/plain' }, '{}'],
    [
      'a streamed (jsonl) batch of one: handed to the adapter',
      'POST',
      'touch?batch=1',
      { ...json, 'trpc-accept': 'application/jsonl' },
      '{}',
    ],
    [
      'connectionParams on a call: handed to the adapter',
      'GET',
      `whoami?connectionParams=${encodeURIComponent('{"token":"cy"}')}`,
      {},
      undefined,
    ],
    ['?input=null: 400 (the transformer refuses it)', 'GET', 'echo?input=null', {}, undefined],
    ['a body of null: 400', 'POST', 'bump', bob, 'null'],
    ['a batch of one whose input is null: 400', 'POST', 'bump?batch=1', bob, '{"0":null}'],
    [
      'superjson meta that does not apply: 400',
      'GET',
      `echo?input=${encodeURIComponent('{"json":{"n":1},"meta":{"values":{"n":["nope"]}}}')}`,
      {},
      undefined,
    ],
    ['an empty ?input= counts as none', 'GET', 'nested.deep?input=', {}, undefined],
    ['an answer that cannot be serialised: a shaped 500, not Fastify’s', 'GET', 'unserialisable', {}, undefined],
    ['a context that cannot be made: its error', 'GET', 'whoami', { authorization: 'Bearer throw' }, undefined],
    ['a repeated ?input=: handed to the adapter', 'GET', `nested.deep?input=${encodeURIComponent('"a"')}&input=x`, {}, undefined],
    [
      'a GET with a form-data body type: handed to the adapter',
      'GET',
      'nested.deep',
      { 'content-type': 'multipart/form-data; boundary=x' },
      undefined,
    ],
    ['a batch of two: the adapter', 'GET', `echo,nested.deep?batch=1&input=${encodeURIComponent(batchOf({ n: 1, at }))}`, {}, undefined],
  ] as const)('answers as the adapter does: %s', async (name, method, pathAndQuery, headers, body) => {
    handedOver.length = 0;
    const { adapter: a, lean: b } = await both(pathAndQuery, headers, { method, ...(body === undefined ? {} : { body }) });
    expect(b).toEqual(a);
    expect(b.body.length).toBeGreaterThan(0);
    // What a lean route answers itself and what it hands over (requests without a lean route never reach one).
    expect(handedOver).toEqual(name.includes('handed to the adapter') ? [pathAndQuery.split('?')[0]] : []);
  });

  it('answers exactly what the typed client reads', async () => {
    const { lean: b } = await both(`echo?${input({ n: 7, at })}`);
    expect(b).toEqual({
      status: 200,
      type: 'application/json',
      vary: 'trpc-accept, accept',
      body: JSON.stringify({ result: { data: superjson.serialize({ n: 7, at, tags: new Set(['a']) }) } }),
    });
  });
});

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
    ['a context that cannot be made: connected, then serialized-error', 'guarded', { authorization: 'Bearer throw' }],
    ['a jsonl request: the adapter refuses it', 'plain', { accept: 'application/jsonl' }],
    ['an empty ?input= counts as none', 'plain?input=', {}],
  ])('answers as the adapter does: %s', async (_name, pathAndQuery, headers) => {
    const { adapter: a, lean: b } = await both(pathAndQuery, headers);
    // The adapter labels its JSON refusals text/plain; the lean route says application/json.
    if (a.status !== 200) expect(b.type === a.type || b.type === 'application/json; charset=utf-8').toBe(true);
    expect({ ...b, type: null, vary: null }).toEqual({ ...a, type: null, vary: null });
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

  it('ends the stream when the client left while its context was being made', async () => {
    let open!: () => void;
    contextGate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const ended = new Promise<void>((resolve) => {
      streamClosed = resolve;
    });
    const ac = new AbortController();
    const res = await fetch(`${leanUrl}/trpc/quiet`, { signal: ac.signal, headers: { authorization: 'Bearer wait' } });
    expect(res.status).toBe(200);
    expect(openStreams.get('quiet')).toBe(1);
    ac.abort();
    open();
    await ended;
    expect(openStreams.get('quiet')).toBe(0);
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
