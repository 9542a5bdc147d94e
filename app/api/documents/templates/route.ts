// GET /api/documents/templates – the templates and their fields (labels in the caller's language)
import { withSession } from "@/server/http/with-session";
import { describeTemplates } from "@/server/documents/templates/describe-templates";

export const GET = withSession({}, async () => Response.json({ templates: await describeTemplates() }));
