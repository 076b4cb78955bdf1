CREATE TABLE "game_config_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"config" jsonb NOT NULL,
	"rtp" jsonb NOT NULL,
	"author_id" integer,
	"reason" text NOT NULL,
	"rolled_back_from" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "game_config_versions_positive" CHECK ("game_config_versions"."version" >= 1)
);
--> statement-breakpoint
-- Rounds before this migration were all played under the built-in defaults, which the server seeds as version 1.
ALTER TABLE "crash_bets" ADD COLUMN "config_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "crash_bets" ALTER COLUMN "config_version" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "crash_bets" ADD COLUMN "house_edge_percent" double precision DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "crash_bets" ALTER COLUMN "house_edge_percent" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "crash_bets" ADD COLUMN "max_win_multiplier" double precision DEFAULT 1000 NOT NULL;--> statement-breakpoint
ALTER TABLE "crash_bets" ALTER COLUMN "max_win_multiplier" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "game_rounds" ADD COLUMN "config_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "game_rounds" ALTER COLUMN "config_version" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "game_config_versions" ADD CONSTRAINT "game_config_versions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;