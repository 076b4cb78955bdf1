DROP INDEX IF EXISTS "wallet_ledger_created_idx";
--> statement-breakpoint
DROP TABLE IF EXISTS "reconciliation_runs";
