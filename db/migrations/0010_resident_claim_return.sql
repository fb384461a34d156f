ALTER TABLE "residents" ADD COLUMN "return_reason" text;--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "returned_by_account_id" uuid;