CREATE TABLE "nextcloud_credentials" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"login_name" text NOT NULL,
	"app_password_enc" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nextcloud_login_flows" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"poll_token_enc" text NOT NULL,
	"poll_endpoint" text NOT NULL,
	"login_url" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nextcloud_uploads" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"uid" text NOT NULL,
	"path" text NOT NULL,
	"size" bigint NOT NULL,
	"overwrite" boolean DEFAULT false NOT NULL,
	"if_match" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "nextcloud_credentials" ADD CONSTRAINT "nextcloud_credentials_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "nextcloud_login_flows" ADD CONSTRAINT "nextcloud_login_flows_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "nextcloud_uploads" ADD CONSTRAINT "nextcloud_uploads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "nextcloud_uploads_user_idx" ON "nextcloud_uploads" USING btree ("user_id");
