CREATE TABLE "election_ballots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"election_id" uuid NOT NULL,
	"voter_resident_id" uuid NOT NULL,
	"handed_to_resident_id" uuid NOT NULL,
	"proxy_application_id" uuid,
	"issued_by_account_id" uuid,
	"issued_at" timestamp with time zone NOT NULL,
	CONSTRAINT "election_ballots_voter_unique" UNIQUE("community_id","election_id","voter_resident_id")
);
--> statement-breakpoint
CREATE TABLE "election_officials" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"election_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"role" text NOT NULL,
	"approved_at" timestamp with time zone NOT NULL,
	"appointed_by_account_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "election_officials_resident_unique" UNIQUE("community_id","election_id","resident_id")
);
--> statement-breakpoint
CREATE TABLE "election_publications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"election_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"notice_id" uuid,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"audit_seq" integer NOT NULL,
	"audit_hash" text NOT NULL,
	"published_by_account_id" uuid,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "election_publications_kind_unique" UNIQUE("community_id","election_id","kind")
);
--> statement-breakpoint
CREATE TABLE "election_tallies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"election_id" uuid NOT NULL,
	"counter_resident_id" uuid NOT NULL,
	"entered_by_account_id" uuid NOT NULL,
	"ballots_cast" integer NOT NULL,
	"invalid_ballots" integer NOT NULL,
	"votes" jsonb NOT NULL,
	"write_ins" jsonb NOT NULL,
	"fingerprint" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "election_tallies_counts" CHECK ("election_tallies"."ballots_cast" >= 0 and "election_tallies"."invalid_ballots" >= 0 and "election_tallies"."invalid_ballots" <= "election_tallies"."ballots_cast")
);
--> statement-breakpoint
CREATE INDEX "election_ballots_holder_idx" ON "election_ballots" USING btree ("community_id","election_id","handed_to_resident_id");--> statement-breakpoint
CREATE INDEX "election_tallies_election_idx" ON "election_tallies" USING btree ("community_id","election_id","created_at");