/** The server's environment, validated once at start; a bad value stops it with a clear message. */
import { adminPasswordProblem, defaultApiConfig } from '@casino/api';
import { ZSiteId } from '@casino/shared';
import { z } from 'zod';

/** The API's defaults are the one source: a default changed there is the server's default too. */
const d = defaultApiConfig;

const bool = z
  .enum(['0', '1', 'true', 'false', ''])
  .default('0')
  .transform((v) => v === '1' || v === 'true');
const optionalUrl = (schemes: string[]) =>
  z
    .string()
    .trim()
    .transform((v) => v || undefined)
    .pipe(z.url({ protocol: new RegExp(`^(${schemes.join('|')})$`) }).optional())
    .optional();

export const ZEnv = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default(d.nodeEnv),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
    REDIS_URL: optionalUrl(['redis', 'rediss']),
    /** Prefix of every Redis key and channel (deployments or test runs sharing one Redis). */
    REDIS_KEY_PREFIX: z
      .string()
      .trim()
      .regex(/^[\w:.-]{0,64}$/, 'letters, digits and _ : . - only')
      .default(''),
    /**
     * PostgreSQL connections this instance holds at most. Few: past about two per database core,
     * more connections only add contention — `pnpm bench games` (2 cores, PostgreSQL on the same
     * machine): 8 → 571–782 spins/s at 1.18–1.52 ms of PostgreSQL CPU per spin, 32 → 373–478
     * spins/s at 1.92–2.39 ms. Crash bets take at most three quarters of it (crash/gate.ts).
     */
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).default(8),
    /** PGlite folder used when DATABASE_URL is absent. */
    DATA_DIR: z.string().default('.data/pglite'),
    JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
    JWT_EXPIRE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(d.jwtExpireMinutes),
    REFRESH_TOKEN_DAYS: z.coerce.number().int().min(1).max(90).default(d.refreshTokenDays),
    LOGIN_MAX_FAILED_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(d.loginMaxFailedAttempts),
    LOGIN_LOCKOUT_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(d.loginLockoutMinutes),
    AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(d.authRateLimitPerMinute),
    SIGNUP_STARTING_GOLD: z.coerce.number().int().min(0).default(d.startingGold),
    SIGNUP_STARTING_GEMS: z.coerce.number().int().min(0).default(d.startingGems),
    /** The hourly refill (SPEC §8): players below the floor may claim the amount once per period. */
    HOURLY_BONUS_FLOOR_GOLD: z.coerce.number().int().min(0).default(d.progression.hourlyBonus.floorGold),
    HOURLY_BONUS_AMOUNT_GOLD: z.coerce.number().int().min(1).max(1_000_000_000).default(d.progression.hourlyBonus.amountGold),
    HOURLY_BONUS_PERIOD_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(d.progression.hourlyBonus.periodMs / 60_000),
    DEFAULT_INVITE_CODE: z
      .string()
      .trim()
      .default(d.defaultInviteCode ?? ''),
    AUTO_SEED_BASIC: bool,
    /** A round paying at least this much gold counts as a big win (global metrics, admin feed). */
    BIG_WIN_THRESHOLD_GOLD: z.coerce.number().int().min(1).default(d.live.bigWinThresholdGold),
    /** Cash purchases of at least this many cents appear in the admin feed. */
    LARGE_PURCHASE_CENTS: z.coerce.number().int().min(1).default(d.live.largePurchaseCents),
    /** Staff without TOTP may only enrol (set it in production once every admin can enrol). */
    ADMIN_TOTP_REQUIRED: bool,
    /** Seals TOTP secrets at rest; unset derives a key from the JWT secret (rotating that then needs re-enrolment). */
    ADMIN_TOTP_KEY: z
      .string()
      .transform((v) => v || undefined)
      .pipe(z.string().min(32, 'at least 32 characters').optional())
      .optional(),
    /** The most gold / gems one grant by a support account may give. */
    ADMIN_SUPPORT_GRANT_CAP_GOLD: z.coerce.number().int().min(0).default(d.adminSecurity.supportGrantCap.gold),
    ADMIN_SUPPORT_GRANT_CAP_GEMS: z.coerce.number().int().min(0).default(d.adminSecurity.supportGrantCap.gems),
    /** Grants above these totals need a second admin's approval; 0 turns four-eyes off. */
    ADMIN_FOUR_EYES_THRESHOLD_GOLD: z.coerce
      .number()
      .int()
      .min(0)
      .default(d.adminSecurity.fourEyesThreshold?.gold ?? 0),
    ADMIN_FOUR_EYES_THRESHOLD_GEMS: z.coerce
      .number()
      .int()
      .min(0)
      .default(d.adminSecurity.fourEyesThreshold?.gems ?? 0),
    /** Trust X-Forwarded-For (only behind a proxy you run): per-IP limits key on the client address it gives. */
    TRUST_PROXY: bool,
    MIGRATE_ON_START: bool,
    /** Creates this admin at start while no admin exists (the way into production); ignored afterwards. */
    BOOTSTRAP_ADMIN_SITE_ID: z
      .string()
      .trim()
      .transform((v) => v || undefined)
      .pipe(ZSiteId.optional())
      .optional(),
    BOOTSTRAP_ADMIN_PASSWORD: z
      .string()
      .transform((v) => v || undefined)
      .optional(),
    /** `kid:secret[,kid:secret]` — the keys webhooks are signed with (two during a rotation). */
    PAYMENT_WEBHOOK_KEYS: z
      .string()
      .trim()
      .default('')
      .transform((v, ctx) => {
        if (!v) return undefined;
        const keys = v.split(',').map((pair) => {
          const i = pair.indexOf(':');
          return { kid: pair.slice(0, i).trim(), secret: pair.slice(i + 1).trim() };
        });
        if (keys.some((k) => !k.kid || k.secret.length < 16)) {
          ctx.addIssue({ code: 'custom', message: 'expected kid:secret pairs separated by commas, each secret at least 16 characters' });
          return z.NEVER;
        }
        return keys;
      }),
    WEB_DIST: z.string().optional(),
    ADMIN_DIST: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    const bootstrap = { site: env.BOOTSTRAP_ADMIN_SITE_ID, password: env.BOOTSTRAP_ADMIN_PASSWORD };
    if (!bootstrap.site !== !bootstrap.password) {
      const missing = bootstrap.site ? 'BOOTSTRAP_ADMIN_PASSWORD' : 'BOOTSTRAP_ADMIN_SITE_ID';
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message: 'set both BOOTSTRAP_ADMIN_SITE_ID and BOOTSTRAP_ADMIN_PASSWORD, or neither',
      });
    }
    const weak = bootstrap.password && adminPasswordProblem(bootstrap.password, env.NODE_ENV);
    if (weak) ctx.addIssue({ code: 'custom', path: ['BOOTSTRAP_ADMIN_PASSWORD'], message: weak });
    if (env.NODE_ENV !== 'production') return;
    if (!env.JWT_SECRET) ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'required in production' });
    if (env.DEFAULT_INVITE_CODE) {
      ctx.addIssue({
        code: 'custom',
        path: ['DEFAULT_INVITE_CODE'],
        message: 'production refuses a fixed well-known invite code; set it to an empty string',
      });
    }
    if (env.AUTO_SEED_BASIC)
      ctx.addIssue({ code: 'custom', path: ['AUTO_SEED_BASIC'], message: 'seed accounts are refused in production' });
    if (!env.DATABASE_URL) ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'required in production' });
    if (!env.REDIS_URL) ctx.addIssue({ code: 'custom', path: ['REDIS_URL'], message: 'required in production' });
    if (!env.PAYMENT_WEBHOOK_KEYS)
      ctx.addIssue({ code: 'custom', path: ['PAYMENT_WEBHOOK_KEYS'], message: 'required in production (the dev key is well known)' });
  });

export type Env = z.infer<typeof ZEnv>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const res = ZEnv.safeParse(source);
  if (!res.success) {
    const lines = res.error.issues.map((i) => `  - ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join('\n')}`);
  }
  return res.data;
}
