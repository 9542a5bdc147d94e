CREATE TABLE "wopi_access_tokens" (
	"jti" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"session_id" text NOT NULL,
	"file_id" text NOT NULL,
	"permission" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wopi_locks" (
	"file_id" text PRIMARY KEY NOT NULL,
	"lock_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"locked_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wopi_user_info" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"info" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "wopi_access_tokens" ADD CONSTRAINT "wopi_access_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "wopi_locks" ADD CONSTRAINT "wopi_locks_locked_by_users_id_fk" FOREIGN KEY ("locked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "wopi_user_info" ADD CONSTRAINT "wopi_user_info_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "wopi_access_tokens_user_file_idx" ON "wopi_access_tokens" USING btree ("user_id","file_id");
--> statement-breakpoint
CREATE INDEX "wopi_access_tokens_expires_idx" ON "wopi_access_tokens" USING btree ("expires_at");
