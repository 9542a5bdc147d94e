// POST /api/mail/attachment/save-to-files {folder, uid, part, targetFolder} — copies an attachment
// into the user's Files (streamed from IMAP into the storage): { path }.
import { z } from "zod";
import { withSession } from "@/server/http/with-session";
import { ZFolder, ZPart, ZUid } from "@/server/mail/mail-input";
import { saveAttachmentToFiles } from "@/server/mail/save-to-files";

const ZBody = z.object({ folder: ZFolder, uid: ZUid, part: ZPart, targetFolder: z.string().min(1).max(4096) });

export const POST = withSession({ body: ZBody }, async ({ user, request, body }) =>
  Response.json(await saveAttachmentToFiles(user, body, request.signal)),
);
