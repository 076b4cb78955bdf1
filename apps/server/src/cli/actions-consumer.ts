/**
 * `pnpm actions:consume [--group analytics] [--consumer <name>] [--once]`: an example analytics
 * consumer of the action log's Redis stream. It joins a consumer group (created at the start
 * of the stream the first time), redoes its own unacknowledged entries after a crash, then
 * reads new ones, tallying page views by route and actions by type; it prints a JSON summary
 * every 10 s and at the end. `--once` stops when the stream has nothing new (cron, tests).
 * Several consumers with one group share the entries; another group reads them all again.
 */
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { consumeOnce, createRedisKv, type StreamedAction } from '@casino/api';
import { cliEnv } from './deps';

const { values } = parseArgs({
  options: {
    group: { type: 'string', default: 'analytics' },
    consumer: { type: 'string', default: `${hostname()}-${process.pid}` },
    once: { type: 'boolean', default: false },
  },
});
const env = cliEnv();
if (!env.REDIS_URL) {
  process.stderr.write(
    'actions:consume needs REDIS_URL: the action stream lives in Redis (the embedded mode keeps it in the server process)\n',
  );
  process.exit(2);
}
const kv = createRedisKv(env.REDIS_URL, env.REDIS_KEY_PREFIX);
const byType: Record<string, number> = {};
const pageViews: Record<string, number> = {};
let handled = 0;
const tally = async (actions: StreamedAction[]) => {
  for (const a of actions) {
    handled++;
    byType[a.type] = (byType[a.type] ?? 0) + 1;
    if (a.type === 'page_view' && a.name) pageViews[a.name] = (pageViews[a.name] ?? 0) + 1;
  }
};
const report = () =>
  process.stdout.write(`${JSON.stringify({ group: values.group, consumer: values.consumer, handled, byType, pageViews })}\n`);

const stop = new AbortController();
process.on('SIGINT', () => stop.abort());
process.on('SIGTERM', () => stop.abort());
const timer = setInterval(report, 10_000);
try {
  while (!stop.signal.aborted) {
    const n = await consumeOnce(kv, { group: values.group, consumer: values.consumer, count: 500, handle: tally });
    if (n > 0) continue;
    if (values.once) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
} finally {
  clearInterval(timer);
  report();
  await kv.close();
}
