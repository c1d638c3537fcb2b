CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"permissions" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"organisation_id" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"state" text NOT NULL,
	"status_code" integer,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_organisation_id_key_pk" PRIMARY KEY("organisation_id","key")
);
--> statement-breakpoint
CREATE TABLE "ingest_jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"channel" text NOT NULL,
	"format" text NOT NULL,
	"file_name" text,
	"source_system" text,
	"state" text NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"inserted" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"superseded" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"message" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "markings" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_organisation" text NOT NULL,
	"sector" text NOT NULL,
	"subject_category" text NOT NULL,
	"purposes" text[] NOT NULL,
	"legal_basis" text,
	"tlp" text,
	"confidentiality" text NOT NULL,
	"sharing_groups" text[] NOT NULL,
	"field_restrictions" jsonb NOT NULL,
	"handling" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"organisation_type" text NOT NULL,
	"sector" text NOT NULL,
	"country" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"entity_type" text NOT NULL,
	"owner_organisation" text NOT NULL,
	"source_system" text NOT NULL,
	"source_record_id" text NOT NULL,
	"marking_id" text NOT NULL,
	"collected_at" timestamp with time zone NOT NULL,
	"retention_review_at" date NOT NULL,
	"caption" text,
	"source_id" uuid,
	"target_id" uuid,
	"content_hash" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entity_address" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"full" text,
	"name" text,
	"street" text,
	"postal_code" text,
	"city" text,
	"region" text,
	"country" text,
	"latitude" double precision,
	"longitude" double precision,
	"place_type" text
);
--> statement-breakpoint
CREATE TABLE "entity_advert" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"title" text,
	"body" text,
	"url" text[],
	"site" text,
	"category" text,
	"posted_at" timestamp with time zone,
	"city" text[],
	"country" text[],
	"phone" text[],
	"email" text[],
	"handle" text[],
	"price" bigint,
	"currency" text,
	"age_claimed" bigint,
	"image_hash" text[],
	"advertiser" uuid
);
--> statement-breakpoint
CREATE TABLE "entity_advertised_by" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"advert" uuid,
	"advertiser" uuid,
	"role" text,
	"start_date" text,
	"end_date" text,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "entity_associate" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"person" uuid,
	"associate" uuid,
	"role" text,
	"start_date" text,
	"end_date" text,
	"description" text,
	"relationship" text
);
--> statement-breakpoint
CREATE TABLE "entity_bank_account" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"iban" text,
	"account_number" text,
	"bic" text,
	"bank_name" text,
	"account_type" text,
	"country" text,
	"currency" text,
	"holder" uuid,
	"holder_name" text[],
	"opening_date" text,
	"closing_date" text
);
--> statement-breakpoint
CREATE TABLE "entity_booking" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"booking_reference" text,
	"accommodation" uuid,
	"accommodation_name" text,
	"address" text,
	"city" text,
	"country" text,
	"check_in" text,
	"check_out" text,
	"guests" uuid[],
	"guest_names" text[],
	"guest_count" bigint,
	"booked_by" uuid,
	"paid_with" uuid,
	"amount" bigint,
	"currency" text,
	"channel" text
);
--> statement-breakpoint
CREATE TABLE "entity_case" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"title" text,
	"reference" text,
	"status" text,
	"opened_at" text,
	"closed_at" text,
	"exploitation_type" text[],
	"recruitment_method" text[],
	"control_method" text[],
	"transport_method" text[],
	"country_of_exploitation" text[],
	"country_of_origin" text[],
	"subjects" uuid[],
	"description" text
);
--> statement-breakpoint
CREATE TABLE "entity_email" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"address" text,
	"provider" text,
	"first_seen_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "entity_employment" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"employee" uuid,
	"employer" uuid,
	"role" text,
	"start_date" text,
	"end_date" text,
	"description" text,
	"wage" bigint,
	"currency" text,
	"recruitment_fee" bigint
);
--> statement-breakpoint
CREATE TABLE "entity_family" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"person" uuid,
	"relative" uuid,
	"role" text,
	"start_date" text,
	"end_date" text,
	"description" text,
	"relationship" text
);
--> statement-breakpoint
CREATE TABLE "entity_holds_document" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"holder" uuid,
	"document" uuid,
	"role" text,
	"start_date" text,
	"end_date" text,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "entity_identity_document" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"document_type" text,
	"number" text,
	"issuing_country" text,
	"issuing_authority" text,
	"issue_date" text,
	"expiry_date" text,
	"status" text,
	"holder" uuid,
	"holder_name" text[],
	"holder_birth_date" text,
	"holder_nationality" text,
	"mrz" text
);
--> statement-breakpoint
CREATE TABLE "entity_lives_at" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"resident" uuid,
	"address" uuid,
	"role" text,
	"start_date" text,
	"end_date" text,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "entity_membership" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"member" uuid,
	"organization" uuid,
	"role" text,
	"start_date" text,
	"end_date" text,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "entity_notice" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"notice_type" text,
	"title" text,
	"reference" text,
	"status" text,
	"subject" uuid,
	"name" text[],
	"birth_date" text[],
	"gender" text,
	"nationality" text[],
	"child" boolean,
	"document_number" text[],
	"document_country" text,
	"phone" text[],
	"email" text[],
	"photo_reference" text[],
	"last_seen_at" text,
	"last_seen_place" text,
	"circumstances" text,
	"modus_operandi" text,
	"issuing_authority" text,
	"expires_at" text
);
--> statement-breakpoint
CREATE TABLE "entity_online_account" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"service" text,
	"username" text[],
	"display_name" text[],
	"profile_url" text[],
	"email" text[],
	"phone" text[],
	"owner" uuid,
	"created_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "entity_organization" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"name" text[],
	"alias" text[],
	"category" text,
	"sector" text,
	"registration_number" text[],
	"country" text[],
	"address" text[],
	"phone" text[],
	"email" text[],
	"website" text[],
	"opening_hours" text,
	"incorporation_date" text,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "entity_ownership" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"owner" uuid,
	"asset" uuid,
	"role" text,
	"start_date" text,
	"end_date" text,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "entity_payment" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"payer" uuid,
	"payee" uuid,
	"payer_account" uuid,
	"payee_account" uuid,
	"amount" bigint,
	"currency" text,
	"occurred_at" timestamp with time zone,
	"merchant_category" text,
	"merchant_name" text,
	"channel" text,
	"reference" text,
	"description" text,
	"city" text,
	"country" text,
	"device_id" text
);
--> statement-breakpoint
CREATE TABLE "entity_payment_instrument" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"instrument_type" text,
	"fingerprint" text,
	"last_digits" text,
	"issuer" text,
	"country" text,
	"holder" uuid,
	"holder_name" text[],
	"account" uuid
);
--> statement-breakpoint
CREATE TABLE "entity_person" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"name" text[],
	"alias" text[],
	"first_name" text[],
	"last_name" text[],
	"birth_date" text[],
	"birth_place" text[],
	"gender" text,
	"nationality" text[],
	"country" text[],
	"phone" text[],
	"email" text[],
	"id_number" text[],
	"address" text[],
	"protected_victim" boolean,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "entity_phone" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"number" text,
	"country" text,
	"line_type" text,
	"carrier" text,
	"first_seen_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "entity_site" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"name" text,
	"category" text,
	"operator" uuid,
	"buyers" uuid[],
	"address" text,
	"city" text,
	"country" text,
	"latitude" double precision,
	"longitude" double precision,
	"worker_count" bigint,
	"product" text[]
);
--> statement-breakpoint
CREATE TABLE "entity_stayed_at" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"guest" uuid,
	"stay" uuid,
	"role" text,
	"start_date" text,
	"end_date" text,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "entity_survey_response" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"site" uuid,
	"campaign" text,
	"responded_at" timestamp with time zone,
	"channel" text,
	"language" text,
	"answers" text,
	"indicators" text[],
	"score" double precision,
	"comment" text
);
--> statement-breakpoint
CREATE TABLE "entity_tip" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone,
	"channel" text,
	"language" text,
	"summary" text,
	"text" text,
	"place" text,
	"city" text,
	"country" text,
	"in_danger" boolean,
	"exploitation_type" text[],
	"phone" text[],
	"url" text[],
	"vehicle" text[],
	"mentions" uuid[]
);
--> statement-breakpoint
CREATE TABLE "entity_travelled_on" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"passenger" uuid,
	"trip" uuid,
	"role" text,
	"start_date" text,
	"end_date" text,
	"description" text,
	"seat" text,
	"document" uuid
);
--> statement-breakpoint
CREATE TABLE "entity_trip" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"mode" text,
	"origin" text,
	"origin_country" text,
	"origin_place" uuid,
	"destination" text,
	"destination_country" text,
	"destination_place" uuid,
	"departure_at" timestamp with time zone,
	"arrival_at" timestamp with time zone,
	"carrier" text,
	"carrier_organization" uuid,
	"service_number" text,
	"booking_reference" text,
	"passengers" uuid[],
	"passenger_names" text[],
	"vehicle" uuid,
	"paid_with" uuid
);
--> statement-breakpoint
CREATE TABLE "entity_unknown_link" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"subject" uuid,
	"object" uuid,
	"role" text,
	"start_date" text,
	"end_date" text,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "entity_uses_email" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"holder" uuid,
	"email" uuid,
	"role" text,
	"start_date" text,
	"end_date" text,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "entity_uses_phone" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"holder" uuid,
	"phone" uuid,
	"role" text,
	"start_date" text,
	"end_date" text,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "entity_vehicle" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"registration_number" text,
	"vehicle_type" text,
	"make" text,
	"model" text,
	"colour" text,
	"country" text,
	"owner" uuid,
	"operator" uuid
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_key_hash" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "ingest_jobs_organisation" ON "ingest_jobs" USING btree ("organisation_id","started_at");--> statement-breakpoint
CREATE INDEX "records_owner_id" ON "records" USING btree ("owner_organisation","id");