/** Prometheus metrics (prom-client): process defaults plus HTTP and tRPC timings. */
import { type Kv, sharedComputations } from '@casino/api';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export function createMetrics(kv?: Kv) {
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
  // How often this instance computed a cluster-wide cached value (global metrics, admin stats):
  // summed over the instances it is at most one per period.
  new Gauge({
    name: 'casino_shared_value_computations',
    help: 'Computations of cluster-wide cached values by this instance, by key',
    labelNames: ['key'] as const,
    registers: [registry],
    collect() {
      if (!kv) return;
      for (const [key, n] of Object.entries(sharedComputations(kv))) this.set({ key }, n);
    },
  });
  return { registry, httpDuration, trpcErrors };
}
export type Metrics = ReturnType<typeof createMetrics>;
