/**
 * Test fixture: installs a game configuration as the next version directly in the table (as an
 * operator's SQL would), skipping the RTP band, so a test can force odds no admin could publish.
 */
import { gameConfigVersions } from '@casino/db';
import { gameConfigRtp, type TGameConfig, ZGameConfig } from '@casino/shared';
import type { Deps } from '../deps';
import { activeGameConfig, announceVersion } from '../services/game-config/cache';

export async function installGameConfig(deps: Deps, config: TGameConfig, reason = 'test fixture'): Promise<number> {
  const parsed = ZGameConfig.parse(config);
  const { version: active } = await activeGameConfig(deps);
  const version = active + 1;
  await deps.db.insert(gameConfigVersions).values({ version, config: parsed, rtp: gameConfigRtp(parsed), reason });
  await announceVersion(deps, version);
  return version;
}
