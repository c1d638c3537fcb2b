-- Row-level security: a second wall behind the policy engine. Reads of record content run as the
-- NOLOGIN role weft_reader (SET LOCAL ROLE, see RecordsRepository.readUnder), with the markings the
-- policy engine allowed for the request in the setting weft.visible_markings (ids joined with ',');
-- the database then returns only records under those markings, and only their entity-table rows.
-- The connecting (owner) role is unaffected: row security is enabled, not forced.
--
-- A migration that adds an entity table (entity_<type>) must do the same for it: GRANT SELECT to
-- weft_reader, ENABLE ROW LEVEL SECURITY and the policy weft_reader_visible below. A test
-- (row-level-security.test.ts) fails when an entity table lacks row security.

-- Roles are cluster-wide on PostgreSQL: the role may exist already (another database, or a
-- migration running at the same time in another one).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'weft_reader') THEN
    CREATE ROLE weft_reader NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;
--> statement-breakpoint
-- The connecting role must be able to SET ROLE weft_reader (a superuser always can).
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'weft_reader', 'MEMBER') THEN
    EXECUTE format('GRANT weft_reader TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO weft_reader', current_schema());
END
$$;
--> statement-breakpoint
GRANT SELECT ON "records", "markings" TO weft_reader;
--> statement-breakpoint
ALTER TABLE "records" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY weft_reader_visible ON "records" FOR SELECT TO weft_reader
  USING (marking_id = ANY (string_to_array(current_setting('weft.visible_markings', true), ',')));
--> statement-breakpoint
-- An entity row is visible when its record is (the records policy applies inside the subquery).
DO $$
DECLARE
  entity record;
BEGIN
  FOR entity IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'entity\_%' LOOP
    EXECUTE format('GRANT SELECT ON %I TO weft_reader', entity.tablename);
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', entity.tablename);
    EXECUTE format(
      'CREATE POLICY weft_reader_visible ON %I FOR SELECT TO weft_reader USING (EXISTS (SELECT 1 FROM records r WHERE r.id = %I.record_id))',
      entity.tablename,
      entity.tablename
    );
  END LOOP;
END
$$;
