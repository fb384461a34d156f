ALTER TABLE "service_requests" ADD COLUMN "due_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "service_requests_due_idx" ON "service_requests" USING btree ("community_id","due_at","id");--> statement-breakpoint
CREATE INDEX "service_requests_filer_idx" ON "service_requests" USING btree ("community_id","filed_by_account_id","id");