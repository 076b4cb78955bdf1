DROP TABLE IF EXISTS "battlepass_claims";
--> statement-breakpoint
DROP TABLE IF EXISTS "battlepass_progress";
--> statement-breakpoint
DROP TABLE IF EXISTS "battlepass_seasons";
--> statement-breakpoint
DROP TABLE IF EXISTS "event_participations";
--> statement-breakpoint
DROP TABLE IF EXISTS "events";
--> statement-breakpoint
DROP TABLE IF EXISTS "mission_progress";
--> statement-breakpoint
DROP TABLE IF EXISTS "missions";
--> statement-breakpoint
DROP TABLE IF EXISTS "hourly_bonus";
--> statement-breakpoint
DROP TABLE IF EXISTS "streak_ticks";
--> statement-breakpoint
DROP TABLE IF EXISTS "streaks";
--> statement-breakpoint
DROP TABLE IF EXISTS "reward_batches";
--> statement-breakpoint
DROP TABLE IF EXISTS "rewards";
--> statement-breakpoint
DROP TYPE IF EXISTS "public"."battlepass_track";
--> statement-breakpoint
DROP TYPE IF EXISTS "public"."event_type";
--> statement-breakpoint
DROP TYPE IF EXISTS "public"."mission_period";
