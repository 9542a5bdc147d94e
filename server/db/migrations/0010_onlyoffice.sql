-- OnlyOffice (integrations/onlyoffice/schema.ts): the current document key per file, and callbacks already handled.
CREATE TABLE "onlyoffice_documents" (
	"file_id" text PRIMARY KEY NOT NULL,
	"doc_key" text NOT NULL,
	"etag" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "onlyoffice_documents_doc_key_unique" UNIQUE("doc_key")
);
--> statement-breakpoint
CREATE TABLE "onlyoffice_callbacks" (
	"id" text PRIMARY KEY NOT NULL,
	"file_id" text NOT NULL,
	"status" integer NOT NULL,
	"state" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
