CREATE TABLE "report_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"media_type" text NOT NULL,
	"byte_length" integer NOT NULL,
	"content" text NOT NULL,
	"removed" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"author" text NOT NULL,
	"user_id" text,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"record_id" uuid NOT NULL,
	"organisation_id" text NOT NULL,
	"channel" text NOT NULL,
	"language" text NOT NULL,
	"receipt_hash" text,
	"conversation_alias" text,
	"state" text DEFAULT 'new' NOT NULL,
	"priority" text NOT NULL,
	"priority_reasons" jsonb NOT NULL,
	"extracted" text NOT NULL,
	"duplicate_of" uuid,
	"assigned_to" text,
	"routed_to" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "supply_sites" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"organisation_id" text NOT NULL,
	"country" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "worker_voice_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_code" text NOT NULL,
	"language" text NOT NULL,
	"channel" text NOT NULL,
	"scores" jsonb NOT NULL,
	"received_on" date NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_files" ADD CONSTRAINT "report_files_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_messages" ADD CONSTRAINT "report_messages_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_record_id_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_sites" ADD CONSTRAINT "supply_sites_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_voice_responses" ADD CONSTRAINT "worker_voice_responses_site_code_supply_sites_code_fk" FOREIGN KEY ("site_code") REFERENCES "public"."supply_sites"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_files_report" ON "report_files" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "report_messages_report" ON "report_messages" USING btree ("report_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_receipt" ON "reports" USING btree ("receipt_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_record" ON "reports" USING btree ("record_id");--> statement-breakpoint
CREATE INDEX "reports_queue" ON "reports" USING btree ("organisation_id","received_at");--> statement-breakpoint
CREATE INDEX "worker_voice_site" ON "worker_voice_responses" USING btree ("site_code","received_on");