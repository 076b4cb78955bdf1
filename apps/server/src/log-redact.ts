/**
 * Request logging without credentials. The SSE link carries the access token in the URL
 * (tRPC's connectionParams query parameter, since EventSource cannot send headers) and
 * Fastify logs every request URL: credential parameters are replaced, and anything shaped
 * like a JWT anywhere else in the URL is too.
 */
import type { FastifyRequest } from 'fastify';

const SECRET_PARAM = /token|password|secret|authorization|connectionparams/i;
const JWT = /eyJ[\w-]{2,}\.[\w-]{2,}\.[\w-]*/g;
export const REDACTED = 'REDACTED';

export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  let out = url;
  if (q >= 0) {
    const params = new URLSearchParams(url.slice(q + 1));
    const secret = [...new Set(params.keys())].filter((k) => SECRET_PARAM.test(k));
    for (const key of secret) params.set(key, REDACTED);
    if (secret.length) out = `${url.slice(0, q)}?${params}`;
  }
  return out.replace(JWT, REDACTED);
}

/** Fastify's default request serializer, with the URL redacted. */
export function serializeRequest(req: FastifyRequest) {
  return {
    method: req.method,
    url: redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}
