CREATE TABLE "notice_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"actor" text NOT NULL,
	"reason" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screened_versions" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" text NOT NULL,
	"record_id" uuid NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "child_protection" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "entity_notice" ADD COLUMN "distribution" text;--> statement-breakpoint
ALTER TABLE "entity_notice" ADD COLUMN "distribution_sectors" text[];--> statement-breakpoint
ALTER TABLE "entity_notice" ADD COLUMN "distribution_groups" text[];--> statement-breakpoint
ALTER TABLE "notice_steps" ADD CONSTRAINT "notice_steps_notice_id_records_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screened_versions" ADD CONSTRAINT "screened_versions_record_id_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_record_id_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notice_steps_notice" ON "notice_steps" USING btree ("notice_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "subscriptions_unique" ON "subscriptions" USING btree ("organisation_id","record_id");--> statement-breakpoint
CREATE INDEX "subscriptions_record" ON "subscriptions" USING btree ("record_id");