-- Order numbers come from a sequence per store instead of the store's row in order_counters.
-- Bumping that row locked it until the checkout committed, so every checkout of a store queued
-- behind the previous one's last statements and commit. nextval() takes no lock that lasts.
--
-- The sequence of a store is created with its first number after this migration, starting after
-- the store's last counter value. The application role has no rights on the sequences: it gets
-- numbers only through next_order_number(), which runs as its owner and only for the store the
-- transaction is set to.
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
    -- Once per store: concurrent first orders create it once, and the loser of the race reuses it.
    PERFORM pg_advisory_xact_lock(hashtextextended('winkel:order_numbers:' || v_tenant::text, 0));
    IF to_regclass(format('public.%I', v_name)) IS NULL THEN
      SELECT coalesce(max(c.last_number), 0) + 1 INTO v_start FROM public.order_counters c WHERE c.tenant_id = v_tenant;
      EXECUTE format('CREATE SEQUENCE public.%I AS integer START WITH %s', v_name, v_start);
      -- The schema's default privileges would let the application role use it directly.
      EXECUTE format('REVOKE ALL ON SEQUENCE public.%I FROM winkel_app', v_name);
    END IF;
  END IF;
  RETURN nextval(format('public.%I', v_name)::regclass);
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION next_order_number() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION next_order_number() TO winkel_app;
--> statement-breakpoint
-- While an instance of the previous version still serves (instances are replaced one at a time),
-- it bumps order_counters: that bump takes its number from the same sequence, so the two versions
-- never hand out one number twice. An insert for a store whose row exists is about to become an
-- update (ON CONFLICT), which takes the number then.
CREATE OR REPLACE FUNCTION order_counters_take_from_sequence() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF TG_OP = 'INSERT' AND EXISTS (SELECT 1 FROM public.order_counters c WHERE c.tenant_id = NEW.tenant_id) THEN
    RETURN NEW;
  END IF;
  NEW.last_number := public.next_order_number();
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER order_counters_take_from_sequence BEFORE INSERT OR UPDATE OF last_number ON order_counters
  FOR EACH ROW EXECUTE FUNCTION order_counters_take_from_sequence();
