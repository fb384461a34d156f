CREATE TABLE "election_nominations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"election_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"status" text NOT NULL,
	"nominated_by_account_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"confirmed_by_account_id" uuid,
	"confirmed_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "households" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"label" text NOT NULL,
	CONSTRAINT "households_label_unique" UNIQUE("community_id","group_id","label")
);
--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "household_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "election_nominations_one_live_idx" ON "election_nominations" USING btree ("community_id","election_id","resident_id") WHERE "election_nominations"."status" in ('nominated', 'confirmed');--> statement-breakpoint
CREATE INDEX "election_nominations_group_idx" ON "election_nominations" USING btree ("community_id","election_id","group_id","status");--> statement-breakpoint
CREATE INDEX "residents_household_idx" ON "residents" USING btree ("community_id","household_id");