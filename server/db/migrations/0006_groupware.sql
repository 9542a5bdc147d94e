CREATE TABLE "groupware_credentials" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"login" text NOT NULL,
	"password_enc" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "groupware_credentials" ADD CONSTRAINT "groupware_credentials_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
