-- Orders whose confirmation mail the orders.queue-confirmations job has still to queue: checkout
-- no longer queues it itself (one job per order cost the checkout more than any other statement).
CREATE INDEX "orders_confirmation_pending_idx" ON "orders" USING btree ("tenant_id","placed_at") WHERE confirmation_queued_at is null;--> statement-breakpoint
-- Several jobs in one statement, as the application role (like app_enqueue_job of migration 0018):
-- graphile_worker.add_jobs inserts them together and wakes the workers once. p_specs is a JSON array
-- of {identifier, payload, queue_name, run_at, max_attempts, job_key, priority}; returns how many
-- jobs it queued.
CREATE OR REPLACE FUNCTION app_enqueue_jobs(p_specs json) RETURNS integer
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_count integer;
BEGIN
  SELECT count(*)::integer INTO v_count FROM graphile_worker.add_jobs(ARRAY(
    SELECT ROW(
      s->>'identifier',
      s->'payload',
      s->>'queue_name',
      (s->>'run_at')::timestamptz,
      (s->>'max_attempts')::smallint,
      s->>'job_key',
      (s->>'priority')::smallint,
      NULL::text[]
    )::graphile_worker.job_spec
    FROM json_array_elements(p_specs) AS s
  ));
  RETURN v_count;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_enqueue_jobs(json) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_enqueue_jobs(json) TO winkel_app;
