CREATE TABLE "discount_customer_usages" (
	"tenant_id" uuid NOT NULL,
	"discount_id" uuid NOT NULL,
	"customer_key" text NOT NULL,
	"times_used" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "discount_customer_usages_tenant_id_discount_id_customer_key_pk" PRIMARY KEY("tenant_id","discount_id","customer_key"),
	CONSTRAINT "discount_customer_usages_times_used" CHECK ("discount_customer_usages"."times_used" >= 0)
);
--> statement-breakpoint
CREATE TABLE "discount_redemptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"discount_id" uuid NOT NULL,
	"order_reference" text NOT NULL,
	"customer_id" uuid,
	"email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "discount_redemptions_who" CHECK ("discount_redemptions"."customer_id" is not null or "discount_redemptions"."email" is not null)
);
--> statement-breakpoint
CREATE TABLE "discounts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"code" text,
	"kind" text NOT NULL,
	"rate_ppm" integer,
	"amount" bigint,
	"currency" char(3) NOT NULL,
	"scope" text DEFAULT 'order' NOT NULL,
	"product_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"category_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"minimum_subtotal_amount" bigint,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"combinable" boolean DEFAULT false NOT NULL,
	"usage_limit" integer,
	"per_customer_limit" integer,
	"times_used" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "discounts_value_shape" CHECK (("discounts"."kind" = 'percentage') = ("discounts"."rate_ppm" is not null) and ("discounts"."kind" = 'fixed_amount') = ("discounts"."amount" is not null)),
	CONSTRAINT "discounts_rate_range" CHECK ("discounts"."rate_ppm" is null or "discounts"."rate_ppm" between 1 and 1000000),
	CONSTRAINT "discounts_amounts_not_negative" CHECK (coalesce("discounts"."amount", 0) >= 0 and coalesce("discounts"."minimum_subtotal_amount", 0) >= 0),
	CONSTRAINT "discounts_window" CHECK ("discounts"."starts_at" is null or "discounts"."ends_at" is null or "discounts"."ends_at" > "discounts"."starts_at"),
	CONSTRAINT "discounts_limits" CHECK (coalesce("discounts"."usage_limit", 1) >= 1 and coalesce("discounts"."per_customer_limit", 1) >= 1),
	CONSTRAINT "discounts_times_used" CHECK ("discounts"."times_used" >= 0 and ("discounts"."usage_limit" is null or "discounts"."times_used" <= "discounts"."usage_limit"))
);
--> statement-breakpoint
CREATE TABLE "shipping_methods" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"price_amount" bigint DEFAULT 0 NOT NULL,
	"free_from_amount" bigint,
	"cod_fee_amount" bigint,
	"currency" char(3) NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shipping_methods_amounts_not_negative" CHECK ("shipping_methods"."price_amount" >= 0 and coalesce("shipping_methods"."free_from_amount", 0) >= 0 and coalesce("shipping_methods"."cod_fee_amount", 0) >= 0),
	CONSTRAINT "shipping_methods_kind_shape" CHECK (("shipping_methods"."kind" = 'free_above') = ("shipping_methods"."free_from_amount" is not null) and ("shipping_methods"."kind" = 'cash_on_delivery') = ("shipping_methods"."cod_fee_amount" is not null))
);
--> statement-breakpoint
CREATE TABLE "tax_rates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"tax_class" text NOT NULL,
	"rate_ppm" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tax_rates_rate_range" CHECK ("tax_rates"."rate_ppm" between 0 and 1000000)
);
--> statement-breakpoint
ALTER TABLE "discount_customer_usages" ADD CONSTRAINT "discount_customer_usages_tenant_id_stores_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_customer_usages" ADD CONSTRAINT "discount_customer_usages_discount_id_discounts_id_fk" FOREIGN KEY ("discount_id") REFERENCES "public"."discounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_redemptions" ADD CONSTRAINT "discount_redemptions_tenant_id_stores_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_redemptions" ADD CONSTRAINT "discount_redemptions_discount_id_discounts_id_fk" FOREIGN KEY ("discount_id") REFERENCES "public"."discounts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discounts" ADD CONSTRAINT "discounts_tenant_id_stores_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipping_methods" ADD CONSTRAINT "shipping_methods_tenant_id_stores_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tax_rates" ADD CONSTRAINT "tax_rates_tenant_id_stores_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "discount_redemptions_tenant_discount_idx" ON "discount_redemptions" USING btree ("tenant_id","discount_id","created_at");--> statement-breakpoint
CREATE INDEX "discount_redemptions_tenant_order_idx" ON "discount_redemptions" USING btree ("tenant_id","order_reference");--> statement-breakpoint
CREATE UNIQUE INDEX "discounts_tenant_code_key" ON "discounts" USING btree ("tenant_id",lower("code")) WHERE "discounts"."code" is not null;--> statement-breakpoint
CREATE INDEX "discounts_tenant_id_idx" ON "discounts" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "discounts_tenant_automatic_idx" ON "discounts" USING btree ("tenant_id","active") WHERE "discounts"."code" is null;--> statement-breakpoint
CREATE INDEX "shipping_methods_tenant_id_idx" ON "shipping_methods" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "shipping_methods_tenant_position_idx" ON "shipping_methods" USING btree ("tenant_id","active","position");--> statement-breakpoint
CREATE UNIQUE INDEX "tax_rates_tenant_class_key" ON "tax_rates" USING btree ("tenant_id","tax_class");--> statement-breakpoint
CREATE INDEX "tax_rates_tenant_id_idx" ON "tax_rates" USING btree ("tenant_id","id");--> statement-breakpoint
-- Row-level security for the checkout settings (see 0002 for the rule).
--> statement-breakpoint
ALTER TABLE tax_rates ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE tax_rates FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON tax_rates
  USING (tenant_id = app_current_tenant() OR app_is_platform())
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
--> statement-breakpoint
ALTER TABLE shipping_methods ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE shipping_methods FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON shipping_methods
  USING (tenant_id = app_current_tenant() OR app_is_platform())
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
--> statement-breakpoint
ALTER TABLE discounts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE discounts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON discounts
  USING (tenant_id = app_current_tenant() OR app_is_platform())
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
--> statement-breakpoint
ALTER TABLE discount_customer_usages ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE discount_customer_usages FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON discount_customer_usages
  USING (tenant_id = app_current_tenant() OR app_is_platform())
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
--> statement-breakpoint
ALTER TABLE discount_redemptions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE discount_redemptions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON discount_redemptions
  USING (tenant_id = app_current_tenant() OR app_is_platform())
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
