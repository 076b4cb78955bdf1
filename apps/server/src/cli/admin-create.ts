/**
 * `pnpm admin:create <siteId>`: creates an admin account — the way into a deployment without
 * seed accounts or invite codes (production; in the container: `docker compose exec server
 * pnpm admin:create <siteId>`). The password comes from ADMIN_PASSWORD, else from stdin: asked
 * twice without echo on a terminal, the first line otherwise. At least 12 characters in
 * production; the first login asks for a new one. An existing account is never changed.
 * Uses DATABASE_URL like the server (or the PGlite folder), migrations applied first.
 */
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { adminPasswordProblem, createAdmin } from '@casino/api';
import { ZSiteId } from '@casino/shared';
import { cliEnv, openCliDeps } from './deps';

const USAGE = 'usage: pnpm admin:create <siteId>   (password from ADMIN_PASSWORD or stdin)';

function fail(message: string): never {
  process.stderr.write(`admin:create: ${message}\n`);
  process.exit(1);
}

/** A terminal prompt that does not echo what is typed. */
async function askHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  // Raw mode swallows Ctrl-C; without this the prompt would just pause.
  rl.on('SIGINT', () => {
    process.stdout.write('\n');
    process.exit(130);
  });
  try {
    process.stdout.write(question);
    muted = true;
    return await rl.question('');
  } finally {
    muted = false;
    process.stdout.write('\n');
    rl.close();
  }
}

async function readFirstLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text.split(/\r?\n/)[0] ?? '';
}

async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  if (!process.stdin.isTTY) return readFirstLine();
  const password = await askHidden('Password: ');
  if ((await askHidden('Again: ')) !== password) fail('the two passwords differ');
  return password;
}

const { positionals, values } = parseArgs({ allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const siteId = ZSiteId.safeParse(positionals[0] ?? '');
if (positionals.length !== 1 || !siteId.success) fail(`${siteId.error?.issues[0]?.message ?? 'one siteId'}\n${USAGE}`);

const env = cliEnv();
// Asked before the database opens, so a refusal or Ctrl-C leaves nothing half done.
const password = await readPassword();
const weak = adminPasswordProblem(password, env.NODE_ENV);
if (weak) fail(`the password ${weak}`);

const { deps, close } = await openCliDeps(env);
const result = await createAdmin(deps, { siteId: siteId.data, password }).finally(close);
if (result.status !== 'created') fail(`"${result.siteId}" is taken (siteId or nickname of an existing account); nothing changed`);
process.stdout.write(`admin "${result.siteId}" created (id ${result.userId}); the first login at /admin/ asks for a new password\n`);
