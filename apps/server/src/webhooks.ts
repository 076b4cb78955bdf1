/**
 * POST /webhooks/payments: the gateway's signed events. The signature covers the exact bytes
 * sent, so this route reads the body raw (its own content-type parser, in its own scope) and
 * hands those bytes to the API's receivePaymentWebhook; nothing is parsed before verification.
 */
import { type Deps, receivePaymentWebhook, WEBHOOK_SIGNATURE_HEADER } from '@casino/api';
import type { FastifyInstance } from 'fastify';

/** Webhook bodies are small JSON documents. */
export const WEBHOOK_BODY_LIMIT = 64 * 1024;

export async function registerPaymentWebhooks(app: FastifyInstance, deps: Deps): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_req, body, done) => done(null, body));
    // Body-level refusals by Fastify (too large, bad length) answer in the route's own shape.
    scope.setErrorHandler(async (err, req, reply) => {
      const status = (err as { statusCode?: number }).statusCode ?? 500;
      if (status >= 400 && status < 500) return reply.code(status).send({ error: status === 413 ? 'body_too_large' : 'malformed_body' });
      req.log.error({ err }, 'payment webhook failed');
      return reply.code(503).send({ error: 'service_unavailable' });
    });
    scope.post('/webhooks/payments', async (req, reply) => {
      const header = req.headers[WEBHOOK_SIGNATURE_HEADER];
      const answer = await receivePaymentWebhook(
        { ...deps, logger: req.log as unknown as Deps['logger'] },
        { signature: typeof header === 'string' ? header : undefined, rawBody: Buffer.isBuffer(req.body) ? req.body : undefined },
      );
      return reply.code(answer.status).send(answer.body);
    });
  });
}
