import { defaultGamesConfig, type GamesConfig } from './services/games/config';
import { defaultProgressionConfig, type ProgressionConfig } from './services/progression/config';

/** Runtime settings of the API, built from the environment by the host (apps/server/src/env.ts). */
export type ApiConfig = {
  nodeEnv: 'development' | 'test' | 'production';
  jwtSecret: string;
  jwtExpireMinutes: number;
  refreshTokenDays: number;
  loginMaxFailedAttempts: number;
  loginLockoutMinutes: number;
  /** Per-IP limit on login and signup attempts (per minute). */
  authRateLimitPerMinute: number;
  startingGold: number;
  startingGems: number;
  /** Open live streams (SSE subscriptions) allowed per session and per user, across instances. */
  liveStreams: { perSession: number; perUser: number };
  /** Unlimited invite code that exists outside production; null disables it. */
  defaultInviteCode: string | null;
  games: GamesConfig;
  progression: ProgressionConfig;
};

/** Everything but the signing secret, which the host supplies (there is deliberately no default). */
export const defaultApiConfig: Omit<ApiConfig, 'jwtSecret'> = {
  nodeEnv: 'development',
  jwtExpireMinutes: 30,
  refreshTokenDays: 14,
  loginMaxFailedAttempts: 5,
  loginLockoutMinutes: 10,
  authRateLimitPerMinute: 120,
  startingGold: 1000,
  startingGems: 0,
  liveStreams: { perSession: 5, perUser: 20 },
  defaultInviteCode: '5858',
  games: defaultGamesConfig,
  progression: defaultProgressionConfig,
};
