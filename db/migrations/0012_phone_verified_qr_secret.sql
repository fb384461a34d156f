ALTER TABLE "accounts" ADD COLUMN "phone_verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "qr_tickets" ADD COLUMN "secret_hash" text;--> statement-breakpoint
ALTER TABLE "qr_tickets" ADD COLUMN "device" text;