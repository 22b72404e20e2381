-- A version number for each product's storefront card, taken from one sequence: it changes whenever
-- the card's text does. A listing page reads the versions of its cards rather than their text, and
-- fetches the text only of cards the server has not rendered at that version (most pages: none).
CREATE SEQUENCE IF NOT EXISTS storefront_card_versions AS bigint;--> statement-breakpoint
GRANT USAGE ON SEQUENCE storefront_card_versions TO winkel_app;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "storefront_card_version" bigint DEFAULT nextval('storefront_card_versions') NOT NULL;--> statement-breakpoint
CREATE OR REPLACE FUNCTION storefront_card_version_bump() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  NEW.storefront_card_version := nextval('storefront_card_versions');
  RETURN NEW;
END
$$;
--> statement-breakpoint
-- Named to run after storefront_card_fill_on_update (row triggers fire in name order), so it sees the
-- card that trigger rebuilt as well as one written by storefront_card_refresh.
CREATE TRIGGER storefront_card_version_on_update BEFORE UPDATE ON products
  FOR EACH ROW
  WHEN (OLD.storefront_card::text IS DISTINCT FROM NEW.storefront_card::text)
  EXECUTE FUNCTION storefront_card_version_bump();
