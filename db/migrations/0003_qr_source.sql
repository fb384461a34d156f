ALTER TABLE "qr_tickets" ADD COLUMN "source" text;--> statement-breakpoint
CREATE INDEX "qr_tickets_source_idx" ON "qr_tickets" USING btree ("source","created_at");