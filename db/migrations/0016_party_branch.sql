CREATE TABLE "party_assignments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"duty" text NOT NULL,
	"label" text,
	"recorded_by_account_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "party_assignments_member_duty_unique" UNIQUE("community_id","meeting_id","member_id","duty")
);
--> statement-breakpoint
CREATE TABLE "party_attendance" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"status" text NOT NULL,
	"recorded_by_account_id" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "party_attendance_member_unique" UNIQUE("community_id","meeting_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "party_ballots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"member_id" uuid NOT NULL,
	"issued_by_account_id" uuid,
	"issued_at" timestamp with time zone NOT NULL,
	CONSTRAINT "party_ballots_member_round_unique" UNIQUE("community_id","meeting_id","round","member_id")
);
--> statement-breakpoint
CREATE TABLE "party_candidates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"post" text NOT NULL,
	"recommendations" integer DEFAULT 0 NOT NULL,
	"reviewed_at" timestamp with time zone,
	"created_by_account_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "party_candidates_member_unique" UNIQUE("community_id","meeting_id","member_id","post"),
	CONSTRAINT "party_candidates_community_id_unique" UNIQUE("community_id","id"),
	CONSTRAINT "party_candidates_recommendations" CHECK ("party_candidates"."recommendations" >= 0)
);
--> statement-breakpoint
CREATE TABLE "party_meetings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"date" date NOT NULL,
	"seats" jsonb NOT NULL,
	"elects_from_meeting_id" uuid,
	"candidates_published_at" timestamp with time zone,
	"created_by_account_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "party_meetings_community_id_unique" UNIQUE("community_id","id")
);
--> statement-breakpoint
CREATE TABLE "party_members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"resident_id" uuid,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"admitted_on" date NOT NULL,
	"full_on" date,
	"suspended" boolean DEFAULT false NOT NULL,
	"transferred_in_on" date,
	"transferred_out_on" date,
	"created_by_account_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "party_members_community_id_unique" UNIQUE("community_id","id"),
	CONSTRAINT "party_members_resident_unique" UNIQUE("community_id","resident_id"),
	CONSTRAINT "party_members_full_on" CHECK (("party_members"."status" = 'full') = ("party_members"."full_on" is not null))
);
--> statement-breakpoint
CREATE TABLE "party_officials" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "party_officials_member_unique" UNIQUE("community_id","meeting_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "party_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"branch_type" text,
	"body" text NOT NULL,
	"figures" jsonb NOT NULL,
	"submitted_on" date NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"approved_on" date,
	"document_no" text,
	"created_by_account_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"approved_by_account_id" uuid,
	"approved_at" timestamp with time zone,
	CONSTRAINT "party_requests_community_id_unique" UNIQUE("community_id","id"),
	CONSTRAINT "party_requests_approval" CHECK (("party_requests"."status" = 'approved') = ("party_requests"."approved_on" is not null and "party_requests"."document_no" is not null))
);
--> statement-breakpoint
CREATE TABLE "party_rounds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"n" integer NOT NULL,
	"kind" text NOT NULL,
	"seats" jsonb NOT NULL,
	"contenders" jsonb NOT NULL,
	"opened_by_account_id" uuid,
	"opened_at" timestamp with time zone NOT NULL,
	CONSTRAINT "party_rounds_n_unique" UNIQUE("community_id","meeting_id","n"),
	CONSTRAINT "party_rounds_n" CHECK ("party_rounds"."n" >= 1)
);
--> statement-breakpoint
CREATE TABLE "party_tallies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"counter_member_id" uuid NOT NULL,
	"entered_by_account_id" uuid NOT NULL,
	"ballots_cast" integer NOT NULL,
	"invalid_ballots" integer NOT NULL,
	"votes" jsonb NOT NULL,
	"write_ins" jsonb NOT NULL,
	"fingerprint" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "party_tallies_counts" CHECK ("party_tallies"."ballots_cast" >= 0 and "party_tallies"."invalid_ballots" >= 0 and "party_tallies"."invalid_ballots" <= "party_tallies"."ballots_cast")
);
--> statement-breakpoint
ALTER TABLE "party_assignments" ADD CONSTRAINT "party_assignments_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_assignments" ADD CONSTRAINT "party_assignments_recorded_by_account_id_accounts_id_fk" FOREIGN KEY ("recorded_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_assignments" ADD CONSTRAINT "party_assignments_meeting_fk" FOREIGN KEY ("community_id","meeting_id") REFERENCES "public"."party_meetings"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_assignments" ADD CONSTRAINT "party_assignments_member_fk" FOREIGN KEY ("community_id","member_id") REFERENCES "public"."party_members"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_attendance" ADD CONSTRAINT "party_attendance_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_attendance" ADD CONSTRAINT "party_attendance_recorded_by_account_id_accounts_id_fk" FOREIGN KEY ("recorded_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_attendance" ADD CONSTRAINT "party_attendance_meeting_fk" FOREIGN KEY ("community_id","meeting_id") REFERENCES "public"."party_meetings"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_attendance" ADD CONSTRAINT "party_attendance_member_fk" FOREIGN KEY ("community_id","member_id") REFERENCES "public"."party_members"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_ballots" ADD CONSTRAINT "party_ballots_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_ballots" ADD CONSTRAINT "party_ballots_issued_by_account_id_accounts_id_fk" FOREIGN KEY ("issued_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_ballots" ADD CONSTRAINT "party_ballots_meeting_fk" FOREIGN KEY ("community_id","meeting_id") REFERENCES "public"."party_meetings"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_ballots" ADD CONSTRAINT "party_ballots_member_fk" FOREIGN KEY ("community_id","member_id") REFERENCES "public"."party_members"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_candidates" ADD CONSTRAINT "party_candidates_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_candidates" ADD CONSTRAINT "party_candidates_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_candidates" ADD CONSTRAINT "party_candidates_meeting_fk" FOREIGN KEY ("community_id","meeting_id") REFERENCES "public"."party_meetings"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_candidates" ADD CONSTRAINT "party_candidates_member_fk" FOREIGN KEY ("community_id","member_id") REFERENCES "public"."party_members"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_meetings" ADD CONSTRAINT "party_meetings_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_meetings" ADD CONSTRAINT "party_meetings_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_meetings" ADD CONSTRAINT "party_meetings_elects_from_fk" FOREIGN KEY ("community_id","elects_from_meeting_id") REFERENCES "public"."party_meetings"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_members" ADD CONSTRAINT "party_members_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_members" ADD CONSTRAINT "party_members_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_members" ADD CONSTRAINT "party_members_resident_fk" FOREIGN KEY ("community_id","resident_id") REFERENCES "public"."residents"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_officials" ADD CONSTRAINT "party_officials_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_officials" ADD CONSTRAINT "party_officials_meeting_fk" FOREIGN KEY ("community_id","meeting_id") REFERENCES "public"."party_meetings"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_officials" ADD CONSTRAINT "party_officials_member_fk" FOREIGN KEY ("community_id","member_id") REFERENCES "public"."party_members"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_requests" ADD CONSTRAINT "party_requests_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_requests" ADD CONSTRAINT "party_requests_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_requests" ADD CONSTRAINT "party_requests_approved_by_account_id_accounts_id_fk" FOREIGN KEY ("approved_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_rounds" ADD CONSTRAINT "party_rounds_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_rounds" ADD CONSTRAINT "party_rounds_opened_by_account_id_accounts_id_fk" FOREIGN KEY ("opened_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_rounds" ADD CONSTRAINT "party_rounds_meeting_fk" FOREIGN KEY ("community_id","meeting_id") REFERENCES "public"."party_meetings"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_tallies" ADD CONSTRAINT "party_tallies_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_tallies" ADD CONSTRAINT "party_tallies_entered_by_account_id_accounts_id_fk" FOREIGN KEY ("entered_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_tallies" ADD CONSTRAINT "party_tallies_meeting_fk" FOREIGN KEY ("community_id","meeting_id") REFERENCES "public"."party_meetings"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_tallies" ADD CONSTRAINT "party_tallies_counter_fk" FOREIGN KEY ("community_id","counter_member_id") REFERENCES "public"."party_members"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "party_meetings_date_idx" ON "party_meetings" USING btree ("community_id","date");--> statement-breakpoint
CREATE INDEX "party_members_name_idx" ON "party_members" USING btree ("community_id","name");--> statement-breakpoint
CREATE INDEX "party_requests_kind_idx" ON "party_requests" USING btree ("community_id","kind","created_at");--> statement-breakpoint
CREATE INDEX "party_tallies_round_idx" ON "party_tallies" USING btree ("community_id","meeting_id","round","created_at");