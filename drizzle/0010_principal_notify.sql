-- Every change to what authenticate() reads (services/auth/authenticate.ts: the user's role,
-- rank, status, nickname and forced password change; the session's revocation and second
-- factor; the account's TOTP factor) sends NOTIFY principal '<userId>' when its transaction
-- commits. Each instance LISTENs and drops the user from its principal cache
-- (services/auth/principal-cache.ts), so a ban, a logout or a role change reaches every
-- instance within one notification, whichever code path wrote it.
CREATE OR REPLACE FUNCTION "notify_principal"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  PERFORM pg_notify('principal', to_jsonb(r) ->> TG_ARGV[0]);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "users_principal_changed" AFTER UPDATE OF "role", "rank", "status", "nickname", "must_change_password" ON "users"
  FOR EACH ROW WHEN (
    OLD."role" IS DISTINCT FROM NEW."role" OR OLD."rank" IS DISTINCT FROM NEW."rank"
    OR OLD."status" IS DISTINCT FROM NEW."status" OR OLD."nickname" IS DISTINCT FROM NEW."nickname"
    OR OLD."must_change_password" IS DISTINCT FROM NEW."must_change_password"
  ) EXECUTE FUNCTION "notify_principal"('id');
--> statement-breakpoint
CREATE TRIGGER "users_principal_deleted" AFTER DELETE ON "users"
  FOR EACH ROW EXECUTE FUNCTION "notify_principal"('id');
--> statement-breakpoint
CREATE TRIGGER "sessions_principal_changed" AFTER UPDATE OF "revoked_at", "mfa_at", "user_id" ON "sessions"
  FOR EACH ROW WHEN (
    OLD."revoked_at" IS DISTINCT FROM NEW."revoked_at" OR OLD."mfa_at" IS DISTINCT FROM NEW."mfa_at"
    OR OLD."user_id" IS DISTINCT FROM NEW."user_id"
  ) EXECUTE FUNCTION "notify_principal"('user_id');
--> statement-breakpoint
CREATE TRIGGER "sessions_principal_deleted" AFTER DELETE ON "sessions"
  FOR EACH ROW EXECUTE FUNCTION "notify_principal"('user_id');
--> statement-breakpoint
CREATE TRIGGER "admin_totp_principal_changed" AFTER INSERT OR UPDATE OF "enabled_at", "user_id" OR DELETE ON "admin_totp"
  FOR EACH ROW EXECUTE FUNCTION "notify_principal"('user_id');
