CREATE TABLE "survey_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_code" text NOT NULL,
	"name" text NOT NULL,
	"languages" jsonb NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "supply_sites" ADD COLUMN "sharing_groups" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "worker_voice_responses" ADD COLUMN "campaign_id" uuid;--> statement-breakpoint
ALTER TABLE "survey_campaigns" ADD CONSTRAINT "survey_campaigns_site_code_supply_sites_code_fk" FOREIGN KEY ("site_code") REFERENCES "public"."supply_sites"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_campaigns_site" ON "survey_campaigns" USING btree ("site_code","starts_on");--> statement-breakpoint
ALTER TABLE "worker_voice_responses" ADD CONSTRAINT "worker_voice_responses_campaign_id_survey_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."survey_campaigns"("id") ON DELETE set null ON UPDATE no action;