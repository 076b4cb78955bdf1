DROP TABLE IF EXISTS "promo_redemptions";
--> statement-breakpoint
DROP TABLE IF EXISTS "purchases";
--> statement-breakpoint
DROP TABLE IF EXISTS "promo_codes";
--> statement-breakpoint
DROP TABLE IF EXISTS "shop_products";
--> statement-breakpoint
DROP TABLE IF EXISTS "idempotency_keys";
--> statement-breakpoint
DROP TABLE IF EXISTS "payment_sandbox_charges";
--> statement-breakpoint
DROP TABLE IF EXISTS "webhook_events";
--> statement-breakpoint
DROP TABLE IF EXISTS "fraud_decisions";
--> statement-breakpoint
DROP TABLE IF EXISTS "fraud_rules";
--> statement-breakpoint
DROP TABLE IF EXISTS "fraud_settings";
--> statement-breakpoint
DROP TYPE IF EXISTS "public"."fraud_action";
--> statement-breakpoint
DROP TYPE IF EXISTS "public"."idempotency_status";
--> statement-breakpoint
DROP TYPE IF EXISTS "public"."price_currency";
--> statement-breakpoint
DROP TYPE IF EXISTS "public"."product_kind";
--> statement-breakpoint
DROP TYPE IF EXISTS "public"."promo_kind";
--> statement-breakpoint
DROP TYPE IF EXISTS "public"."purchase_status";
--> statement-breakpoint
DROP TYPE IF EXISTS "public"."sandbox_charge_status";
--> statement-breakpoint
DROP TYPE IF EXISTS "public"."webhook_status";
