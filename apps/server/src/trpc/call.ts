/**
 * One query or mutation, or a batch of exactly one (what `httpBatchLink` sends for a lone
 * call), answered as the adapter's `resolveResponse` answers it: input from the body (POST)
 * or `?input=` (GET) through the transformer, the procedure with the request's context, and
 * `{ result: { data } }` or `{ error }` (the error formatter's shape) as JSON — an array for a
 * batch — with the status `getHTTPStatusCode` gives. Anything else goes to the adapter.
 */
import { TRPCError } from '@trpc/server';
import {
  getErrorShape,
  getHTTPStatusCode,
  getTRPCErrorFromUnknown,
  isObject,
  type TRPCResponse,
  transformTRPCResponse,
} from '@trpc/server/unstable-core-do-not-import';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LeanRoute } from './routes';

type Query = { input?: string; batch?: string; connectionParams?: string };

/** What the adapter would answer differently, or does not answer in JSON. */
function leaveToAdapter(req: FastifyRequest, query: Query): boolean {
  if (query.connectionParams !== undefined || (query.batch !== undefined && query.batch !== '1')) return true;
  const accept = req.headers['trpc-accept'] ?? req.headers.accept;
  if (typeof accept === 'string' && accept.includes('application/jsonl')) return true;
  if (req.method !== 'POST') return false;
  const type = req.headers['content-type']?.toLowerCase().split(';', 1)[0]?.trim();
  return type !== 'application/json' || typeof req.body !== 'string';
}

export async function serveCall(req: FastifyRequest, reply: FastifyReply, route: LeanRoute): Promise<void> {
  const query = req.query as Query;
  if (leaveToAdapter(req, query)) return route.adapter(req, reply);
  const { router, path, proc } = route;
  const config = router._def._config;
  const batch = query.batch === '1';
  const type = proc._def.type;

  let ctx: unknown;
  let parsed = false;
  let input: unknown;
  const getRawInput = async () => {
    let all: unknown;
    try {
      const text = req.method === 'GET' ? query.input : (req.body as string);
      all = text === undefined ? undefined : JSON.parse(text);
    } catch (cause) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: cause instanceof Error ? cause.message : 'Invalid input', cause });
    }
    if (batch && all !== undefined && !isObject(all))
      throw new TRPCError({ code: 'BAD_REQUEST', message: '"input" needs to be an object when doing a batch call' });
    const raw = batch ? (all as Record<string, unknown> | undefined)?.[0] : all;
    input = raw === undefined ? undefined : config.transformer.input.deserialize(raw);
    parsed = true;
    return input;
  };

  let res: TRPCResponse;
  try {
    ctx = await route.createContext(req, null);
    const data = await proc({ path, getRawInput, ctx, type, signal: undefined, batchIndex: 0 });
    res = { result: { data } };
  } catch (cause) {
    const error = getTRPCErrorFromUnknown(cause);
    route.onError({ error, path });
    res = { error: getErrorShape({ config, ctx, error, input: parsed ? input : undefined, path, type }) };
  }
  const status = getHTTPStatusCode(res);
  // A Buffer: Fastify would add `; charset=utf-8` to a string's JSON content type, the adapter does not.
  const body = JSON.stringify(transformTRPCResponse(config, batch ? [res] : res));
  return reply.code(status).headers({ vary: 'trpc-accept, accept', 'content-type': 'application/json' }).send(Buffer.from(body));
}
