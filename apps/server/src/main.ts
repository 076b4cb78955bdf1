/** Entry point: validate env, build, listen, and shut down cleanly on SIGINT/SIGTERM. */
import { SEED_ACCOUNTS } from '@casino/api';
import { buildServer } from './app';
import { EnvError, parseEnv } from './env';

async function main() {
  let env: ReturnType<typeof parseEnv>;
  try {
    env = parseEnv();
  } catch (e) {
    if (e instanceof EnvError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const server = await buildServer(env);
  const address = await server.app.listen({ port: env.PORT, host: env.HOST });
  const url = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
  server.app.log.info(
    { url, admin: `${url}/admin/`, seedAccounts: env.AUTO_SEED_BASIC ? SEED_ACCOUNTS.map((a) => `${a.siteId}/${a.password}`) : undefined },
    `Casino-Club is running at ${url} (admin at ${url}/admin/)`,
  );

  if (process.stdout.isTTY) {
    // The JSON log line above says the same for machines; this is for the person who ran `pnpm app`.
    const seeds = env.AUTO_SEED_BASIC ? '\n  seed accounts: admin / 123456 (admin), user001…user004 / 123455 — change at first login' : '';
    process.stdout.write(
      `\n  Casino-Club  ${url}\n  admin        ${url}/admin/\n  invite code  ${env.DEFAULT_INVITE_CODE || '(none)'}${seeds}\n\n`,
    );
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    server.app.log.info({ signal }, 'shutting down');
    // Open streams are cut, not awaited (app.ts forceCloseConnections): closing takes well under this.
    const timer = setTimeout(() => process.exit(1), 5_000);
    timer.unref();
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

void main();
