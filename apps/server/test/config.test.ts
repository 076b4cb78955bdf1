/** One source of defaults: an unset environment gives exactly the API's defaults (issue 7 #10). */
import { defaultApiConfig } from '@casino/api';
import { describe, expect, it } from 'vitest';
import { toApiConfig } from '../src/config';
import { parseEnv } from '../src/env';

describe('environment defaults', () => {
  it('parseEnv with nothing set, through toApiConfig, is defaultApiConfig', () => {
    // Only the signing secret has no default (on purpose); give one so no secret file is written.
    const jwtSecret = 's'.repeat(32);
    expect(toApiConfig(parseEnv({ JWT_SECRET: jwtSecret }))).toEqual({ ...defaultApiConfig, jwtSecret });
  });

  it('each variable still overrides its default', () => {
    const config = toApiConfig(parseEnv({ JWT_SECRET: 's'.repeat(32), LOGIN_MAX_FAILED_ATTEMPTS: '7', SIGNUP_STARTING_GOLD: '5' }));
    expect(config).toMatchObject({ loginMaxFailedAttempts: 7, startingGold: 5 });
    expect(defaultApiConfig.loginMaxFailedAttempts).not.toBe(7);
  });
});
