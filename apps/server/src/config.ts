import { type ApiConfig, defaultApiConfig } from '@casino/api';
import type { Env } from './env';
import { resolveJwtSecret } from './jwt-secret';

export function toApiConfig(env: Env): ApiConfig {
  return {
    nodeEnv: env.NODE_ENV,
    jwtSecret: resolveJwtSecret(env),
    jwtExpireMinutes: env.JWT_EXPIRE_MINUTES,
    refreshTokenDays: env.REFRESH_TOKEN_DAYS,
    loginMaxFailedAttempts: env.LOGIN_MAX_FAILED_ATTEMPTS,
    loginLockoutMinutes: env.LOGIN_LOCKOUT_MINUTES,
    authRateLimitPerMinute: env.AUTH_RATE_LIMIT_PER_MINUTE,
    startingGold: env.SIGNUP_STARTING_GOLD,
    startingGems: env.SIGNUP_STARTING_GEMS,
    defaultInviteCode: env.NODE_ENV === 'production' ? null : env.DEFAULT_INVITE_CODE || null,
    liveStreams: defaultApiConfig.liveStreams,
    games: defaultApiConfig.games,
    shop: defaultApiConfig.shop,
    payments: { ...defaultApiConfig.payments, webhookKeys: env.PAYMENT_WEBHOOK_KEYS ?? defaultApiConfig.payments.webhookKeys },
    progression: {
      ...defaultApiConfig.progression,
      hourlyBonus: {
        floorGold: env.HOURLY_BONUS_FLOOR_GOLD,
        amountGold: env.HOURLY_BONUS_AMOUNT_GOLD,
        periodMs: env.HOURLY_BONUS_PERIOD_MINUTES * 60_000,
      },
    },
    live: { ...defaultApiConfig.live, bigWinThresholdGold: env.BIG_WIN_THRESHOLD_GOLD, largePurchaseCents: env.LARGE_PURCHASE_CENTS },
    adminSecurity: {
      ...defaultApiConfig.adminSecurity,
      totpRequired: env.ADMIN_TOTP_REQUIRED,
      totpKey: env.ADMIN_TOTP_KEY ?? null,
      supportGrantCap: { gold: env.ADMIN_SUPPORT_GRANT_CAP_GOLD, gems: env.ADMIN_SUPPORT_GRANT_CAP_GEMS },
      fourEyesThreshold:
        env.ADMIN_FOUR_EYES_THRESHOLD_GOLD || env.ADMIN_FOUR_EYES_THRESHOLD_GEMS
          ? {
              gold: env.ADMIN_FOUR_EYES_THRESHOLD_GOLD || Number.MAX_SAFE_INTEGER,
              gems: env.ADMIN_FOUR_EYES_THRESHOLD_GEMS || Number.MAX_SAFE_INTEGER,
            }
          : null,
    },
  };
}
