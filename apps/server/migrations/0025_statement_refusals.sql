-- A statement that must stop its transaction when a condition it checks fails: it calls
-- app_refuse() in that branch, and the error (SQLSTATE WK001, the reason as its message, the detail
-- as its detail) aborts the transaction. Statements sent behind it in the same write then fail too,
-- and a commit sent behind them rolls back (docs/architecture.md#pipelined-checkout).
CREATE OR REPLACE FUNCTION app_refuse(reason text, detail text) RETURNS text
  LANGUAGE plpgsql
  VOLATILE
  SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'WK001', MESSAGE = reason, DETAIL = coalesce(detail, '');
END
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_refuse(text, text) TO winkel_app;
