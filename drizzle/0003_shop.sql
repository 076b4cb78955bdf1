CREATE TYPE "public"."fraud_action" AS ENUM('allow', 'review', 'soft_block', 'hard_block');--> statement-breakpoint
CREATE TYPE "public"."idempotency_status" AS ENUM('in_progress', 'completed', 'failed');--> statement-breakpoint
CREATE TYPE "public"."price_currency" AS ENUM('gold', 'gems', 'cash');--> statement-breakpoint
CREATE TYPE "public"."product_kind" AS ENUM('gold_pack', 'gem_pack', 'item', 'bundle', 'battlepass_premium');--> statement-breakpoint
CREATE TYPE "public"."promo_kind" AS ENUM('percent', 'fixed');--> statement-breakpoint
CREATE TYPE "public"."purchase_status" AS ENUM('pending', 'authorized', 'completed', 'failed', 'refunded');--> statement-breakpoint
CREATE TYPE "public"."sandbox_charge_status" AS ENUM('authorized', 'captured', 'voided', 'refunded', 'failed');--> statement-breakpoint
CREATE TYPE "public"."webhook_status" AS ENUM('PENDING', 'DELIVERED', 'FAILED', 'REPLAYED');--> statement-breakpoint
CREATE TABLE "fraud_decisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"sku" text,
	"action" "fraud_action" NOT NULL,
	"score" integer NOT NULL,
	"features" jsonb NOT NULL,
	"matched_rules" jsonb NOT NULL,
	"review_status" text,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fraud_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"condition" jsonb NOT NULL,
	"score" integer NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fraud_settings" (
	"name" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" integer NOT NULL,
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" "idempotency_status" DEFAULT 'in_progress' NOT NULL,
	"response" jsonb,
	"ref_id" text,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_scope_key_pk" PRIMARY KEY("user_id","scope","key")
);
--> statement-breakpoint
CREATE TABLE "promo_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"kind" "promo_kind" NOT NULL,
	"value" integer NOT NULL,
	"max_uses" integer,
	"used_count" integer DEFAULT 0 NOT NULL,
	"per_user_once" boolean DEFAULT false NOT NULL,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "promo_codes_value_pos" CHECK ("promo_codes"."value" > 0),
	CONSTRAINT "promo_codes_used_nonneg" CHECK ("promo_codes"."used_count" >= 0),
	CONSTRAINT "promo_codes_used_cap" CHECK ("promo_codes"."max_uses" IS NULL OR "promo_codes"."used_count" <= "promo_codes"."max_uses")
);
--> statement-breakpoint
CREATE TABLE "promo_redemptions" (
	"purchase_id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "purchases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" integer NOT NULL,
	"sku" text NOT NULL,
	"quantity" integer NOT NULL,
	"status" "purchase_status" NOT NULL,
	"price_currency" "price_currency" NOT NULL,
	"unit_price" bigint NOT NULL,
	"discount_percent" integer DEFAULT 0 NOT NULL,
	"promo_code" text,
	"promo_discount" bigint DEFAULT 0 NOT NULL,
	"amount" bigint NOT NULL,
	"granted" jsonb NOT NULL,
	"authorization_id" text,
	"charge_id" text,
	"payment_fingerprint" text,
	"idempotency_key" text NOT NULL,
	"fraud_decision_id" bigint,
	"failure_reason" text,
	"refunded_at" timestamp with time zone,
	"refund_reason" text,
	"clawed_back" jsonb,
	"debt" jsonb,
	"flagged_for_review" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "purchases_quantity_pos" CHECK ("purchases"."quantity" > 0),
	CONSTRAINT "purchases_amount_nonneg" CHECK ("purchases"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "payment_sandbox_charges" (
	"id" text PRIMARY KEY NOT NULL,
	"amount_cents" bigint NOT NULL,
	"token_fingerprint" text NOT NULL,
	"status" "sandbox_charge_status" NOT NULL,
	"reference" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shop_products" (
	"sku" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"kind" "product_kind" NOT NULL,
	"price_currency" "price_currency" NOT NULL,
	"price_amount" bigint NOT NULL,
	"grants" jsonb NOT NULL,
	"discount_percent" integer DEFAULT 0 NOT NULL,
	"discount_ends_at" timestamp with time zone,
	"min_rank" "user_rank" DEFAULT 'STANDARD' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"stock_total" integer,
	"stock_sold" integer DEFAULT 0 NOT NULL,
	"per_user_limit" integer,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shop_products_price_pos" CHECK ("shop_products"."price_amount" > 0),
	CONSTRAINT "shop_products_discount_range" CHECK ("shop_products"."discount_percent" BETWEEN 0 AND 100),
	CONSTRAINT "shop_products_stock_nonneg" CHECK ("shop_products"."stock_sold" >= 0),
	CONSTRAINT "shop_products_stock_cap" CHECK ("shop_products"."stock_total" IS NULL OR "shop_products"."stock_sold" <= "shop_products"."stock_total"),
	CONSTRAINT "shop_products_per_user_pos" CHECK ("shop_products"."per_user_limit" IS NULL OR "shop_products"."per_user_limit" > 0)
);
--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"key_id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" "webhook_status" DEFAULT 'PENDING' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_error" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "fraud_decisions" ADD CONSTRAINT "fraud_decisions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fraud_decisions" ADD CONSTRAINT "fraud_decisions_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fraud_rules" ADD CONSTRAINT "fraud_rules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fraud_settings" ADD CONSTRAINT "fraud_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promo_codes" ADD CONSTRAINT "promo_codes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promo_redemptions" ADD CONSTRAINT "promo_redemptions_purchase_id_purchases_id_fk" FOREIGN KEY ("purchase_id") REFERENCES "public"."purchases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promo_redemptions" ADD CONSTRAINT "promo_redemptions_code_promo_codes_code_fk" FOREIGN KEY ("code") REFERENCES "public"."promo_codes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promo_redemptions" ADD CONSTRAINT "promo_redemptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchases" ADD CONSTRAINT "purchases_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchases" ADD CONSTRAINT "purchases_sku_shop_products_sku_fk" FOREIGN KEY ("sku") REFERENCES "public"."shop_products"("sku") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchases" ADD CONSTRAINT "purchases_promo_code_promo_codes_code_fk" FOREIGN KEY ("promo_code") REFERENCES "public"."promo_codes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fraud_decisions_created_idx" ON "fraud_decisions" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "fraud_decisions_user_idx" ON "fraud_decisions" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "fraud_decisions_review_idx" ON "fraud_decisions" USING btree ("review_status","created_at");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "promo_redemptions_code_user_idx" ON "promo_redemptions" USING btree ("code","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "purchases_user_idem_uq" ON "purchases" USING btree ("user_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "purchases_charge_uq" ON "purchases" USING btree ("charge_id");--> statement-breakpoint
CREATE INDEX "purchases_user_created_idx" ON "purchases" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "purchases_user_sku_idx" ON "purchases" USING btree ("user_id","sku");--> statement-breakpoint
CREATE INDEX "purchases_status_idx" ON "purchases" USING btree ("status","updated_at");--> statement-breakpoint
CREATE INDEX "purchases_created_idx" ON "purchases" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "payment_sandbox_charges_reference_idx" ON "payment_sandbox_charges" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "webhook_events_status_idx" ON "webhook_events" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "webhook_events_received_idx" ON "webhook_events" USING btree ("received_at");