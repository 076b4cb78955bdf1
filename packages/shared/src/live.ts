/**
 * The live layer's API shapes: notifications (inbox, admin send/broadcast/schedule),
 * global metrics, admin stats with the onStats stream, and the action log. Inputs are
 * checked here so the SPAs and the server refuse the same things.
 */
import { z } from 'zod';
import { ZAdminAlert, ZAdminTransaction } from './live-events';
import { ZText, ZUserId } from './schemas';

/** Free-form JSON from a client: strings without control characters (PostgreSQL's jsonb refuses NUL), finite numbers. */
export type TJsonValue = string | number | boolean | null | TJsonValue[] | { [key: string]: TJsonValue };
const MAX_JSON_DEPTH = 6;
export const ZJsonValue: z.ZodType<TJsonValue> = z.lazy(() =>
  z.union([
    ZText.max(2000),
    z.number().finite(),
    z.boolean(),
    z.null(),
    z.array(ZJsonValue).max(100),
    z.record(ZText.min(1).max(64), ZJsonValue),
  ]),
);
const depthOf = (v: unknown): number =>
  v && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v as Record<string, unknown>).map(depthOf)) : 0;
/** A JSON object of at most `maxBytes` (UTF-8) and MAX_JSON_DEPTH levels. */
export const ZJsonObject = (maxBytes: number) =>
  z
    .record(ZText.min(1).max(64), ZJsonValue)
    .refine((o) => depthOf(o) <= MAX_JSON_DEPTH, `nested at most ${MAX_JSON_DEPTH} levels deep`)
    .refine((o) => new TextEncoder().encode(JSON.stringify(o)).length <= maxBytes, `at most ${maxBytes} bytes`);

/** Text that may span lines (a notification body): no control characters but the line feed. */
export const ZMultilineText = z.string().regex(/^(?:[^\p{Cc}]|\n)*$/u, 'control characters are not allowed');

// ---------------------------------------------------------------- notifications

export const NOTIFICATION_KINDS = ['notification', 'ADMIN_NOTIFICATION', 'ADMIN_BROADCAST'] as const;
export const ZNotificationKind = z.enum(NOTIFICATION_KINDS);
export const NOTIFICATION_JOB_STATUSES = ['scheduled', 'running', 'sent', 'cancelled'] as const;
export const ZNotificationJobStatus = z.enum(NOTIFICATION_JOB_STATUSES);

/** Extra data of a notification, e.g. `{ link: '/shop' }` for what it is about (the inbox links to it). */
export const ZNotificationData = ZJsonObject(4096);
export const ZNotificationTitle = ZText.trim().min(1).max(120);
export const ZNotificationBody = ZMultilineText.trim().min(1).max(2000);
/** Days a notification stays in the inbox; absent = no expiry. */
export const ZNotificationTtlDays = z.number().int().min(1).max(365);
export const ZNotificationId = z.uuid();

const notificationFields = {
  title: ZNotificationTitle,
  body: ZNotificationBody,
  data: ZNotificationData.optional(),
  ttlDays: ZNotificationTtlDays.optional(),
};
export const ZNotificationSendInput = z.object({ userId: ZUserId, ...notificationFields });
export const ZNotificationBroadcastInput = z.object(notificationFields);
export const ZNotificationScheduleInput = z.object({ userId: ZUserId.optional(), sendAt: z.coerce.date(), ...notificationFields });
export type TNotificationSendInput = z.infer<typeof ZNotificationSendInput>;
export type TNotificationBroadcastInput = z.infer<typeof ZNotificationBroadcastInput>;
export type TNotificationScheduleInput = z.infer<typeof ZNotificationScheduleInput>;

export const ZNotificationItem = z.object({
  id: z.string(),
  type: ZNotificationKind,
  title: z.string(),
  body: z.string(),
  data: z.record(z.string(), z.unknown()).nullable(),
  read: z.boolean(),
  readAt: z.date().nullable(),
  createdAt: z.date(),
  expiresAt: z.date().nullable(),
});
export type TNotificationItem = z.infer<typeof ZNotificationItem>;
export const ZNotificationPage = z.object({
  items: z.array(ZNotificationItem),
  nextCursor: z.string().nullable(),
  unread: z.number().int(),
});

export const ZNotificationJob = z.object({
  id: z.string(),
  kind: z.enum(['send', 'broadcast']),
  userId: z.number().nullable(),
  title: z.string(),
  body: z.string(),
  data: z.record(z.string(), z.unknown()).nullable(),
  ttlDays: z.number().nullable(),
  sendAt: z.date(),
  status: ZNotificationJobStatus,
  recipients: z.number().int(),
  /** Times an instance claimed it: 1 unless a process died running it. */
  attempts: z.number().int(),
  createdBy: z.number(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  cancelledAt: z.date().nullable(),
});
export type TNotificationJob = z.infer<typeof ZNotificationJob>;

// ---------------------------------------------------------------- metrics and stats

/** Seconds between ticks of onGlobal / onStats. */
export const ZTickSeconds = z.number().int().min(2).max(30).default(5);

export const ZGlobalMetrics = z.object({
  onlineUsers: z.number().int(),
  spinsLastHour: z.number().int(),
  bigWinsLastHour: z.number().int(),
  generatedAt: z.date(),
});
export type TGlobalMetrics = z.infer<typeof ZGlobalMetrics>;

/** An IANA time zone name such as `Europe/Berlin` (checked by the server: unknown → time_zone_invalid). */
export const ZTimeZone = ZText.trim().min(1).max(64).default('UTC');

export const ALERT_SEVERITIES = ['critical', 'warning'] as const;
export const ZAlertSummary = z.object({
  source: z.string(),
  severity: z.enum(ALERT_SEVERITIES),
  title: z.string(),
  count: z.number().int(),
});

export const ZAdminStats = z.object({
  totalUsers: z.number().int(),
  /** Players seen in the last 24 hours. */
  activeUsers: z.number().int(),
  /** Players seen in the last 5 minutes. */
  onlineUsers: z.number().int(),
  /** Completed cash purchases, in cents (refunded ones excluded). */
  totalRevenue: z.number().int(),
  /** The same since midnight in `timeZone`. */
  todayRevenue: z.number().int(),
  timeZone: z.string(),
  /** Items waiting for an admin: fraud decisions to review and failed webhook events to replay. */
  pendingActions: z.number().int(),
  criticalAlerts: z.number().int(),
  alerts: z.array(ZAlertSummary),
  generatedAt: z.date(),
});
export type TAdminStats = z.infer<typeof ZAdminStats>;

export const ZAdminCharts = z.object({
  /** Rounds of every game per minute over the last hour, oldest first. */
  spinsPerMinute: z.array(z.object({ at: z.date(), count: z.number().int() })),
  /** Completed cash purchases per local day (`timeZone`) over the last `days` days, oldest first. */
  revenueByDay: z.array(z.object({ day: z.string(), cents: z.number().int() })),
  /** Players online as sampled by the stats computation (every ~5 s), oldest first. */
  online: z.array(z.object({ at: z.date(), count: z.number().int() })),
  timeZone: z.string(),
  generatedAt: z.date(),
});
export type TAdminCharts = z.infer<typeof ZAdminCharts>;

/**
 * admin.stats.onStats: `stats` every tick (untracked), `alert` and `transaction` from the admin
 * feed, tracked by their stream id so a reconnect resumes after the last one.
 */
export const ZAdminStatsEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('stats'), data: ZAdminStats }),
  z.object({ type: z.literal('alert'), data: ZAdminAlert, at: z.string() }),
  z.object({ type: z.literal('transaction'), data: ZAdminTransaction, at: z.string() }),
]);
export type TAdminStatsEvent = z.infer<typeof ZAdminStatsEvent>;

// ---------------------------------------------------------------- action log

export const MAX_ACTIONS_PER_BATCH = 50;
export const MAX_ACTION_BATCH_BYTES = 32 * 1024;
/** `page_view`, `game_action`, or any other lower-case name an analytics reader understands. */
export const ZActionType = ZText.regex(/^[a-z][a-z0-9_.:-]{0,63}$/, 'action type: lower-case letters, digits, _ . : -, up to 64');
export const ZAction = z.object({
  type: ZActionType,
  /** What it was about: a route for a page view, an action name for a game action. */
  name: ZText.trim().max(128).optional(),
  payload: ZJsonObject(8192).optional(),
  /** When it happened on the client (kept only when plausible). */
  at: z.coerce.date().optional(),
});
export type TAction = z.infer<typeof ZAction>;
export const ZActionBatch = z.object({ actions: z.array(ZAction).min(1).max(MAX_ACTIONS_PER_BATCH) });
