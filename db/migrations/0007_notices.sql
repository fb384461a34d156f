CREATE TABLE "notice_reads" (
	"community_id" uuid NOT NULL,
	"notice_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notice_reads_community_id_account_id_notice_id_pk" PRIMARY KEY("community_id","account_id","notice_id")
);
--> statement-breakpoint
CREATE TABLE "notice_subscriptions" (
	"community_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"category" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notice_subscriptions_community_id_account_id_category_pk" PRIMARY KEY("community_id","account_id","category")
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"category" text NOT NULL,
	"kind" text,
	"election_id" uuid,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"publish_at" timestamp with time zone NOT NULL,
	"fanned_out_at" timestamp with time zone,
	"created_by_account_id" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notices_kind_election" CHECK ("notices"."kind" is null or "notices"."category" = 'election')
);
--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"source" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"openid" text,
	"template_key" text NOT NULL,
	"page" text NOT NULL,
	"data" jsonb NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"claimed_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscribe_credits" (
	"account_id" uuid NOT NULL,
	"template_key" text NOT NULL,
	"credits" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "subscribe_credits_account_id_template_key_pk" PRIMARY KEY("account_id","template_key"),
	CONSTRAINT "subscribe_credits_not_negative" CHECK ("subscribe_credits"."credits" >= 0)
);
--> statement-breakpoint
CREATE INDEX "notice_subscriptions_category_idx" ON "notice_subscriptions" USING btree ("community_id","category");--> statement-breakpoint
CREATE INDEX "notices_published_idx" ON "notices" USING btree ("community_id","publish_at","id");--> statement-breakpoint
CREATE INDEX "notices_category_idx" ON "notices" USING btree ("community_id","category","publish_at","id");--> statement-breakpoint
CREATE INDEX "notices_election_idx" ON "notices" USING btree ("community_id","election_id","kind");--> statement-breakpoint
CREATE INDEX "notices_due_idx" ON "notices" USING btree ("publish_at") WHERE "notices"."fanned_out_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_messages_once" ON "outbox_messages" USING btree ("community_id","source","subject_id","account_id");--> statement-breakpoint
CREATE INDEX "outbox_messages_due_idx" ON "outbox_messages" USING btree ("next_attempt_at","id") WHERE "outbox_messages"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_messages_sending_idx" ON "outbox_messages" USING btree ("claimed_at") WHERE "outbox_messages"."status" = 'sending';--> statement-breakpoint
CREATE INDEX "outbox_messages_subject_idx" ON "outbox_messages" USING btree ("community_id","subject_id","status");