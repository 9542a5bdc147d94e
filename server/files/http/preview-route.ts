/**
 * `GET /api/files/preview?path=…&w=256&h=256` — a small image of a file, or 404 when the backend
 * has none. Previews are images the backend made (or the image itself, locally): shown inline
 * under the same sandboxing headers as any inline content.
 */
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { AppError } from "@/server/errors";
import { baseName } from "@/server/files/paths";
import type { NodeRoute } from "@/server/http/node-routes";
import { ZUserPath, parseQuery } from "@/server/files/http/query";
import { methodNotAllowed, openFilesRequest } from "@/server/files/http/request-context";
import { sendFileContent } from "@/server/files/http/send-file-content";

const ZDimension = z
  .string()
  .regex(/^\d{1,4}$/, "must be a whole number of pixels")
  .transform(Number)
  .pipe(z.number().min(16, "at least 16 pixels").max(2048, "at most 2048 pixels"))
  .optional()
  .transform((value) => value ?? 256);

const ZPreviewQuery = z.object({ path: ZUserPath, w: ZDimension, h: ZDimension });

async function preview(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const { storage, context } = await openFilesRequest(req, res);
  const { path, w, h } = parseQuery(url, ZPreviewQuery);
  const image = await storage.preview(context, path, { width: w, height: h });
  if (!image) throw new AppError("NOT_FOUND", { userMessage: "no preview for this file" });
  await sendFileContent(
    req,
    res,
    { read: () => Promise.resolve(image), rangeable: false },
    { fileName: baseName(path), download: false },
  );
}

export const previewRoute: NodeRoute = {
  prefix: "/api/files/preview",
  handle: (req, res, url) => (req.method === "GET" ? preview(req, res, url) : methodNotAllowed(res, ["GET"])),
};
