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
    const live = toApiConfig(parseEnv({ JWT_SECRET: 's'.repeat(32), BIG_WIN_THRESHOLD_GOLD: '250', LARGE_PURCHASE_CENTS: '999' })).live;
    expect(live).toMatchObject({ bigWinThresholdGold: 250, largePurchaseCents: 999 });
    expect(defaultApiConfig.live.bigWinThresholdGold).toBe(1000);
  });

  it('refuses a malformed threshold or Redis key prefix', () => {
    expect(() => parseEnv({ BIG_WIN_THRESHOLD_GOLD: '0' })).toThrow(/BIG_WIN_THRESHOLD_GOLD/);
    expect(() => parseEnv({ BIG_WIN_THRESHOLD_GOLD: 'lots' })).toThrow(/BIG_WIN_THRESHOLD_GOLD/);
    expect(() => parseEnv({ REDIS_KEY_PREFIX: 'a b' })).toThrow(/REDIS_KEY_PREFIX/);
    expect(parseEnv({ REDIS_KEY_PREFIX: 'blue:' }).REDIS_KEY_PREFIX).toBe('blue:');
  });
});
