CREATE TYPE "public"."crash_status" AS ENUM('active', 'cashed', 'busted', 'expired');--> statement-breakpoint
CREATE TYPE "public"."game_type" AS ENUM('slot', 'gacha', 'rps', 'crash');--> statement-breakpoint
CREATE TYPE "public"."round_result" AS ENUM('win', 'loss', 'draw');--> statement-breakpoint
CREATE TABLE "crash_bets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"bet" bigint NOT NULL,
	"auto_cashout" double precision,
	"crash_point" double precision NOT NULL,
	"seed_id" bigint NOT NULL,
	"nonce" integer NOT NULL,
	"status" "crash_status" DEFAULT 'active' NOT NULL,
	"payout" bigint DEFAULT 0 NOT NULL,
	"cashout_multiplier" double precision,
	"started_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "fairness_seeds" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"server_seed" text NOT NULL,
	"server_seed_hash" text NOT NULL,
	"client_seed" text NOT NULL,
	"next_nonce" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revealed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "gacha_pity" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"counter" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "game_rounds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"game" "game_type" NOT NULL,
	"currency" text DEFAULT 'gold' NOT NULL,
	"bet" bigint NOT NULL,
	"payout" bigint NOT NULL,
	"multiplier" double precision NOT NULL,
	"result" "round_result" NOT NULL,
	"seed_id" bigint NOT NULL,
	"nonce" integer NOT NULL,
	"outcome" jsonb NOT NULL,
	"session_id" uuid,
	"duration_ms" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "game_rounds_amounts_nonneg" CHECK ("game_rounds"."bet" >= 0 AND "game_rounds"."payout" >= 0)
);
--> statement-breakpoint
CREATE TABLE "game_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" integer NOT NULL,
	"game" "game_type" NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"total_rounds" integer DEFAULT 0 NOT NULL,
	"total_bet" bigint DEFAULT 0 NOT NULL,
	"total_win" bigint DEFAULT 0 NOT NULL,
	"total_duration_ms" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_achievements" (
	"user_id" integer NOT NULL,
	"code" text NOT NULL,
	"unlocked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reward_gold" integer DEFAULT 0 NOT NULL,
	"round_id" uuid,
	CONSTRAINT "user_achievements_user_id_code_pk" PRIMARY KEY("user_id","code")
);
--> statement-breakpoint
CREATE TABLE "user_game_stats" (
	"user_id" integer NOT NULL,
	"game" "game_type" NOT NULL,
	"total_bets" integer DEFAULT 0 NOT NULL,
	"total_wagered" bigint DEFAULT 0 NOT NULL,
	"total_wins" integer DEFAULT 0 NOT NULL,
	"total_losses" integer DEFAULT 0 NOT NULL,
	"total_payout" bigint DEFAULT 0 NOT NULL,
	"total_profit" bigint DEFAULT 0 NOT NULL,
	"highest_multiplier" double precision DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_game_stats_user_id_game_pk" PRIMARY KEY("user_id","game")
);
--> statement-breakpoint
CREATE TABLE "user_items" (
	"user_id" integer NOT NULL,
	"item_id" text NOT NULL,
	"rarity" text NOT NULL,
	"quantity" integer DEFAULT 0 NOT NULL,
	"first_acquired_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_items_user_id_item_id_pk" PRIMARY KEY("user_id","item_id"),
	CONSTRAINT "user_items_qty_nonneg" CHECK ("user_items"."quantity" >= 0)
);
--> statement-breakpoint
ALTER TABLE "crash_bets" ADD CONSTRAINT "crash_bets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crash_bets" ADD CONSTRAINT "crash_bets_seed_id_fairness_seeds_id_fk" FOREIGN KEY ("seed_id") REFERENCES "public"."fairness_seeds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fairness_seeds" ADD CONSTRAINT "fairness_seeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gacha_pity" ADD CONSTRAINT "gacha_pity_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "game_rounds" ADD CONSTRAINT "game_rounds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "game_rounds" ADD CONSTRAINT "game_rounds_seed_id_fairness_seeds_id_fk" FOREIGN KEY ("seed_id") REFERENCES "public"."fairness_seeds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "game_sessions" ADD CONSTRAINT "game_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_achievements" ADD CONSTRAINT "user_achievements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_game_stats" ADD CONSTRAINT "user_game_stats_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_items" ADD CONSTRAINT "user_items_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "crash_bets_one_active_uq" ON "crash_bets" USING btree ("user_id") WHERE "crash_bets"."status" = 'active';--> statement-breakpoint
CREATE INDEX "crash_bets_user_idx" ON "crash_bets" USING btree ("user_id","started_at");--> statement-breakpoint
CREATE INDEX "crash_bets_due_idx" ON "crash_bets" USING btree ("due_at") WHERE "crash_bets"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "fairness_seeds_one_active_uq" ON "fairness_seeds" USING btree ("user_id") WHERE "fairness_seeds"."revealed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "fairness_seeds_user_idx" ON "fairness_seeds" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "game_rounds_user_game_idx" ON "game_rounds" USING btree ("user_id","game","created_at");--> statement-breakpoint
CREATE INDEX "game_rounds_game_created_idx" ON "game_rounds" USING btree ("game","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "game_rounds_seed_nonce_uq" ON "game_rounds" USING btree ("seed_id","nonce");--> statement-breakpoint
CREATE UNIQUE INDEX "game_sessions_one_active_uq" ON "game_sessions" USING btree ("user_id","game") WHERE "game_sessions"."ended_at" IS NULL;--> statement-breakpoint
CREATE INDEX "game_sessions_user_idx" ON "game_sessions" USING btree ("user_id","started_at");