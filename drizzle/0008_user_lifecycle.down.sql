ALTER TABLE "users" DROP COLUMN IF EXISTS "anonymised_at";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN IF EXISTS "locked_until";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN IF EXISTS "banned_at";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN IF EXISTS "ban_reason";
