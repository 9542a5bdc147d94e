-- Embedding for hospital software (server/embed/schema.ts): vendor sessions, one-time launch tokens, documents per client, the webhook outbox and its attempt log.
CREATE TABLE "embed_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"editor" text DEFAULT 'native' NOT NULL,
	"reference" text NOT NULL,
	"locale" text DEFAULT 'fr' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"cookie_hash" text,
	"launched_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "embed_sessions_cookie_hash_unique" UNIQUE("cookie_hash")
);
--> statement-breakpoint
CREATE TABLE "embed_launch_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "embed_documents" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"origin" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "embed_webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" text NOT NULL,
	"session_id" uuid,
	"type" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "embed_webhook_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"delivery_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"http_status" integer,
	"duration_ms" integer NOT NULL,
	"error" text
);
--> statement-breakpoint
ALTER TABLE "embed_sessions" ADD CONSTRAINT "embed_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "embed_sessions" ADD CONSTRAINT "embed_sessions_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "embed_launch_tokens" ADD CONSTRAINT "embed_launch_tokens_session_id_embed_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."embed_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "embed_documents" ADD CONSTRAINT "embed_documents_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "embed_webhook_deliveries" ADD CONSTRAINT "embed_webhook_deliveries_session_id_embed_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."embed_sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "embed_webhook_attempts" ADD CONSTRAINT "embed_webhook_attempts_delivery_id_embed_webhook_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."embed_webhook_deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "embed_sessions_client_created_idx" ON "embed_sessions" USING btree ("client_id","created_at");--> statement-breakpoint
CREATE INDEX "embed_sessions_client_reference_idx" ON "embed_sessions" USING btree ("client_id","reference");--> statement-breakpoint
CREATE INDEX "embed_sessions_document_idx" ON "embed_sessions" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "embed_launch_tokens_session_idx" ON "embed_launch_tokens" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "embed_documents_client_idx" ON "embed_documents" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "embed_webhook_deliveries_due_idx" ON "embed_webhook_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "embed_webhook_deliveries_client_idx" ON "embed_webhook_deliveries" USING btree ("client_id","created_at");--> statement-breakpoint
CREATE INDEX "embed_webhook_attempts_delivery_idx" ON "embed_webhook_attempts" USING btree ("delivery_id","attempt");
