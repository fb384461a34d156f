-- Parents are keyed by (community_id, id) too: children point at them with their community.
ALTER TABLE "notices" ADD CONSTRAINT "notices_community_id_unique" UNIQUE("community_id","id");--> statement-breakpoint
ALTER TABLE "proxy_applications" ADD CONSTRAINT "proxy_applications_community_id_unique" UNIQUE("community_id","id");--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_community_id_unique" UNIQUE("community_id","id");--> statement-breakpoint
ALTER TABLE "resident_groups" ADD CONSTRAINT "resident_groups_community_id_unique" UNIQUE("community_id","id");--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_community_id_unique" UNIQUE("community_id","id");--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_community_id_unique" UNIQUE("community_id","id");--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_group_id_unique" UNIQUE("community_id","group_id","id");--> statement-breakpoint
-- A household is one of its resident's group. A claim moved to another group could keep a household
-- of the old one: that placement was never right, and staff place the person again.
UPDATE "residents" r SET "household_id" = NULL FROM "households" h WHERE h."id" = r."household_id" AND h."group_id" <> r."group_id";--> statement-breakpoint
-- Who leads a group is its group_leader role row from now on (authorization always read that
-- one). A leader recorded only in resident_groups.leader_account_id gets the role row.
INSERT INTO "account_roles" ("id", "account_id", "community_id", "role", "group_id")
SELECT gen_random_uuid(), g."leader_account_id", g."community_id", 'group_leader', g."id"
FROM "resident_groups" g
JOIN "accounts" a ON a."id" = g."leader_account_id"
WHERE NOT EXISTS (
  SELECT 1 FROM "account_roles" r WHERE r."community_id" = g."community_id" AND r."role" = 'group_leader' AND r."group_id" = g."id"
);--> statement-breakpoint
-- One leader per group: should two role rows name one group, the one the group's column agrees
-- with stays (else the first by id).
DELETE FROM "account_roles" WHERE "id" IN (
  SELECT "id" FROM (
    SELECT r."id", row_number() OVER (
      PARTITION BY r."community_id", r."group_id"
      ORDER BY (r."account_id" = g."leader_account_id") IS TRUE DESC, r."id"
    ) AS "rank"
    FROM "account_roles" r JOIN "resident_groups" g ON g."id" = r."group_id"
    WHERE r."role" = 'group_leader'
  ) "ranked" WHERE "rank" > 1
);--> statement-breakpoint
-- A leader role without its group grants nothing (no code path writes one).
DELETE FROM "account_roles" WHERE "role" = 'group_leader' AND "group_id" IS NULL;--> statement-breakpoint
ALTER TABLE "resident_groups" DROP COLUMN "leader_account_id";--> statement-breakpoint
CREATE UNIQUE INDEX "account_roles_one_leader_idx" ON "account_roles" USING btree ("community_id","group_id") WHERE "account_roles"."role" = 'group_leader';--> statement-breakpoint
ALTER TABLE "account_roles" ADD CONSTRAINT "account_roles_group_of_leader" CHECK (("account_roles"."role" = 'group_leader') = ("account_roles"."group_id" is not null));--> statement-breakpoint
-- Every reference is a key; a reference to a community's row carries the community.
ALTER TABLE "account_roles" ADD CONSTRAINT "account_roles_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_roles" ADD CONSTRAINT "account_roles_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_roles" ADD CONSTRAINT "account_roles_group_fk" FOREIGN KEY ("community_id","group_id") REFERENCES "public"."resident_groups"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qr_tickets" ADD CONSTRAINT "qr_tickets_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qr_tickets" ADD CONSTRAINT "qr_tickets_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_ballots" ADD CONSTRAINT "election_ballots_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_ballots" ADD CONSTRAINT "election_ballots_issued_by_account_id_accounts_id_fk" FOREIGN KEY ("issued_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_ballots" ADD CONSTRAINT "election_ballots_election_fk" FOREIGN KEY ("community_id","election_id") REFERENCES "public"."elections"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_ballots" ADD CONSTRAINT "election_ballots_voter_fk" FOREIGN KEY ("community_id","voter_resident_id") REFERENCES "public"."residents"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_ballots" ADD CONSTRAINT "election_ballots_holder_fk" FOREIGN KEY ("community_id","handed_to_resident_id") REFERENCES "public"."residents"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_ballots" ADD CONSTRAINT "election_ballots_proxy_application_fk" FOREIGN KEY ("community_id","proxy_application_id") REFERENCES "public"."proxy_applications"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_officials" ADD CONSTRAINT "election_officials_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_officials" ADD CONSTRAINT "election_officials_appointed_by_account_id_accounts_id_fk" FOREIGN KEY ("appointed_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_officials" ADD CONSTRAINT "election_officials_election_fk" FOREIGN KEY ("community_id","election_id") REFERENCES "public"."elections"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_officials" ADD CONSTRAINT "election_officials_resident_fk" FOREIGN KEY ("community_id","resident_id") REFERENCES "public"."residents"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_publications" ADD CONSTRAINT "election_publications_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_publications" ADD CONSTRAINT "election_publications_published_by_account_id_accounts_id_fk" FOREIGN KEY ("published_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_publications" ADD CONSTRAINT "election_publications_election_fk" FOREIGN KEY ("community_id","election_id") REFERENCES "public"."elections"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_publications" ADD CONSTRAINT "election_publications_notice_fk" FOREIGN KEY ("community_id","notice_id") REFERENCES "public"."notices"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_tallies" ADD CONSTRAINT "election_tallies_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_tallies" ADD CONSTRAINT "election_tallies_entered_by_account_id_accounts_id_fk" FOREIGN KEY ("entered_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_tallies" ADD CONSTRAINT "election_tallies_election_fk" FOREIGN KEY ("community_id","election_id") REFERENCES "public"."elections"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_tallies" ADD CONSTRAINT "election_tallies_counter_fk" FOREIGN KEY ("community_id","counter_resident_id") REFERENCES "public"."residents"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_candidates" ADD CONSTRAINT "election_candidates_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_candidates" ADD CONSTRAINT "election_candidates_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_candidates" ADD CONSTRAINT "election_candidates_election_fk" FOREIGN KEY ("community_id","election_id") REFERENCES "public"."elections"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_candidates" ADD CONSTRAINT "election_candidates_resident_fk" FOREIGN KEY ("community_id","resident_id") REFERENCES "public"."residents"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_nominations" ADD CONSTRAINT "election_nominations_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_nominations" ADD CONSTRAINT "election_nominations_nominated_by_account_id_accounts_id_fk" FOREIGN KEY ("nominated_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_nominations" ADD CONSTRAINT "election_nominations_confirmed_by_account_id_accounts_id_fk" FOREIGN KEY ("confirmed_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_nominations" ADD CONSTRAINT "election_nominations_election_fk" FOREIGN KEY ("community_id","election_id") REFERENCES "public"."elections"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_nominations" ADD CONSTRAINT "election_nominations_group_fk" FOREIGN KEY ("community_id","group_id") REFERENCES "public"."resident_groups"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_nominations" ADD CONSTRAINT "election_nominations_resident_fk" FOREIGN KEY ("community_id","resident_id") REFERENCES "public"."residents"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_voters" ADD CONSTRAINT "election_voters_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_voters" ADD CONSTRAINT "election_voters_registered_by_account_id_accounts_id_fk" FOREIGN KEY ("registered_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_voters" ADD CONSTRAINT "election_voters_election_fk" FOREIGN KEY ("community_id","election_id") REFERENCES "public"."elections"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_voters" ADD CONSTRAINT "election_voters_resident_fk" FOREIGN KEY ("community_id","resident_id") REFERENCES "public"."residents"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elections" ADD CONSTRAINT "elections_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elections" ADD CONSTRAINT "elections_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_reads" ADD CONSTRAINT "notice_reads_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_reads" ADD CONSTRAINT "notice_reads_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_reads" ADD CONSTRAINT "notice_reads_notice_fk" FOREIGN KEY ("community_id","notice_id") REFERENCES "public"."notices"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_subscriptions" ADD CONSTRAINT "notice_subscriptions_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_subscriptions" ADD CONSTRAINT "notice_subscriptions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_election_fk" FOREIGN KEY ("community_id","election_id") REFERENCES "public"."elections"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscribe_credits" ADD CONSTRAINT "subscribe_credits_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_account_id_accounts_id_fk" FOREIGN KEY ("actor_account_id") REFERENCES "public"."accounts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_election_fk" FOREIGN KEY ("community_id","election_id") REFERENCES "public"."elections"("community_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxy_applications" ADD CONSTRAINT "proxy_applications_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxy_applications" ADD CONSTRAINT "proxy_applications_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxy_applications" ADD CONSTRAINT "proxy_applications_decided_by_account_id_accounts_id_fk" FOREIGN KEY ("decided_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxy_applications" ADD CONSTRAINT "proxy_applications_election_fk" FOREIGN KEY ("community_id","election_id") REFERENCES "public"."elections"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxy_applications" ADD CONSTRAINT "proxy_applications_applicant_fk" FOREIGN KEY ("community_id","applicant_resident_id") REFERENCES "public"."residents"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxy_applications" ADD CONSTRAINT "proxy_applications_proxy_fk" FOREIGN KEY ("community_id","proxy_resident_id") REFERENCES "public"."residents"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_group_fk" FOREIGN KEY ("community_id","group_id") REFERENCES "public"."resident_groups"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_groups" ADD CONSTRAINT "resident_groups_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_entered_by_account_id_accounts_id_fk" FOREIGN KEY ("entered_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_verified_by_account_id_accounts_id_fk" FOREIGN KEY ("verified_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_returned_by_account_id_accounts_id_fk" FOREIGN KEY ("returned_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_group_fk" FOREIGN KEY ("community_id","group_id") REFERENCES "public"."resident_groups"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_household_fk" FOREIGN KEY ("community_id","group_id","household_id") REFERENCES "public"."households"("community_id","group_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_categories" ADD CONSTRAINT "service_categories_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_ratings" ADD CONSTRAINT "service_ratings_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_ratings" ADD CONSTRAINT "service_ratings_request_fk" FOREIGN KEY ("community_id","request_id") REFERENCES "public"."service_requests"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request_events" ADD CONSTRAINT "service_request_events_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request_events" ADD CONSTRAINT "service_request_events_actor_account_id_accounts_id_fk" FOREIGN KEY ("actor_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request_events" ADD CONSTRAINT "service_request_events_request_fk" FOREIGN KEY ("community_id","request_id") REFERENCES "public"."service_requests"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_owner_account_id_accounts_id_fk" FOREIGN KEY ("owner_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_filed_by_account_id_accounts_id_fk" FOREIGN KEY ("filed_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_assigned_to_account_id_accounts_id_fk" FOREIGN KEY ("assigned_to_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_resident_fk" FOREIGN KEY ("community_id","resident_id") REFERENCES "public"."residents"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_group_fk" FOREIGN KEY ("community_id","group_id") REFERENCES "public"."resident_groups"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_category_fk" FOREIGN KEY ("community_id","category_code") REFERENCES "public"."service_categories"("community_id","code") ON DELETE no action ON UPDATE no action;
