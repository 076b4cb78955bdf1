/**
 * Reading a call's input the way the adapter does (`jsonContentTypeHandler` in @trpc/server's
 * contentType.ts): lazily and once; JSON, then the transformer; a batch's inputs are an object
 * keyed by index; anything that fails on the way is BAD_REQUEST with its message.
 */
import { type AnyTRPCRouter, TRPCError } from '@trpc/server';
import { isObject } from '@trpc/server/unstable-core-do-not-import';
import type { FastifyRequest } from 'fastify';

export type InputReader = { read(): Promise<unknown> /** The input once read (for error shapes), else undefined. */; result(): unknown };

/** `text`: a GET's `?input=` (empty counts as none) or a POST's body. */
export function inputReader(router: AnyTRPCRouter, text: string | undefined, batch: boolean): InputReader {
  const { transformer } = router._def._config;
  let state: { ok: true; value: unknown } | { ok: false; error: TRPCError } | null = null;
  const parse = (): unknown => {
    const all: unknown = text === undefined ? undefined : JSON.parse(text);
    if (all === undefined) return undefined;
    if (!batch) return transformer.input.deserialize(all);
    if (!isObject(all)) throw new TRPCError({ code: 'BAD_REQUEST', message: '"input" needs to be an object when doing a batch call' });
    return all[0] === undefined ? undefined : transformer.input.deserialize(all[0]);
  };
  return {
    async read() {
      if (!state) {
        try {
          state = { ok: true, value: parse() };
        } catch (cause) {
          const error =
            cause instanceof TRPCError
              ? cause
              : new TRPCError({ code: 'BAD_REQUEST', message: cause instanceof Error ? cause.message : 'Invalid input', cause });
          state = { ok: false, error };
        }
      }
      if (!state.ok) throw state.error;
      return state.value;
    },
    result: () => (state?.ok ? state.value : undefined),
  };
}

/** A query parameter given once, or undefined; `false` when it was repeated (the adapter takes the first, Fastify an array). */
export function single(query: Record<string, unknown>, name: string): string | undefined | false {
  const v = query[name];
  return v === undefined || typeof v === 'string' ? v : false;
}

/** A GET whose content type the adapter would read as something other than JSON. */
export function nonJsonBody(req: FastifyRequest): boolean {
  const type = req.headers['content-type']?.toLowerCase().split(';', 1)[0]?.trim();
  return type !== undefined && type !== 'application/json';
}
