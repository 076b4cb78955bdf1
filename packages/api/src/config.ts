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
  shop: ShopConfig;
  payments: PaymentsConfig;
  progression: ProgressionConfig;
  live: LiveConfig;
  adminSecurity: AdminSecurityConfig;
};

export type AdminSecurityConfig = {
  /** Staff (support, admin) without an active TOTP factor may only reach the enrolment procedures. */
  totpRequired: boolean;
  /** The issuer shown in authenticator apps. */
  totpIssuer: string;
  /** Key (≥ 32 characters) sealing TOTP secrets at rest; null derives one from the JWT secret. */
  totpKey: string | null;
  /** A login's second-factor challenge lives this long. */
  challengeTtlSeconds: number;
  /** Wrong codes per staff account within `codeFailureWindowMinutes` before codes are refused for the window. */
  maxCodeFailures: number;
  codeFailureWindowMinutes: number;
  /** The most gold / gems one grant by a support account may give. */
  supportGrantCap: { gold: number; gems: number };
  /** Grants above these totals wait for a second admin's approval; null turns four-eyes off. */
  fourEyesThreshold: { gold: number; gems: number } | null;
};

export type LiveConfig = {
  /** A round paying at least this much gold is a big win (global metrics, the admin feed). */
  bigWinThresholdGold: number;
  /** A cash purchase of at least this many cents shows in the admin feed. */
  largePurchaseCents: number;
  /** Recipients per transaction of a broadcast (each batch: its notification rows and their outbox events). */
  broadcastBatch: number;
  /** Global metrics and admin stats are computed at most once per this period across all instances. */
  statsPeriodMs: number;
};

export type ShopConfig = {
  /** How long a limited package's stock stays reserved for a buyer who has not finished. */
  reservationTtlMs: number;
  /** A purchase still pending/authorized after this is repaired by the sweeper (void or complete). */
  staleAfterMs: number;
  /** How long a request waits for another in flight under the same idempotency key. */
  idempotencyWaitMs: number;
  /** Seed the starter catalog at start (idempotent; never overwrites admin edits). */
  seedCatalog: boolean;
};

export type WebhookKey = { kid: string; secret: string };

export type PaymentsConfig = {
  /** Keys accepted on POST /webhooks/payments; two at once during a rotation. */
  webhookKeys: WebhookKey[];
  /** Allowed clock skew of the signature timestamp, seconds. */
  webhookToleranceSec: number;
  /**
   * Delivered (or replayed) webhook events are kept this long, then pruned by the shop sweeper.
   * Safe to forget them: a redelivery needs a fresh signature, and providers stop retrying
   * after days (Stripe: 3), well inside this window.
   */
  webhookRetentionDays: number;
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
  shop: { reservationTtlMs: 120_000, staleAfterMs: 60_000, idempotencyWaitMs: 15_000, seedCatalog: true },
  payments: { webhookKeys: [{ kid: 'dev', secret: 'dev-webhook-secret' }], webhookToleranceSec: 300, webhookRetentionDays: 30 },
  progression: defaultProgressionConfig,
  live: { bigWinThresholdGold: 1000, largePurchaseCents: 5000, broadcastBatch: 1000, statsPeriodMs: 5000 },
  adminSecurity: {
    totpRequired: false,
    totpIssuer: 'Casino-Club',
    totpKey: null,
    challengeTtlSeconds: 300,
    maxCodeFailures: 5,
    codeFailureWindowMinutes: 10,
    supportGrantCap: { gold: 10_000, gems: 100 },
    fourEyesThreshold: { gold: 100_000, gems: 1_000 },
  },
};
