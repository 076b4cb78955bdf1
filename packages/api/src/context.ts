/**
 * Two-layer context: createInnerContext is what tests and createCaller use;
 * the host builds the request part (token, ip, user agent, request id).
 */
import type { Deps } from './deps';
import type { AuthedUser } from './services/auth/authenticate';

export type RequestMeta = { ip: string | null; userAgent: string | null; requestId: string };

export type InnerContextOptions = {
  deps: Deps;
  accessToken?: string | null;
  meta?: Partial<RequestMeta>;
};

export function createInnerContext(opts: InnerContextOptions) {
  // Services take Deps (or a Pick of it, or a transaction); procedures pass ctx.deps.
  return {
    deps: opts.deps,
    accessToken: opts.accessToken ?? null,
    meta: {
      ip: opts.meta?.ip ?? null,
      userAgent: opts.meta?.userAgent ?? null,
      requestId: opts.meta?.requestId ?? 'internal',
    } satisfies RequestMeta,
    user: null as AuthedUser | null,
  };
}

export type Context = ReturnType<typeof createInnerContext>;
