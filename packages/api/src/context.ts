/**
 * Two-layer context: createInnerContext is what tests and createCaller use;
 * the host builds the request part (token, ip, user agent, request id).
 */
import { DEVICE_ID_PATTERN } from '@casino/shared';
import type { Deps } from './deps';
import type { AuthedUser } from './services/auth/authenticate';

/** deviceId: the client's `x-device-id` header when well-formed (deviceIdFrom), else null; a fraud feature. */
export type RequestMeta = { ip: string | null; userAgent: string | null; deviceId: string | null; requestId: string };

/** The device id a header carries: printable, 8–128 characters; anything else counts as none. */
export function deviceIdFrom(header: unknown): string | null {
  return typeof header === 'string' && DEVICE_ID_PATTERN.test(header) ? header : null;
}

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
      deviceId: opts.meta?.deviceId ?? null,
      requestId: opts.meta?.requestId ?? 'internal',
    } satisfies RequestMeta,
    user: null as AuthedUser | null,
  };
}

export type Context = ReturnType<typeof createInnerContext>;
