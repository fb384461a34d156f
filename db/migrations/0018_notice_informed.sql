CREATE TABLE "notice_informed" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"notice_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"marked_by_account_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "notice_informed_unique" UNIQUE("community_id","notice_id","resident_id")
);
--> statement-breakpoint
ALTER TABLE "notice_informed" ADD CONSTRAINT "notice_informed_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_informed" ADD CONSTRAINT "notice_informed_marked_by_account_id_accounts_id_fk" FOREIGN KEY ("marked_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_informed" ADD CONSTRAINT "notice_informed_notice_fk" FOREIGN KEY ("community_id","notice_id") REFERENCES "public"."notices"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_informed" ADD CONSTRAINT "notice_informed_resident_fk" FOREIGN KEY ("community_id","resident_id") REFERENCES "public"."residents"("community_id","id") ON DELETE no action ON UPDATE no action;