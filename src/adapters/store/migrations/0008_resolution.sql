CREATE TABLE "graph_edges" (
	"record_id" uuid NOT NULL,
	"source" uuid NOT NULL,
	"target" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" text,
	"place" text,
	CONSTRAINT "graph_edges_record_id_source_target_kind_pk" PRIMARY KEY("record_id","source","target","kind")
);
--> statement-breakpoint
CREATE TABLE "record_identifiers" (
	"record_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value_hash" text NOT NULL,
	CONSTRAINT "record_identifiers_record_id_kind_value_hash_pk" PRIMARY KEY("record_id","kind","value_hash")
);
--> statement-breakpoint
CREATE TABLE "resolution_judgements" (
	"record_a" uuid NOT NULL,
	"record_b" uuid NOT NULL,
	"verdict" text NOT NULL,
	"reason" text NOT NULL,
	"organisation_id" text NOT NULL,
	"decided_by" text NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resolution_judgements_record_a_record_b_pk" PRIMARY KEY("record_a","record_b")
);
--> statement-breakpoint
CREATE TABLE "resolution_links" (
	"record_a" uuid NOT NULL,
	"record_b" uuid NOT NULL,
	"probability" double precision NOT NULL,
	"weight" double precision NOT NULL,
	"features" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resolution_links_record_a_record_b_pk" PRIMARY KEY("record_a","record_b")
);
--> statement-breakpoint
CREATE TABLE "resolution_members" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"entity_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resolution_parameters" (
	"entity_type" text PRIMARY KEY NOT NULL,
	"parameters" jsonb NOT NULL,
	"records" integer NOT NULL,
	"trained_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resolution_state" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"resolved_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "graph_edges" ADD CONSTRAINT "graph_edges_record_id_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graph_edges" ADD CONSTRAINT "graph_edges_source_records_id_fk" FOREIGN KEY ("source") REFERENCES "public"."records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graph_edges" ADD CONSTRAINT "graph_edges_target_records_id_fk" FOREIGN KEY ("target") REFERENCES "public"."records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_identifiers" ADD CONSTRAINT "record_identifiers_record_id_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolution_judgements" ADD CONSTRAINT "resolution_judgements_record_a_records_id_fk" FOREIGN KEY ("record_a") REFERENCES "public"."records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolution_judgements" ADD CONSTRAINT "resolution_judgements_record_b_records_id_fk" FOREIGN KEY ("record_b") REFERENCES "public"."records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolution_links" ADD CONSTRAINT "resolution_links_record_a_records_id_fk" FOREIGN KEY ("record_a") REFERENCES "public"."records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolution_links" ADD CONSTRAINT "resolution_links_record_b_records_id_fk" FOREIGN KEY ("record_b") REFERENCES "public"."records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolution_members" ADD CONSTRAINT "resolution_members_record_id_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolution_state" ADD CONSTRAINT "resolution_state_record_id_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "graph_edges_source" ON "graph_edges" USING btree ("source");--> statement-breakpoint
CREATE INDEX "graph_edges_target" ON "graph_edges" USING btree ("target");--> statement-breakpoint
CREATE INDEX "record_identifiers_value" ON "record_identifiers" USING btree ("kind","value_hash");--> statement-breakpoint
CREATE INDEX "resolution_judgements_b" ON "resolution_judgements" USING btree ("record_b");--> statement-breakpoint
CREATE INDEX "resolution_links_b" ON "resolution_links" USING btree ("record_b");--> statement-breakpoint
CREATE INDEX "resolution_members_entity" ON "resolution_members" USING btree ("entity_id");