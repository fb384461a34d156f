CREATE TABLE "audit_anchors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"code" text NOT NULL,
	"what" text NOT NULL,
	"subject" text NOT NULL,
	"label" text NOT NULL,
	"election_id" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "election_rounds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"election_id" uuid NOT NULL,
	"n" integer NOT NULL,
	"kind" text NOT NULL,
	"seat" text,
	"seats_to_fill" integer NOT NULL,
	"contenders" jsonb NOT NULL,
	"repeat_of" integer,
	"opened_by_account_id" uuid,
	"opened_at" timestamp with time zone NOT NULL,
	CONSTRAINT "election_rounds_n_unique" UNIQUE("community_id","election_id","n"),
	CONSTRAINT "election_rounds_n" CHECK ("election_rounds"."n" >= 2 and "election_rounds"."seats_to_fill" >= 0)
);
--> statement-breakpoint
CREATE TABLE "election_write_ins" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"election_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"seat" text NOT NULL,
	"name" text NOT NULL,
	"votes" integer NOT NULL,
	"resident_id" uuid,
	"not_eligible" boolean DEFAULT false NOT NULL,
	"matched_by_account_id" uuid,
	"matched_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "election_write_ins_name_unique" UNIQUE("community_id","election_id","round","seat","name"),
	CONSTRAINT "election_write_ins_id_community_unique" UNIQUE("community_id","id"),
	CONSTRAINT "election_write_ins_match" CHECK (not ("election_write_ins"."not_eligible" and "election_write_ins"."resident_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "election_ballots" DROP CONSTRAINT "election_ballots_voter_unique";--> statement-breakpoint
ALTER TABLE "election_ballots" ADD COLUMN "round" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "election_tallies" ADD COLUMN "round" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_anchors" ADD CONSTRAINT "audit_anchors_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_rounds" ADD CONSTRAINT "election_rounds_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_rounds" ADD CONSTRAINT "election_rounds_opened_by_account_id_accounts_id_fk" FOREIGN KEY ("opened_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_rounds" ADD CONSTRAINT "election_rounds_election_fk" FOREIGN KEY ("community_id","election_id") REFERENCES "public"."elections"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_write_ins" ADD CONSTRAINT "election_write_ins_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_write_ins" ADD CONSTRAINT "election_write_ins_matched_by_account_id_accounts_id_fk" FOREIGN KEY ("matched_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_write_ins" ADD CONSTRAINT "election_write_ins_election_fk" FOREIGN KEY ("community_id","election_id") REFERENCES "public"."elections"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_write_ins" ADD CONSTRAINT "election_write_ins_resident_fk" FOREIGN KEY ("community_id","resident_id") REFERENCES "public"."residents"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_anchors_code_idx" ON "audit_anchors" USING btree ("code");--> statement-breakpoint
CREATE INDEX "audit_anchors_community_seq_idx" ON "audit_anchors" USING btree ("community_id","seq");--> statement-breakpoint
ALTER TABLE "election_ballots" ADD CONSTRAINT "election_ballots_voter_round_unique" UNIQUE("community_id","election_id","round","voter_resident_id");