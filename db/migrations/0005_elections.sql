CREATE TABLE "election_voters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"election_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"status" text NOT NULL,
	"age_on_election_day" integer NOT NULL,
	"registered_at" timestamp with time zone NOT NULL,
	"registered_by_account_id" uuid,
	"removed_at" timestamp with time zone,
	"removed_reason" text,
	CONSTRAINT "election_voters_resident_unique" UNIQUE("community_id","election_id","resident_id")
);
--> statement-breakpoint
CREATE TABLE "elections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"title" text NOT NULL,
	"election_day" date NOT NULL,
	"seats" jsonb NOT NULL,
	"rules" jsonb NOT NULL,
	"created_by_account_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "elections_id_community_unique" UNIQUE("community_id","id")
);
--> statement-breakpoint
CREATE INDEX "election_voters_list_idx" ON "election_voters" USING btree ("community_id","election_id","status","id");--> statement-breakpoint
CREATE INDEX "elections_day_idx" ON "elections" USING btree ("community_id","election_day");