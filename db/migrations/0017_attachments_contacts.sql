-- The reply events get UNIQUE (community_id, id) first: attachments name the event they came with.
ALTER TABLE "service_request_events" ADD CONSTRAINT "service_request_events_community_id_unique" UNIQUE("community_id","id");--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"uploader_account_id" uuid NOT NULL,
	"request_id" uuid,
	"event_id" uuid,
	"storage_key" text NOT NULL,
	"thumbnail_key" text NOT NULL,
	"content_type" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"bytes" integer NOT NULL,
	"check_status" text DEFAULT 'pending' NOT NULL,
	"check_trace_id" text,
	"checked_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"attached_at" timestamp with time zone,
	CONSTRAINT "attachments_community_id_unique" UNIQUE("community_id","id")
);
--> statement-breakpoint
CREATE TABLE "phone_reveals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"actor_account_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "origin_village" text;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "resettled_year" smallint;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploader_account_id_accounts_id_fk" FOREIGN KEY ("uploader_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_request_fk" FOREIGN KEY ("community_id","request_id") REFERENCES "public"."service_requests"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_event_fk" FOREIGN KEY ("community_id","event_id") REFERENCES "public"."service_request_events"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_reveals" ADD CONSTRAINT "phone_reveals_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_reveals" ADD CONSTRAINT "phone_reveals_actor_account_id_accounts_id_fk" FOREIGN KEY ("actor_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_reveals" ADD CONSTRAINT "phone_reveals_resident_fk" FOREIGN KEY ("community_id","resident_id") REFERENCES "public"."residents"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_request_idx" ON "attachments" USING btree ("community_id","request_id","id");--> statement-breakpoint
CREATE INDEX "attachments_uploader_idx" ON "attachments" USING btree ("community_id","uploader_account_id","id");--> statement-breakpoint
CREATE INDEX "attachments_trace_idx" ON "attachments" USING btree ("check_trace_id");--> statement-breakpoint
CREATE INDEX "phone_reveals_resident_idx" ON "phone_reveals" USING btree ("community_id","resident_id","at");--> statement-breakpoint
CREATE INDEX "phone_reveals_actor_idx" ON "phone_reveals" USING btree ("community_id","actor_account_id","at");--> statement-breakpoint
-- The window's missing matters, for every community that exists: 户口/户籍, 医保, and 原村权益
-- (land and collective-economy rights kept in the original village); 其他事项 stays last.
INSERT INTO "service_categories" ("community_id", "code", "name", "sla_accept_hours", "sla_resolve_hours", "sensitive", "sort_order")
SELECT "id", v.code, v.name, v.accept, v.resolve, false, v.sort FROM "communities"
CROSS JOIN (VALUES ('household_registration', '户口户籍', 24, 120, 9), ('medical_insurance', '医疗保险', 24, 120, 10), ('village_rights', '原村权益', 24, 240, 11)) AS v(code, name, accept, resolve, sort)
ON CONFLICT DO NOTHING;--> statement-breakpoint
UPDATE "service_categories" SET "sort_order" = 12 WHERE "code" = 'other' AND "sort_order" = 9;
