DROP TABLE IF EXISTS "user_achievements";
--> statement-breakpoint
DROP TABLE IF EXISTS "user_items";
--> statement-breakpoint
DROP TABLE IF EXISTS "gacha_pity";
--> statement-breakpoint
DROP TABLE IF EXISTS "game_sessions";
--> statement-breakpoint
DROP TABLE IF EXISTS "user_game_stats";
--> statement-breakpoint
DROP TABLE IF EXISTS "crash_bets";
--> statement-breakpoint
DROP TABLE IF EXISTS "game_rounds";
--> statement-breakpoint
DROP TABLE IF EXISTS "fairness_seeds";
--> statement-breakpoint
DROP TYPE IF EXISTS "crash_status";
--> statement-breakpoint
DROP TYPE IF EXISTS "game_type";
--> statement-breakpoint
DROP TYPE IF EXISTS "round_result";
