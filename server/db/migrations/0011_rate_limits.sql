CREATE TABLE "rate_limit_failures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key_hash" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "rate_limit_failures_key_at_idx" ON "rate_limit_failures" USING btree ("key_hash","at");
