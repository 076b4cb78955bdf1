DROP TRIGGER IF EXISTS "admin_totp_principal_changed" ON "admin_totp";
--> statement-breakpoint
DROP TRIGGER IF EXISTS "sessions_principal_deleted" ON "sessions";
--> statement-breakpoint
DROP TRIGGER IF EXISTS "sessions_principal_changed" ON "sessions";
--> statement-breakpoint
DROP TRIGGER IF EXISTS "users_principal_deleted" ON "users";
--> statement-breakpoint
DROP TRIGGER IF EXISTS "users_principal_changed" ON "users";
--> statement-breakpoint
DROP FUNCTION IF EXISTS "notify_principal"();
