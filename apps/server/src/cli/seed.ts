/**
 * `pnpm db:seed`: applies migrations, then creates the development seed accounts
 * (admin / user001…user004, password change forced) and the dev invite code.
 * Uses DATABASE_URL / REDIS_URL like the server, or the embedded defaults.
 */
import { ensureDefaultInvite, seedBasicAccounts } from '@casino/api';
import { openCliDeps } from './deps';

const { deps, close } = await openCliDeps();
await ensureDefaultInvite(deps);
const result = await seedBasicAccounts(deps);
await close();
process.stdout.write(
  `seed accounts created: ${result.created.join(', ') || 'none'}; already present: ${result.existing.join(', ') || 'none'}\n`,
);
