ALTER TABLE "resolution_state" ADD COLUMN "at" text;--> statement-breakpoint
ALTER TABLE "resolution_state" ADD COLUMN "place" text;