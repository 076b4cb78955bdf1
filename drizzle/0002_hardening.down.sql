DROP TRIGGER IF EXISTS "wallet_ledger_no_truncate" ON "wallet_ledger";
--> statement-breakpoint
DROP TRIGGER IF EXISTS "wallet_ledger_no_update_delete" ON "wallet_ledger";
--> statement-breakpoint
DROP FUNCTION IF EXISTS "wallet_ledger_append_only"();
--> statement-breakpoint
DROP TABLE IF EXISTS "user_handles";
--> statement-breakpoint
DROP TABLE IF EXISTS "outbox_events";
