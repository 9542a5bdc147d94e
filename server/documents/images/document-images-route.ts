/**
 * POST /api/document-images/<documentId>          – upload an image (editors): raw bytes as body
 * GET  /api/document-images/<documentId>/<imageId> – the image (anyone who may read the document)
 *
 * A node route (server/http/node-routes.ts) so the upload is read as it streams and cut at the
 * limit. Images are served with their sniffed type, `nosniff`, a sandboxing CSP (set by the
 * dispatcher) and a private cache keyed by their hash. Someone without access gets 404, as for an
 * image that does not exist.
 */
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { AppError } from "@/server/errors";
import { env } from "@/server/env";
import { requireRequestUser } from "@/server/auth/request-user";
import { sendJson, type NodeRoute } from "@/server/http/node-routes";
import { requireDocumentRole } from "@/server/documents/require-document-role";
import { readImageUpload } from "@/server/documents/images/read-image-upload";
import { readDocumentImage, storeDocumentImage } from "@/server/documents/images/document-image-store";
import { documentImageSrc } from "@/components/documents/editor/document-extensions";

export const DOCUMENT_IMAGES_PREFIX = "/api/document-images/";

const ZUploadPath = z.tuple([z.uuid({ message: "must be a document id (UUID)" })]);
const ZImagePath = z.tuple([
  z.uuid({ message: "must be a document id (UUID)" }),
  z.uuid({ message: "must be an image id (UUID)" }),
]);

function pathParts(url: URL): string[] {
  return url.pathname.slice(DOCUMENT_IMAGES_PREFIX.length).split("/").filter(Boolean);
}

async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const user = await requireRequestUser(req);
  const [documentId] = ZUploadPath.parse(pathParts(url));
  const maxBytes = env().DOCUMENTS_IMAGE_MAX_BYTES;
  const declared = req.headers["content-length"];
  if (declared !== undefined && (!/^\d{1,16}$/.test(declared) || Number(declared) > maxBytes)) {
    res.setHeader("connection", "close");
    throw new AppError("PAYLOAD_TOO_LARGE", { userMessage: `image too large: at most ${maxBytes} bytes` });
  }
  await requireDocumentRole(user.id, documentId, "editor");
  let image;
  try {
    image = await readImageUpload(req, maxBytes);
  } catch (error) {
    // Stop reading a refused body: the connection closes after the answer.
    res.setHeader("connection", "close");
    throw error;
  }
  const imageId = await storeDocumentImage(documentId, user.id, image);
  sendJson(res, 201, { id: imageId, src: documentImageSrc(documentId, imageId), contentType: image.contentType });
}

async function serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const user = await requireRequestUser(req);
  const [documentId, imageId] = ZImagePath.parse(pathParts(url));
  await requireDocumentRole(user.id, documentId, "reader");
  const image = await readDocumentImage(documentId, imageId);
  if (!image) throw new AppError("NOT_FOUND", { userMessage: "image not found" });
  const etag = `"${image.sha256}"`;
  res.setHeader("etag", etag);
  res.setHeader("cache-control", "private, max-age=3600");
  res.setHeader("x-content-type-options", "nosniff");
  if (req.headers["if-none-match"] === etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  res.setHeader("content-type", image.contentType);
  res.setHeader("content-length", image.data.byteLength);
  res.setHeader("content-disposition", "inline");
  res.end(
    req.method === "HEAD" ? undefined : Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength),
  );
}

export const documentImagesRoute: NodeRoute = {
  prefix: DOCUMENT_IMAGES_PREFIX,
  async handle(req, res, url) {
    const parts = pathParts(url);
    if (req.method === "POST" && parts.length === 1) return upload(req, res, url);
    if ((req.method === "GET" || req.method === "HEAD") && parts.length === 2) return serve(req, res, url);
    if (parts.length !== 1 && parts.length !== 2) {
      throw new AppError("NOT_FOUND", { userMessage: "expected /api/document-images/<documentId>[/<imageId>]" });
    }
    res.setHeader("allow", parts.length === 1 ? "POST" : "GET, HEAD");
    throw new AppError("METHOD_NOT_ALLOWED", {
      userMessage: `method not allowed; use ${parts.length === 1 ? "POST" : "GET"}`,
    });
  },
};
