-- Enqueueing a job from an application transaction in one statement. The application role has no
-- rights on the job queue's schema; until now each enqueue stepped out of the role and back around
-- graphile_worker.add_job (four round trips). This function runs as its owner (the migrating role,
-- which owns the queue's schema) and does only that one thing. The queue's schema is created after
-- these migrations, so the body is PL/pgSQL, resolved when first called.
CREATE OR REPLACE FUNCTION app_enqueue_job(
  p_identifier text,
  p_payload json,
  p_queue_name text,
  p_run_at timestamptz,
  p_max_attempts integer,
  p_job_key text,
  p_priority integer,
  p_job_key_mode text
) RETURNS bigint
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_id bigint;
BEGIN
  SELECT (graphile_worker.add_job(
    identifier => p_identifier,
    payload => p_payload,
    queue_name => p_queue_name,
    run_at => p_run_at,
    max_attempts => p_max_attempts,
    job_key => p_job_key,
    priority => p_priority,
    job_key_mode => p_job_key_mode
  )).id INTO v_id;
  RETURN v_id;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_enqueue_job(text, json, text, timestamptz, integer, text, integer, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_enqueue_job(text, json, text, timestamptz, integer, text, integer, text) TO winkel_app;
