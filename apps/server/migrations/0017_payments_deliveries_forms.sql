CREATE TABLE "order_edits" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"actor" text NOT NULL,
	"note" text,
	"changes" jsonb NOT NULL,
	"grand_total_before" bigint NOT NULL,
	"grand_total_after" bigint NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_edits_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "payment_provider_accounts" (
	"tenant_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"mode" text DEFAULT 'test' NOT NULL,
	"public_key" text,
	"sealed_api_key" text NOT NULL,
	"sealed_webhook_secret" text,
	"api_key_hint" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_provider_accounts_pkey" PRIMARY KEY("tenant_id","provider")
);
--> statement-breakpoint
CREATE TABLE "payment_webhook_receipts" (
	"tenant_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"event_id" text NOT NULL,
	"event_type" text NOT NULL,
	"payment_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_webhook_receipts_pkey" PRIMARY KEY("tenant_id","provider","event_id")
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"order_id" uuid,
	"cart_id" uuid,
	"provider" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"amount" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"captured_amount" bigint DEFAULT 0 NOT NULL,
	"refunded_amount" bigint DEFAULT 0 NOT NULL,
	"provider_reference" text,
	"failure_code" text,
	"failure_message" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "payments_amounts_in_range" CHECK ("payments"."amount" > 0 and "payments"."captured_amount" between 0 and "payments"."amount" and "payments"."refunded_amount" between 0 and "payments"."captured_amount"),
	CONSTRAINT "payments_belongs_somewhere" CHECK ("payments"."order_id" is not null or "payments"."cart_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"provider_reference" text,
	"reason" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refunds_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "refunds_amount_positive" CHECK ("refunds"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "cash_reconciliations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"business_date" date NOT NULL,
	"currency" char(3) NOT NULL,
	"expected_amount" bigint NOT NULL,
	"collected_amount" bigint NOT NULL,
	"counted_amount" bigint NOT NULL,
	"delivery_count" integer NOT NULL,
	"note" text,
	"closed_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cash_reconciliations_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "cash_reconciliations_amounts_not_negative" CHECK ("cash_reconciliations"."expected_amount" >= 0 and "cash_reconciliations"."collected_amount" >= 0 and "cash_reconciliations"."counted_amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"agent_id" uuid,
	"status" text DEFAULT 'unassigned' NOT NULL,
	"cash_due_amount" bigint NOT NULL,
	"cash_collected_amount" bigint,
	"currency" char(3) NOT NULL,
	"attempt_count" integer DEFAULT 0 NOT NULL,
	"scheduled_for" date,
	"assigned_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"collected_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deliveries_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "deliveries_amounts_not_negative" CHECK ("deliveries"."cash_due_amount" >= 0 and coalesce("deliveries"."cash_collected_amount", 0) >= 0 and "deliveries"."attempt_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "delivery_assignments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"delivery_id" uuid NOT NULL,
	"from_agent_id" uuid,
	"to_agent_id" uuid NOT NULL,
	"assigned_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "delivery_assignments_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "delivery_attempts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"delivery_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"reason" text,
	"rescheduled_for" date,
	"cash_collected_amount" bigint,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "delivery_attempts_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "delivery_attempts_cash_not_negative" CHECK (coalesce("delivery_attempts"."cash_collected_amount", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "checkout_form_items" (
	"tenant_id" uuid NOT NULL,
	"form_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"max_quantity" integer DEFAULT 10 NOT NULL,
	CONSTRAINT "checkout_form_items_pkey" PRIMARY KEY("tenant_id","form_id","variant_id"),
	CONSTRAINT "checkout_form_items_max_quantity_positive" CHECK ("checkout_form_items"."max_quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "checkout_forms" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"fields" jsonb NOT NULL,
	"allowed_origins" text[] DEFAULT '{}'::text[] NOT NULL,
	"min_fill_seconds" integer DEFAULT 3 NOT NULL,
	"shipping_method_id" uuid NOT NULL,
	"default_country" text NOT NULL,
	"success_message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checkout_forms_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "checkout_forms_min_fill_range" CHECK ("checkout_forms"."min_fill_seconds" between 0 and 3600)
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "source" text DEFAULT 'storefront' NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "checkout_form_id" uuid;--> statement-breakpoint
ALTER TABLE "order_edits" ADD CONSTRAINT "order_edits_tenant_id_stores_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_edits" ADD CONSTRAINT "order_edits_order_fk" FOREIGN KEY ("tenant_id","order_id") REFERENCES "public"."orders"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_provider_accounts" ADD CONSTRAINT "payment_provider_accounts_tenant_id_stores_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_webhook_receipts" ADD CONSTRAINT "payment_webhook_receipts_tenant_id_stores_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_tenant_id_stores_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_tenant_id_stores_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_payment_fk" FOREIGN KEY ("tenant_id","payment_id") REFERENCES "public"."payments"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_reconciliations" ADD CONSTRAINT "cash_reconciliations_tenant_id_stores_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_tenant_id_stores_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_assignments" ADD CONSTRAINT "delivery_assignments_tenant_id_stores_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_assignments" ADD CONSTRAINT "delivery_assignments_delivery_fk" FOREIGN KEY ("tenant_id","delivery_id") REFERENCES "public"."deliveries"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_attempts" ADD CONSTRAINT "delivery_attempts_tenant_id_stores_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_attempts" ADD CONSTRAINT "delivery_attempts_delivery_fk" FOREIGN KEY ("tenant_id","delivery_id") REFERENCES "public"."deliveries"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkout_form_items" ADD CONSTRAINT "checkout_form_items_tenant_id_stores_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkout_form_items" ADD CONSTRAINT "checkout_form_items_form_fk" FOREIGN KEY ("tenant_id","form_id") REFERENCES "public"."checkout_forms"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkout_forms" ADD CONSTRAINT "checkout_forms_tenant_id_stores_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_edits_tenant_order_idx" ON "order_edits" USING btree ("tenant_id","order_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_tenant_provider_reference_key" ON "payments" USING btree ("tenant_id","provider","provider_reference");--> statement-breakpoint
CREATE INDEX "payments_tenant_order_idx" ON "payments" USING btree ("tenant_id","order_id");--> statement-breakpoint
CREATE INDEX "payments_tenant_cart_idx" ON "payments" USING btree ("tenant_id","cart_id");--> statement-breakpoint
CREATE INDEX "payments_tenant_created_idx" ON "payments" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "refunds_tenant_payment_idx" ON "refunds" USING btree ("tenant_id","payment_id");--> statement-breakpoint
CREATE INDEX "refunds_tenant_order_idx" ON "refunds" USING btree ("tenant_id","order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_tenant_provider_reference_key" ON "refunds" USING btree ("tenant_id","payment_id","provider_reference");--> statement-breakpoint
CREATE UNIQUE INDEX "cash_reconciliations_tenant_agent_date_key" ON "cash_reconciliations" USING btree ("tenant_id","agent_id","business_date");--> statement-breakpoint
CREATE INDEX "cash_reconciliations_tenant_date_idx" ON "cash_reconciliations" USING btree ("tenant_id","business_date");--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_tenant_order_key" ON "deliveries" USING btree ("tenant_id","order_id");--> statement-breakpoint
CREATE INDEX "deliveries_tenant_agent_status_idx" ON "deliveries" USING btree ("tenant_id","agent_id","status","id");--> statement-breakpoint
CREATE INDEX "deliveries_tenant_status_idx" ON "deliveries" USING btree ("tenant_id","status","id");--> statement-breakpoint
CREATE INDEX "deliveries_tenant_agent_collected_idx" ON "deliveries" USING btree ("tenant_id","agent_id","collected_on");--> statement-breakpoint
CREATE INDEX "delivery_assignments_tenant_delivery_idx" ON "delivery_assignments" USING btree ("tenant_id","delivery_id","id");--> statement-breakpoint
CREATE INDEX "delivery_attempts_tenant_delivery_idx" ON "delivery_attempts" USING btree ("tenant_id","delivery_id","id");--> statement-breakpoint
CREATE INDEX "delivery_attempts_tenant_agent_at_idx" ON "delivery_attempts" USING btree ("tenant_id","agent_id","created_at");--> statement-breakpoint
CREATE INDEX "checkout_form_items_tenant_variant_idx" ON "checkout_form_items" USING btree ("tenant_id","variant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "checkout_forms_tenant_slug_key" ON "checkout_forms" USING btree ("tenant_id","slug");--> statement-breakpoint
-- Row-level security for payments, deliveries, checkout forms and order edits (see 0002 for the rule).
ALTER TABLE order_edits ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE order_edits FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON order_edits
  USING (tenant_id = app_current_tenant() OR app_is_platform())
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
--> statement-breakpoint
ALTER TABLE payment_provider_accounts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE payment_provider_accounts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON payment_provider_accounts
  USING (tenant_id = app_current_tenant() OR app_is_platform())
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
--> statement-breakpoint
ALTER TABLE payments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE payments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON payments
  USING (tenant_id = app_current_tenant() OR app_is_platform())
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
--> statement-breakpoint
ALTER TABLE refunds ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE refunds FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON refunds
  USING (tenant_id = app_current_tenant() OR app_is_platform())
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
--> statement-breakpoint
ALTER TABLE payment_webhook_receipts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE payment_webhook_receipts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON payment_webhook_receipts
  USING (tenant_id = app_current_tenant() OR app_is_platform())
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
--> statement-breakpoint
ALTER TABLE deliveries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE deliveries FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON deliveries
  USING (tenant_id = app_current_tenant() OR app_is_platform())
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
--> statement-breakpoint
ALTER TABLE delivery_assignments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE delivery_assignments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON delivery_assignments
  USING (tenant_id = app_current_tenant() OR app_is_platform())
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
--> statement-breakpoint
ALTER TABLE delivery_attempts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE delivery_attempts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON delivery_attempts
  USING (tenant_id = app_current_tenant() OR app_is_platform())
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
--> statement-breakpoint
ALTER TABLE cash_reconciliations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE cash_reconciliations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON cash_reconciliations
  USING (tenant_id = app_current_tenant() OR app_is_platform())
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
--> statement-breakpoint
ALTER TABLE checkout_forms ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE checkout_forms FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON checkout_forms
  USING (tenant_id = app_current_tenant() OR app_is_platform())
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
--> statement-breakpoint
ALTER TABLE checkout_form_items ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE checkout_form_items FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON checkout_form_items
  USING (tenant_id = app_current_tenant() OR app_is_platform())
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
