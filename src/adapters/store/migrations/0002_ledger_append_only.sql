-- The ledger is append-only in the database too, not only by the application's habit: an UPDATE,
-- DELETE or TRUNCATE of it fails, whoever runs it, so that neither a bug nor an injected statement
-- can rewrite the account. A table owner can still disable the triggers; the hash chain and
-- checkpoints kept outside the database are what catch that (`weft audit verify`).
CREATE FUNCTION "ledger_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'the ledger is append-only' USING ERRCODE = 'insufficient_privilege', DETAIL = TG_OP || ' on ledger refused';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "ledger_no_update_or_delete" BEFORE UPDATE OR DELETE ON "ledger" FOR EACH ROW EXECUTE FUNCTION "ledger_append_only"();
--> statement-breakpoint
CREATE TRIGGER "ledger_no_truncate" BEFORE TRUNCATE ON "ledger" FOR EACH STATEMENT EXECUTE FUNCTION "ledger_append_only"();
