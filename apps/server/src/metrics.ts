/** Prometheus metrics (prom-client): process defaults plus HTTP and tRPC timings. */
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const trpcErrors = new Counter({
    name: 'trpc_errors_total',
    help: 'tRPC errors by path and code',
    labelNames: ['path', 'code'] as const,
    registers: [registry],
  });
  return { registry, httpDuration, trpcErrors };
}
export type Metrics = ReturnType<typeof createMetrics>;
