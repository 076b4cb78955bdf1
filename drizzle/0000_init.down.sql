DROP TABLE IF EXISTS "admin_audit_log";
--> statement-breakpoint
DROP TABLE IF EXISTS "wallet_ledger";
--> statement-breakpoint
DROP TABLE IF EXISTS "login_attempts";
--> statement-breakpoint
DROP TABLE IF EXISTS "refresh_tokens";
--> statement-breakpoint
DROP TABLE IF EXISTS "sessions";
--> statement-breakpoint
DROP TABLE IF EXISTS "invite_codes";
--> statement-breakpoint
DROP TABLE IF EXISTS "users";
--> statement-breakpoint
DROP TYPE IF EXISTS "currency";
--> statement-breakpoint
DROP TYPE IF EXISTS "user_status";
--> statement-breakpoint
DROP TYPE IF EXISTS "user_rank";
--> statement-breakpoint
DROP TYPE IF EXISTS "user_role";
