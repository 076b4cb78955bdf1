/**
 * Server-to-server example: a batch job grants a reward to a player through the
 * admin API with the typed client. Idempotent: re-running with the same --key
 * grants once.
 *
 *   pnpm tsx packages/client/src/examples/grant-reward.ts \
 *     --url http://localhost:3000 --admin admin --password '…' \
 *     --player user001 --currency gold --amount 500 --reason "tournament prize" --key prize-2026-11-22
 */
import { parseArgs } from 'node:util';
import { createNodeClient, memoryTokenStore } from '../node';

export type GrantOptions = {
  url: string;
  admin: string;
  password: string;
  player: string;
  currency: 'gold' | 'gems';
  amount: number;
  reason: string;
  key: string;
};

export async function grantReward(o: GrantOptions) {
  const tokens = memoryTokenStore();
  const client = createNodeClient({ baseUrl: o.url, tokens });
  tokens.set(await client.auth.login.mutate({ siteId: o.admin, password: o.password }));
  const found = await client.admin.users.list.query({ search: o.player, limit: 20 });
  const player = found.items.find((u) => u.siteId === o.player.toLowerCase());
  if (!player) throw new Error(`no player with siteId ${o.player}`);
  const res = await client.admin.users.adjustBalance.mutate({
    userId: player.id,
    currency: o.currency,
    delta: o.amount,
    reason: o.reason,
    idempotencyKey: o.key,
  });
  await client.auth.logout.mutate();
  return { userId: player.id, ...res };
}

const isMain = process.argv[1]?.endsWith('grant-reward.ts');
if (isMain) {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: 'http://localhost:3000' },
      admin: { type: 'string', default: 'admin' },
      password: { type: 'string' },
      player: { type: 'string' },
      currency: { type: 'string', default: 'gold' },
      amount: { type: 'string' },
      reason: { type: 'string', default: 'reward' },
      key: { type: 'string' },
    },
  });
  if (!values.password || !values.player || !values.amount || !values.key) {
    process.stderr.write(
      'usage: grant-reward --password P --player SITE_ID --amount N --key IDEMPOTENCY_KEY [--currency gold|gems] [--reason R] [--url U]\n',
    );
    process.exit(2);
  }
  grantReward({
    url: values.url,
    admin: values.admin,
    password: values.password,
    player: values.player,
    currency: values.currency === 'gems' ? 'gems' : 'gold',
    amount: Number(values.amount),
    reason: values.reason,
    key: values.key,
  }).then(
    (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
    (e: unknown) => {
      process.stderr.write(`${(e as Error).message}\n`);
      process.exit(1);
    },
  );
}
