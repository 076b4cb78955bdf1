/** BOOTSTRAP_ADMIN_* at start: the first admin of a deployment, once; see services/auth/bootstrap-admin.ts. */
import { type CreateAdminResult, createAdmin, type Deps } from '@casino/api';
import type { Env } from './env';

export async function bootstrapAdminFromEnv(deps: Deps, env: Env): Promise<CreateAdminResult | null> {
  const siteId = env.BOOTSTRAP_ADMIN_SITE_ID;
  const password = env.BOOTSTRAP_ADMIN_PASSWORD;
  if (!siteId || !password) return null;
  const result = await createAdmin(deps, { siteId, password }, { onlyIfNoAdmin: true });
  const log = deps.logger;
  if (result.status === 'created')
    log.warn({ siteId }, 'BOOTSTRAP_ADMIN: admin created; log in at /admin/ to set a new password, then unset BOOTSTRAP_ADMIN_*');
  else if (result.status === 'admin_exists') log.info({ siteId }, 'BOOTSTRAP_ADMIN ignored: an admin exists (unset BOOTSTRAP_ADMIN_*)');
  else log.error({ siteId }, 'BOOTSTRAP_ADMIN refused: that siteId or nickname belongs to an existing account, which was left unchanged');
  return result;
}
