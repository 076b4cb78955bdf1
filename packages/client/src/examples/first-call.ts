/**
 * A first call with the typed client (the README's example): sign up with an invite code,
 * or log in, then read the profile. Inputs and outputs are typed from the server's router;
 * superjson brings dates back as Date.
 *
 *   pnpm tsx packages/client/src/examples/first-call.ts --url http://localhost:3000 \
 *     --site-id bob --password 'correct-horse-2' [--invite 5858 --nickname Bob]
 */
import { parseArgs } from 'node:util';
import { createNodeClient, memoryTokenStore } from '../node';

export type FirstCallOptions = { url: string; siteId: string; password: string; invite?: { code: string; nickname: string } };

export async function firstCall(o: FirstCallOptions) {
  const tokens = memoryTokenStore();
  const client = createNodeClient({ baseUrl: o.url, tokens });
  const session = o.invite
    ? await client.auth.signup.mutate({ siteId: o.siteId, nickname: o.invite.nickname, password: o.password, inviteCode: o.invite.code })
    : await client.auth.login.mutate({ siteId: o.siteId, password: o.password });
  tokens.set(session); // later calls carry the access token and refresh it when it expires
  const me = await client.auth.me.query();
  const balance = await client.economy.wallet.balance.query();
  await client.auth.logout.mutate({ refreshToken: session.refreshToken });
  return { me, balance };
}

if (process.argv[1]?.endsWith('first-call.ts')) {
  const { values: v } = parseArgs({
    options: {
      url: { type: 'string', default: 'http://localhost:3000' },
      'site-id': { type: 'string' },
      password: { type: 'string' },
      invite: { type: 'string' },
      nickname: { type: 'string' },
    },
  });
  if (!v['site-id'] || !v.password || (v.invite && !v.nickname)) {
    process.stderr.write('usage: first-call --site-id ID --password P [--invite CODE --nickname N] [--url U]\n');
    process.exit(2);
  }
  const invite = v.invite && v.nickname ? { code: v.invite, nickname: v.nickname } : undefined;
  const { me, balance } = await firstCall({ url: v.url, siteId: v['site-id'], password: v.password, ...(invite ? { invite } : {}) });
  process.stdout.write(
    `${me.nickname} (#${me.id}, ${me.role}) since ${me.createdAt.toISOString()}: ${balance.gold} gold, ${balance.gems} gems\n`,
  );
}
