CREATE TABLE "candidate_nomination_signers" (
	"community_id" uuid NOT NULL,
	"nomination_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"signed_at" timestamp with time zone,
	CONSTRAINT "candidate_nomination_signers_unique" UNIQUE("community_id","nomination_id","resident_id")
);
--> statement-breakpoint
CREATE TABLE "candidate_nominations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"election_id" uuid NOT NULL,
	"seat" text NOT NULL,
	"nominee_resident_id" uuid NOT NULL,
	"nominator_resident_id" uuid NOT NULL,
	"status" text NOT NULL,
	"on_paper" boolean DEFAULT false NOT NULL,
	"entered_by_account_id" uuid,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "candidate_nominations_once_unique" UNIQUE("community_id","election_id","nominator_resident_id","nominee_resident_id"),
	CONSTRAINT "candidate_nominations_community_id_unique" UNIQUE("community_id","id")
);
--> statement-breakpoint
CREATE TABLE "term_registrations" (
	"id_number_hash" text NOT NULL,
	"term" text NOT NULL,
	"community_id" uuid NOT NULL,
	"election_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "term_registrations_person_unique" UNIQUE("id_number_hash","term")
);
--> statement-breakpoint
CREATE TABLE "voter_objections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"election_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"resident_id" uuid,
	"basis" text,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"objector_account_id" uuid NOT NULL,
	"due_by" date NOT NULL,
	"decision_reason" text,
	"decided_by_account_id" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "voter_objections_community_id_unique" UNIQUE("community_id","id")
);
--> statement-breakpoint
CREATE TABLE "resident_relations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"related_resident_id" uuid NOT NULL,
	"relation" text NOT NULL,
	"declared_by_account_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "resident_relations_pair_unique" UNIQUE("community_id","resident_id","related_resident_id")
);
--> statement-breakpoint
ALTER TABLE "election_candidates" ADD COLUMN "nominations" integer;--> statement-breakpoint
ALTER TABLE "election_nominations" ADD COLUMN "meeting_on" date;--> statement-breakpoint
ALTER TABLE "election_nominations" ADD COLUMN "meeting_present" integer;--> statement-breakpoint
ALTER TABLE "election_nominations" ADD COLUMN "meeting_votes_for" integer;--> statement-breakpoint
ALTER TABLE "election_voters" ADD COLUMN "basis" text DEFAULT 'hukou' NOT NULL;--> statement-breakpoint
ALTER TABLE "election_voters" ADD COLUMN "votes_for_household" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "elections" ADD COLUMN "law" text DEFAULT 'gansu-2026' NOT NULL;--> statement-breakpoint
ALTER TABLE "elections" ADD COLUMN "mode" text DEFAULT 'voters' NOT NULL;--> statement-breakpoint
ALTER TABLE "elections" ADD COLUMN "basis" text;--> statement-breakpoint
ALTER TABLE "elections" ADD COLUMN "term" text DEFAULT '2026' NOT NULL;--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "sex" text;--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "household_relation" text;--> statement-breakpoint
ALTER TABLE "candidate_nomination_signers" ADD CONSTRAINT "candidate_nomination_signers_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_nomination_signers" ADD CONSTRAINT "candidate_nomination_signers_nomination_fk" FOREIGN KEY ("community_id","nomination_id") REFERENCES "public"."candidate_nominations"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_nomination_signers" ADD CONSTRAINT "candidate_nomination_signers_resident_fk" FOREIGN KEY ("community_id","resident_id") REFERENCES "public"."residents"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_nominations" ADD CONSTRAINT "candidate_nominations_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_nominations" ADD CONSTRAINT "candidate_nominations_entered_by_account_id_accounts_id_fk" FOREIGN KEY ("entered_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_nominations" ADD CONSTRAINT "candidate_nominations_election_fk" FOREIGN KEY ("community_id","election_id") REFERENCES "public"."elections"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_nominations" ADD CONSTRAINT "candidate_nominations_nominee_fk" FOREIGN KEY ("community_id","nominee_resident_id") REFERENCES "public"."residents"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_nominations" ADD CONSTRAINT "candidate_nominations_nominator_fk" FOREIGN KEY ("community_id","nominator_resident_id") REFERENCES "public"."residents"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "term_registrations" ADD CONSTRAINT "term_registrations_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "term_registrations" ADD CONSTRAINT "term_registrations_election_fk" FOREIGN KEY ("community_id","election_id") REFERENCES "public"."elections"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "term_registrations" ADD CONSTRAINT "term_registrations_resident_fk" FOREIGN KEY ("community_id","resident_id") REFERENCES "public"."residents"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voter_objections" ADD CONSTRAINT "voter_objections_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voter_objections" ADD CONSTRAINT "voter_objections_objector_account_id_accounts_id_fk" FOREIGN KEY ("objector_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voter_objections" ADD CONSTRAINT "voter_objections_decided_by_account_id_accounts_id_fk" FOREIGN KEY ("decided_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voter_objections" ADD CONSTRAINT "voter_objections_election_fk" FOREIGN KEY ("community_id","election_id") REFERENCES "public"."elections"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voter_objections" ADD CONSTRAINT "voter_objections_resident_fk" FOREIGN KEY ("community_id","resident_id") REFERENCES "public"."residents"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_relations" ADD CONSTRAINT "resident_relations_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_relations" ADD CONSTRAINT "resident_relations_declared_by_account_id_accounts_id_fk" FOREIGN KEY ("declared_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_relations" ADD CONSTRAINT "resident_relations_resident_fk" FOREIGN KEY ("community_id","resident_id") REFERENCES "public"."residents"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_relations" ADD CONSTRAINT "resident_relations_related_fk" FOREIGN KEY ("community_id","related_resident_id") REFERENCES "public"."residents"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "candidate_nomination_signers_resident_idx" ON "candidate_nomination_signers" USING btree ("community_id","resident_id");--> statement-breakpoint
CREATE INDEX "candidate_nominations_nominee_idx" ON "candidate_nominations" USING btree ("community_id","election_id","seat","nominee_resident_id","status");--> statement-breakpoint
CREATE INDEX "voter_objections_election_idx" ON "voter_objections" USING btree ("community_id","election_id","status","due_by");--> statement-breakpoint
CREATE INDEX "voter_objections_objector_idx" ON "voter_objections" USING btree ("community_id","objector_account_id");--> statement-breakpoint
CREATE INDEX "resident_relations_related_idx" ON "resident_relations" USING btree ("community_id","related_resident_id");--> statement-breakpoint
ALTER TABLE "audit_anchors" ADD CONSTRAINT "audit_anchors_election_fk" FOREIGN KEY ("community_id","election_id") REFERENCES "public"."elections"("community_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
-- Sex of residents already entered, from the 17th digit of the ID number, which the masked copy
-- keeps (its last four characters): odd male, even female (GB 11643).
UPDATE "residents" SET "sex" = CASE WHEN substr("id_number_masked", 17, 1) ~ '^[13579]$' THEN 'male' WHEN substr("id_number_masked", 17, 1) ~ '^[02468]$' THEN 'female' END WHERE "sex" IS NULL;
