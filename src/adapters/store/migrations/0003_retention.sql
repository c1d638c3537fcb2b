CREATE TABLE "retention_decisions" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"owner_organisation" text NOT NULL,
	"decision" text NOT NULL,
	"reason" text NOT NULL,
	"keep_until" date NOT NULL,
	"decided_by" text NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "retention_decisions" ADD CONSTRAINT "retention_decisions_record_id_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."records"("id") ON DELETE cascade ON UPDATE no action;