DROP TABLE IF EXISTS "notifications";
--> statement-breakpoint
DROP TABLE IF EXISTS "notification_jobs";
--> statement-breakpoint
DROP TABLE IF EXISTS "action_log";
--> statement-breakpoint
DROP TYPE IF EXISTS "public"."notification_kind";
--> statement-breakpoint
DROP TYPE IF EXISTS "public"."notification_job_status";
--> statement-breakpoint
DROP TYPE IF EXISTS "public"."notification_job_kind";
