/**
 * One query or mutation, or a batch of exactly one (what `httpBatchLink` sends for a lone
 * call), answered as the adapter's `resolveResponse` answers it: input from the body (POST)
 * or `?input=` (GET) through the transformer, the procedure with the request's context, and
 * `{ result: { data } }` or `{ error }` (the error formatter's shape) as JSON — an array for a
 * batch — with the status `getHTTPStatusCode` gives. Anything else goes to the adapter.
 */
import {
  getErrorShape,
  getHTTPStatusCode,
  getTRPCErrorFromUnknown,
  type TRPCResponse,
  transformTRPCResponse,
} from '@trpc/server/unstable-core-do-not-import';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { inputReader, nonJsonBody, single } from './input';
import type { LeanRoute } from './routes';

/** The request's `?input=`, `?batch=` — or null when the adapter would answer it differently, or not in JSON. */
function plainCall(req: FastifyRequest): { input: string | undefined; batch: boolean } | null {
  const query = req.query as Record<string, unknown>;
  const input = single(query, 'input');
  const batch = single(query, 'batch');
  if (input === false || batch === false || (batch !== undefined && batch !== '1') || query.connectionParams !== undefined) return null;
  const accept = req.headers['trpc-accept'] ?? req.headers.accept;
  if (typeof accept === 'string' && accept.includes('application/jsonl')) return null;
  if (req.method === 'GET') return nonJsonBody(req) ? null : { input: input || undefined, batch: batch === '1' };
  const type = req.headers['content-type']?.toLowerCase().split(';', 1)[0]?.trim();
  return type === 'application/json' && typeof req.body === 'string' ? { input: req.body, batch: batch === '1' } : null;
}

export async function serveCall(req: FastifyRequest, reply: FastifyReply, route: LeanRoute): Promise<void> {
  const call = plainCall(req);
  if (!call) return route.adapter(req, reply);
  const { router, path, proc } = route;
  const config = router._def._config;
  const type = proc._def.type;
  const input = inputReader(router, call.input, call.batch);

  let ctx: unknown;
  const failed = (cause: unknown, at: string | undefined): TRPCResponse => {
    const error = getTRPCErrorFromUnknown(cause);
    route.onError({ error, path });
    return { error: getErrorShape({ config, ctx, error, input: input.result(), path: at, type }) };
  };
  let res: TRPCResponse;
  try {
    ctx = await route.createContext(req, null);
    res = { result: { data: await proc({ path, getRawInput: input.read, ctx, type, signal: undefined, batchIndex: 0 }) } };
  } catch (cause) {
    res = failed(cause, path);
  }
  let body: string;
  try {
    body = JSON.stringify(transformTRPCResponse(config, call.batch ? [res] : res));
  } catch (cause) {
    // An answer that cannot be serialised is the server's error, shaped (and hidden) as any other
    // — without a path, as the adapter's last resort does.
    res = failed(cause, undefined);
    body = JSON.stringify(transformTRPCResponse(config, call.batch ? [res] : res));
  }
  // A Buffer: Fastify would add `; charset=utf-8` to a string's JSON content type, the adapter does not.
  return reply
    .code(getHTTPStatusCode(res))
    .headers({ vary: 'trpc-accept, accept', 'content-type': 'application/json' })
    .send(Buffer.from(body));
}
