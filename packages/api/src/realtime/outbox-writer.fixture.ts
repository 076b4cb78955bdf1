/**
 * Test fixture (outbox.test.ts): a process that credits one user in a loop through the
 * real money path and prints the ledger id of every token_update its own stream
 * receives, until it is killed with SIGKILL. Args: userId; env DATABASE_URL or
 * FIXTURE_DATA_DIR, REDIS_URL + FIXTURE_KV_PREFIX.
 */
import { createDb } from '@casino/db';
import { inTransaction } from '../deps';
import { createMemoryKv } from '../infra/kv-memory';
import { createRedisKv } from '../infra/kv-redis';
import { silentLogger } from '../infra/logger';
import { applyChange } from '../services/wallet/wallet';
import { EventBus } from './bus';

const userId = Number(process.argv[2]);
const prefix = process.env.FIXTURE_KV_PREFIX ?? '';
const handle = await createDb({ url: process.env.DATABASE_URL, dataDir: process.env.FIXTURE_DATA_DIR, maxConnections: 4 });
const kv = process.env.REDIS_URL ? createRedisKv(process.env.REDIS_URL, prefix) : createMemoryKv(prefix);
const bus = new EventBus(handle.db, kv, silentLogger);

void (async () => {
  for await (const ev of bus.stream(userId, { onReady: () => process.stdout.write('ready\n') })) {
    // Pipes are written synchronously on Linux: a printed line survives SIGKILL.
    if (ev.type === 'token_update') process.stdout.write(`delivered ${String(ev.data.ledgerId)}\n`);
  }
})();

for (;;) {
  await inTransaction({ db: handle.db, bus }, (tx, outbox) =>
    applyChange(tx, outbox, { userId, currency: 'gold', delta: 1, reason: 'kill_test' }),
  );
}
