CREATE TABLE "election_candidates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"election_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"seat" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_by_account_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "election_candidates_resident_unique" UNIQUE("community_id","election_id","resident_id")
);
--> statement-breakpoint
CREATE TABLE "proxy_applications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"election_id" uuid NOT NULL,
	"applicant_resident_id" uuid NOT NULL,
	"proxy_resident_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"created_by_account_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"consented_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by_account_id" uuid,
	"decision_note" text,
	"withdrawn_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "election_candidates_seat_idx" ON "election_candidates" USING btree ("community_id","election_id","seat","sort_order");--> statement-breakpoint
CREATE UNIQUE INDEX "proxy_applications_one_live_idx" ON "proxy_applications" USING btree ("community_id","election_id","applicant_resident_id") WHERE "proxy_applications"."status" in ('awaiting_consent', 'awaiting_approval', 'approved');--> statement-breakpoint
CREATE INDEX "proxy_applications_proxy_idx" ON "proxy_applications" USING btree ("community_id","election_id","proxy_resident_id","status");--> statement-breakpoint
CREATE INDEX "proxy_applications_list_idx" ON "proxy_applications" USING btree ("community_id","election_id","id");