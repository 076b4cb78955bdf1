/**
 * Prometheus metrics (prom-client): process defaults plus HTTP and tRPC timings, and the
 * round trips this process made: PostgreSQL statements and Redis commands (counted by
 * @casino/db and the Redis Kv as plain integers, read here at scrape time only).
 */
import { type Kv, type PrincipalCache, redisCommands, sharedComputations } from '@casino/api';
import { dbStatements } from '@casino/db';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export function createMetrics(kv?: Kv, principals?: PrincipalCache) {
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
  const sseStreams = new Gauge({
    name: 'casino_sse_streams',
    help: 'Open subscription streams (SSE) on this instance, by procedure',
    labelNames: ['path'] as const,
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
  // Counters fed from a process-wide integer: each scrape adds what it grew by since the last one.
  const fromTotal = (name: string, help: string, read: () => number) => {
    let seen = 0;
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        const now = read();
        this.inc(Math.max(0, now - seen));
        seen = now;
      },
    });
  };
  fromTotal(
    'casino_db_statements_total',
    'Statements sent to PostgreSQL (queries, BEGIN, COMMIT) by this process',
    () => dbStatements.count,
  );
  fromTotal('casino_redis_commands_total', 'Commands sent to Redis on the command connection by this process', () => redisCommands.count);
  if (principals) {
    fromTotal(
      'casino_principal_cache_hits_total',
      'Signed-in calls answered from the principal cache (no lookup)',
      () => principals.stats.hits,
    );
    fromTotal('casino_principal_cache_misses_total', 'Signed-in calls that looked their principal up', () => principals.stats.misses);
    fromTotal(
      'casino_principal_cache_invalidations_total',
      'Users dropped from the principal cache (notifications, local changes)',
      () => principals.stats.invalidations,
    );
  }
  return { registry, httpDuration, trpcErrors, sseStreams };
}
export type Metrics = ReturnType<typeof createMetrics>;
