DROP TABLE IF EXISTS "admin_approvals";
--> statement-breakpoint
DROP TABLE IF EXISTS "admin_recovery_codes";
--> statement-breakpoint
DROP TABLE IF EXISTS "admin_totp";
--> statement-breakpoint
ALTER TABLE "sessions" DROP COLUMN IF EXISTS "mfa_at";
--> statement-breakpoint
UPDATE "users" SET "role" = 'user' WHERE "role" = 'support';
--> statement-breakpoint
ALTER TYPE "public"."user_role" RENAME TO "user_role_old";
--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('user', 'admin');
--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "role" DROP DEFAULT;
--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "role" TYPE "public"."user_role" USING "role"::text::"public"."user_role";
--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "role" SET DEFAULT 'user';
--> statement-breakpoint
DROP TYPE "public"."user_role_old";
