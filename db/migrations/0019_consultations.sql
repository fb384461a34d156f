CREATE TABLE "consultation_answers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"consultation_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"answers" jsonb NOT NULL,
	"respondent_key" uuid,
	"resident_id" uuid,
	"household_id" uuid,
	"entered_by_account_id" uuid,
	"receipt_hash" text,
	"answered_at" timestamp with time zone,
	CONSTRAINT "consultation_answers_respondent" UNIQUE("community_id","consultation_id","respondent_key"),
	CONSTRAINT "consultation_answers_receipt" UNIQUE("consultation_id","receipt_hash"),
	CONSTRAINT "consultation_answers_named_or_receipt" CHECK (("consultation_answers"."respondent_key" is null) <> ("consultation_answers"."receipt_hash" is null))
);
--> statement-breakpoint
CREATE TABLE "consultation_respondents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"consultation_id" uuid NOT NULL,
	"respondent_key" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"entered_by_account_id" uuid,
	"answered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "consultation_respondents_once" UNIQUE("community_id","consultation_id","respondent_key")
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"title" text NOT NULL,
	"purpose" text NOT NULL,
	"questions" jsonb NOT NULL,
	"audience" jsonb NOT NULL,
	"voters_of_election_id" uuid,
	"per" text NOT NULL,
	"anonymous" boolean NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"notice_id" uuid,
	"created_by_account_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "consultations_community_id_unique" UNIQUE("community_id","id"),
	CONSTRAINT "consultations_window" CHECK ("consultations"."closes_at" > "consultations"."opens_at")
);
--> statement-breakpoint
CREATE TABLE "review_sections" (
	"community_id" uuid NOT NULL,
	"election_id" uuid NOT NULL,
	"experience" text NOT NULL,
	"shortcomings" text NOT NULL,
	"highlights" text NOT NULL,
	"updated_by_account_id" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "review_sections_community_id_election_id_pk" PRIMARY KEY("community_id","election_id")
);
--> statement-breakpoint
ALTER TABLE "consultation_answers" ADD CONSTRAINT "consultation_answers_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_answers" ADD CONSTRAINT "consultation_answers_entered_by_account_id_accounts_id_fk" FOREIGN KEY ("entered_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_answers" ADD CONSTRAINT "consultation_answers_consultation_fk" FOREIGN KEY ("community_id","consultation_id") REFERENCES "public"."consultations"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_answers" ADD CONSTRAINT "consultation_answers_resident_fk" FOREIGN KEY ("community_id","resident_id") REFERENCES "public"."residents"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_answers" ADD CONSTRAINT "consultation_answers_household_fk" FOREIGN KEY ("community_id","household_id") REFERENCES "public"."households"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_answers" ADD CONSTRAINT "consultation_answers_group_fk" FOREIGN KEY ("community_id","group_id") REFERENCES "public"."resident_groups"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_respondents" ADD CONSTRAINT "consultation_respondents_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_respondents" ADD CONSTRAINT "consultation_respondents_entered_by_account_id_accounts_id_fk" FOREIGN KEY ("entered_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_respondents" ADD CONSTRAINT "consultation_respondents_consultation_fk" FOREIGN KEY ("community_id","consultation_id") REFERENCES "public"."consultations"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_respondents" ADD CONSTRAINT "consultation_respondents_resident_fk" FOREIGN KEY ("community_id","resident_id") REFERENCES "public"."residents"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_respondents" ADD CONSTRAINT "consultation_respondents_group_fk" FOREIGN KEY ("community_id","group_id") REFERENCES "public"."resident_groups"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_election_fk" FOREIGN KEY ("community_id","voters_of_election_id") REFERENCES "public"."elections"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_sections" ADD CONSTRAINT "review_sections_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_sections" ADD CONSTRAINT "review_sections_updated_by_account_id_accounts_id_fk" FOREIGN KEY ("updated_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_sections" ADD CONSTRAINT "review_sections_election_fk" FOREIGN KEY ("community_id","election_id") REFERENCES "public"."elections"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_answers_group_idx" ON "consultation_answers" USING btree ("community_id","consultation_id","group_id");--> statement-breakpoint
CREATE INDEX "consultation_respondents_group_idx" ON "consultation_respondents" USING btree ("community_id","consultation_id","group_id");--> statement-breakpoint
CREATE INDEX "consultations_community_idx" ON "consultations" USING btree ("community_id","opens_at");