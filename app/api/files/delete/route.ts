// POST /api/files/delete { paths: string[] } (at most 1000) — moves each to the trash:
// { deleted: string[], failed: [{ path, error: { code, message } }] }. Each deletion is an audit
// event `files.deleted` naming the user and the file's id.
import { z } from "zod";
import { describeError } from "@/server/errors";
import type { FileEntry } from "@/server/files/storage";
import { withSession } from "@/server/http/with-session";
import { ZUserPath } from "@/server/files/http/query";
import { auditFilesAction, filesFor } from "@/server/files/http/json-route-support";

const ZBody = z.strictObject({
  paths: z.array(ZUserPath).min(1, "at least one path").max(1000, "at most 1000 paths at once"),
});

export const POST = withSession({ body: ZBody }, async ({ user, request, body }) => {
  const { storage, context } = await filesFor(user, request);
  const deleted: string[] = [];
  const failed: Array<{ path: string; error: { code: string; message: string } }> = [];
  for (const path of new Set(body.paths)) {
    let entry: FileEntry;
    try {
      entry = await storage.stat(context, path);
      await storage.delete(context, path);
    } catch (error: unknown) {
      const { body: answer } = describeError(error);
      failed.push({ path, error: { code: answer.error.code, message: answer.error.message } });
      continue;
    }
    deleted.push(path);
    // Outside the try: a deletion that cannot be audited is a failure of the request, not of the path.
    await auditFilesAction(
      "files.deleted",
      user,
      { type: "file", id: entry.id },
      { kind: entry.kind, backend: storage.backend },
    );
  }
  return Response.json({ deleted, failed });
});
