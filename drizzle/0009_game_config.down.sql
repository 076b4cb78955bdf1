ALTER TABLE "game_rounds" DROP COLUMN IF EXISTS "config_version";
--> statement-breakpoint
ALTER TABLE "crash_bets" DROP COLUMN IF EXISTS "max_win_multiplier";
--> statement-breakpoint
ALTER TABLE "crash_bets" DROP COLUMN IF EXISTS "house_edge_percent";
--> statement-breakpoint
ALTER TABLE "crash_bets" DROP COLUMN IF EXISTS "config_version";
--> statement-breakpoint
DROP TABLE IF EXISTS "game_config_versions";
