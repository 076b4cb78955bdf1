CREATE TYPE "public"."battlepass_track" AS ENUM('free', 'premium');--> statement-breakpoint
CREATE TYPE "public"."event_type" AS ENUM('daily', 'weekly', 'special');--> statement-breakpoint
CREATE TYPE "public"."mission_period" AS ENUM('daily', 'weekly', 'once');--> statement-breakpoint
CREATE TABLE "battlepass_claims" (
	"user_id" integer NOT NULL,
	"season_id" integer NOT NULL,
	"level" integer NOT NULL,
	"track" "battlepass_track" NOT NULL,
	"reward_id" bigint NOT NULL,
	"claimed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "battlepass_claims_user_id_season_id_level_track_pk" PRIMARY KEY("user_id","season_id","level","track")
);
--> statement-breakpoint
CREATE TABLE "battlepass_progress" (
	"user_id" integer NOT NULL,
	"season_id" integer NOT NULL,
	"xp" integer DEFAULT 0 NOT NULL,
	"premium" boolean DEFAULT false NOT NULL,
	"premium_source" text,
	"premium_ref" text,
	"premium_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "battlepass_progress_user_id_season_id_pk" PRIMARY KEY("user_id","season_id"),
	CONSTRAINT "battlepass_progress_xp_nonneg" CHECK ("battlepass_progress"."xp" >= 0)
);
--> statement-breakpoint
CREATE TABLE "battlepass_seasons" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"max_level" integer NOT NULL,
	"xp_per_level" integer NOT NULL,
	"levels" jsonb NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "battlepass_seasons_window" CHECK ("battlepass_seasons"."ends_at" > "battlepass_seasons"."starts_at"),
	CONSTRAINT "battlepass_seasons_levels_pos" CHECK ("battlepass_seasons"."max_level" > 0 AND "battlepass_seasons"."xp_per_level" > 0)
);
--> statement-breakpoint
CREATE TABLE "event_participations" (
	"event_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"progress" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"claimed_at" timestamp with time zone,
	"reward_id" bigint,
	CONSTRAINT "event_participations_event_id_user_id_pk" PRIMARY KEY("event_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"type" "event_type" NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"requirements" jsonb NOT NULL,
	"rewards" jsonb NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"published_at" timestamp with time zone,
	"seed_key" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "events_window" CHECK ("events"."ends_at" > "events"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "hourly_bonus" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"last_claim_at" timestamp with time zone NOT NULL,
	"claims" integer NOT NULL,
	"last_reward_id" bigint
);
--> statement-breakpoint
CREATE TABLE "mission_progress" (
	"user_id" integer NOT NULL,
	"mission_id" integer NOT NULL,
	"period_key" text NOT NULL,
	"progress" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"completed_at" timestamp with time zone,
	"claimed_at" timestamp with time zone,
	"reward_id" bigint,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mission_progress_user_id_mission_id_period_key_pk" PRIMARY KEY("user_id","mission_id","period_key")
);
--> statement-breakpoint
CREATE TABLE "missions" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"period" "mission_period" NOT NULL,
	"requirements" jsonb NOT NULL,
	"rewards" jsonb NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "reward_batches" (
	"idempotency_key" text PRIMARY KEY NOT NULL,
	"admin_id" integer NOT NULL,
	"request_hash" text NOT NULL,
	"rows" integer NOT NULL,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "rewards" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"idempotency_key" text NOT NULL,
	"source" text NOT NULL,
	"description" text,
	"gold" bigint DEFAULT 0 NOT NULL,
	"gems" bigint DEFAULT 0 NOT NULL,
	"xp" integer DEFAULT 0 NOT NULL,
	"battlepass_xp" integer DEFAULT 0 NOT NULL,
	"vip_points" integer DEFAULT 0 NOT NULL,
	"items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"ref_type" text,
	"ref_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rewards_amounts_nonneg" CHECK ("rewards"."gold" >= 0 AND "rewards"."gems" >= 0 AND "rewards"."xp" >= 0 AND "rewards"."battlepass_xp" >= 0 AND "rewards"."vip_points" >= 0)
);
--> statement-breakpoint
CREATE TABLE "streak_ticks" (
	"user_id" integer NOT NULL,
	"action" text NOT NULL,
	"day" date NOT NULL,
	"count" integer NOT NULL,
	"missed_days" integer DEFAULT 0 NOT NULL,
	"protections_used" integer DEFAULT 0 NOT NULL,
	"reward_id" bigint,
	"claimed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "streak_ticks_user_id_action_day_pk" PRIMARY KEY("user_id","action","day"),
	CONSTRAINT "streak_ticks_counts_nonneg" CHECK ("streak_ticks"."count" > 0 AND "streak_ticks"."missed_days" >= 0 AND "streak_ticks"."protections_used" >= 0)
);
--> statement-breakpoint
CREATE TABLE "streaks" (
	"user_id" integer NOT NULL,
	"action" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"last_tick_day" date,
	"last_tick_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "streaks_user_id_action_pk" PRIMARY KEY("user_id","action"),
	CONSTRAINT "streaks_count_nonneg" CHECK ("streaks"."count" >= 0)
);
--> statement-breakpoint
ALTER TABLE "battlepass_claims" ADD CONSTRAINT "battlepass_claims_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "battlepass_claims" ADD CONSTRAINT "battlepass_claims_season_id_battlepass_seasons_id_fk" FOREIGN KEY ("season_id") REFERENCES "public"."battlepass_seasons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "battlepass_claims" ADD CONSTRAINT "battlepass_claims_reward_id_rewards_id_fk" FOREIGN KEY ("reward_id") REFERENCES "public"."rewards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "battlepass_progress" ADD CONSTRAINT "battlepass_progress_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "battlepass_progress" ADD CONSTRAINT "battlepass_progress_season_id_battlepass_seasons_id_fk" FOREIGN KEY ("season_id") REFERENCES "public"."battlepass_seasons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "battlepass_seasons" ADD CONSTRAINT "battlepass_seasons_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_participations" ADD CONSTRAINT "event_participations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_participations" ADD CONSTRAINT "event_participations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_participations" ADD CONSTRAINT "event_participations_reward_id_rewards_id_fk" FOREIGN KEY ("reward_id") REFERENCES "public"."rewards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hourly_bonus" ADD CONSTRAINT "hourly_bonus_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hourly_bonus" ADD CONSTRAINT "hourly_bonus_last_reward_id_rewards_id_fk" FOREIGN KEY ("last_reward_id") REFERENCES "public"."rewards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mission_progress" ADD CONSTRAINT "mission_progress_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mission_progress" ADD CONSTRAINT "mission_progress_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mission_progress" ADD CONSTRAINT "mission_progress_reward_id_rewards_id_fk" FOREIGN KEY ("reward_id") REFERENCES "public"."rewards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "missions" ADD CONSTRAINT "missions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_batches" ADD CONSTRAINT "reward_batches_admin_id_users_id_fk" FOREIGN KEY ("admin_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "streak_ticks" ADD CONSTRAINT "streak_ticks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "streak_ticks" ADD CONSTRAINT "streak_ticks_reward_id_rewards_id_fk" FOREIGN KEY ("reward_id") REFERENCES "public"."rewards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "streaks" ADD CONSTRAINT "streaks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "battlepass_seasons_window_idx" ON "battlepass_seasons" USING btree ("starts_at","ends_at");--> statement-breakpoint
CREATE INDEX "event_participations_open_idx" ON "event_participations" USING btree ("user_id") WHERE "event_participations"."completed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "event_participations_user_idx" ON "event_participations" USING btree ("user_id","event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "events_seed_key_uq" ON "events" USING btree ("seed_key");--> statement-breakpoint
CREATE INDEX "events_listed_idx" ON "events" USING btree ("ends_at") WHERE "events"."is_active" AND "events"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "missions_live_idx" ON "missions" USING btree ("sort_order") WHERE "missions"."is_active" AND "missions"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "reward_batches_created_idx" ON "reward_batches" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "rewards_user_key_uq" ON "rewards" USING btree ("user_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "rewards_user_id_idx" ON "rewards" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "rewards_user_source_idx" ON "rewards" USING btree ("user_id","source","id");