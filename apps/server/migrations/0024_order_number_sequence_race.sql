-- A store's first orders placed at once: the one that waited on the advisory lock checked again
-- with to_regclass(), which answered from its own catalog cache. Taking an advisory lock does not
-- read the catalog changes committed meanwhile, so the cache still said "no such sequence", and its
-- CREATE SEQUENCE failed with "already exists": a 500 on a shopper's checkout. The creation now
-- says IF NOT EXISTS, which looks the name up under a lock that does read those changes.
CREATE OR REPLACE FUNCTION next_order_number() RETURNS integer
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_tenant uuid := public.app_current_tenant();
  v_name text;
  v_start integer;
BEGIN
  IF v_tenant IS NULL THEN
    RAISE EXCEPTION 'next_order_number() needs the store set (app.tenant_id)';
  END IF;
  v_name := 'order_numbers_' || replace(v_tenant::text, '-', '');
  IF to_regclass(format('public.%I', v_name)) IS NULL THEN
    -- Once per store: concurrent first orders queue here, the first creates it, the others find it.
    PERFORM pg_advisory_xact_lock(hashtextextended('winkel:order_numbers:' || v_tenant::text, 0));
    SELECT coalesce(max(c.last_number), 0) + 1 INTO v_start FROM public.order_counters c WHERE c.tenant_id = v_tenant;
    EXECUTE format('CREATE SEQUENCE IF NOT EXISTS public.%I AS integer START WITH %s', v_name, v_start);
    -- The schema's default privileges would let the application role use it directly.
    EXECUTE format('REVOKE ALL ON SEQUENCE public.%I FROM winkel_app', v_name);
  END IF;
  RETURN nextval(format('public.%I', v_name)::regclass);
END
$$;
