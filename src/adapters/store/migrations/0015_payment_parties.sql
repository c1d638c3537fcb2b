ALTER TABLE "entity_payment" ADD COLUMN "payer_name" text;--> statement-breakpoint
ALTER TABLE "entity_payment" ADD COLUMN "payee_name" text;--> statement-breakpoint
ALTER TABLE "entity_payment" ADD COLUMN "payer_country" text;--> statement-breakpoint
ALTER TABLE "entity_payment" ADD COLUMN "payee_country" text;