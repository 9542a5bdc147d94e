// POST /api/documents/import (node route, real HTTP) and the export behind
// GET /api/documents/[id]/export, on a real database: the document, its stored images and its
// collaboration state are created; exports are read back by LibreOffice; refusals are clear 4xx
// and leave nothing behind.
import { text as streamText, buffer as streamBuffer } from "node:stream/consumers";
import { request as httpRequest } from "node:http";
import { and, eq } from "drizzle-orm";
import type { JSONContent } from "@tiptap/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setTestEnv } from "@/test/support/test-env";
import { useTestDatabase } from "@/test/support/test-database";
import { signInTestUser, type SignedInUser } from "@/test/support/signed-in-user";
import { startNodeRouteServer, type NodeRouteServer } from "@/test/support/node-route-server";
import { richWordDocument, FIXTURE_PNG } from "@/test/fixtures/documents/word-fixtures";
import { NOT_A_DOCX, truncated, zipBomb } from "@/test/fixtures/documents/hostile-files";
import { readAsOpenDocumentXml, readWithLibreOffice } from "@/test/fixtures/documents/independent-reader";
import { db } from "@/server/db/client";
import { auditLog } from "@/server/db/schema";
import { documents } from "@/server/documents/schema";
import { getDocumentRole } from "@/server/documents/access";
import { readDocumentImage } from "@/server/documents/images/document-image-store";
import { importRoute, IMPORT_PATH } from "@/server/documents/convert/import-route";
import { readDocumentJson } from "@/server/collab/document-state";
import { exportForUser } from "@/server/documents/convert/export-for-user";
import { IMPORT_MAX_BYTES } from "@/server/documents/convert/convert-limits";

setTestEnv({ PORTAL_URL: "https://portail.chu.example" });

let server: NodeRouteServer;
let alice: SignedInUser;
let bruno: SignedInUser;
const modules = { importPath: IMPORT_PATH, readDocumentJson, exportForUser, getDocumentRole, readDocumentImage };

beforeAll(async () => {
  await useTestDatabase();
  server = await startNodeRouteServer([importRoute]);
  alice = await signInTestUser("Alice Martin");
  bruno = await signInTestUser("Bruno Durand");
}, 120_000);

afterAll(async () => {
  await server?.close();
});

function upload(
  body: Buffer | string,
  options: { filename?: string; cookie?: string; headers?: Record<string, string> } = {},
) {
  const query = options.filename === undefined ? "" : `?filename=${encodeURIComponent(options.filename)}`;
  return fetch(`${server.origin}${modules.importPath}${query}`, {
    method: "POST",
    headers: {
      ...(options.cookie === "" ? {} : { cookie: options.cookie ?? alice.cookie }),
      "content-type": "application/octet-stream",
      ...options.headers,
    },
    body: typeof body === "string" ? body : new Uint8Array(body),
  });
}

function findAll(node: JSONContent, type: string, into: JSONContent[] = []): JSONContent[] {
  if (node.type === type) into.push(node);
  for (const child of node.content ?? []) findAll(child, type, into);
  return into;
}

async function documentCount(ownerId: string): Promise<number> {
  return (await (await db()).select({ id: documents.id }).from(documents).where(eq(documents.ownerId, ownerId))).length;
}

async function auditActions(targetId: string): Promise<string[]> {
  const rows = await (
    await db()
  )
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.targetType, "document"), eq(auditLog.targetId, targetId)));
  return rows.map((row) => row.action);
}

describe("POST /api/documents/import then GET /api/documents/[id]/export", () => {
  let documentId = "";

  it("creates a document owned by the importer, with its content and its images stored", async () => {
    const response = await upload(await richWordDocument(), { filename: "Protocole de soins – été.docx" });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string; title: string; format: string; droppedImages: number };
    expect(body).toMatchObject({ title: "Protocole de soins – été", format: "docx", droppedImages: 0 });
    documentId = body.id;
    expect(await modules.getDocumentRole(alice.user.id, documentId)).toBe("owner");

    const content = await modules.readDocumentJson(documentId);
    expect(findAll(content, "heading").length).toBe(2);
    expect(findAll(content, "table").length).toBe(1);
    const [image] = findAll(content, "image");
    const src = String(image?.attrs?.src);
    expect(src).toMatch(new RegExp(`^/api/document-images/${documentId}/[0-9a-f-]{36}$`));
    const stored = await modules.readDocumentImage(documentId, src.split("/").pop() ?? "");
    expect(stored?.contentType).toBe("image/png");
    expect(Buffer.compare(Buffer.from(stored?.data ?? []), FIXTURE_PNG)).toBe(0);
    expect(await auditActions(documentId)).toContain("documents.imported");
  }, 60_000);

  it("exports it as DOCX that LibreOffice reads back, with the image embedded, and audits the export", async () => {
    const file = await modules.exportForUser({ userId: alice.user.id, documentId, format: "docx" });
    expect(file.fileName).toBe("Protocole de soins – été.docx");
    const docx = await streamBuffer(file.body);
    const text = await readWithLibreOffice(docx, "docx", "txt");
    expect(text).toContain("Protocole de soins");
    expect(text).toContain("Paracétamol");
    expect(text).toContain("☑ Patient identifié");
    expect(await readAsOpenDocumentXml(docx, "docx")).toMatch(/<draw:image /);
    expect(await auditActions(documentId)).toContain("documents.exported");
  }, 60_000);

  it("exports Markdown with the image linked at the portal's public address", async () => {
    const file = await modules.exportForUser({ userId: alice.user.id, documentId, format: "md" });
    const markdown = await streamText(file.body);
    expect(markdown).toContain("# Protocole de soins");
    expect(markdown).toMatch(
      new RegExp(`!\\[Schéma\\]\\(https://portail\\.chu\\.example/api/document-images/${documentId}/`),
    );
  });

  it("does not let someone without access export (404, as for a missing document)", async () => {
    await expect(modules.exportForUser({ userId: bruno.user.id, documentId, format: "pdf" })).rejects.toMatchObject({
      status: 404,
    });
  });

  it("refuses bad requests with a clear 4xx and creates no document", async () => {
    const before = await documentCount(alice.user.id);
    const cases: Array<[Promise<Response>, number, string]> = [
      [upload(zipBomb(220), { filename: "bombe.docx" }), 413, "zip bomb"],
      [upload(truncated(await richWordDocument()), { filename: "coupé.docx" }), 400, "truncated"],
      [upload(NOT_A_DOCX, { filename: "faux.docx" }), 400, "not a zip"],
      [upload(await richWordDocument(), {}), 400, "filename"],
      [upload(await richWordDocument(), { filename: "script.exe" }), 400, ".docx or .odt"],
      [upload(await richWordDocument(), { filename: "a.docx", cookie: "" }), 401, "sign in"],
      [
        upload("x", { filename: "a.docx", headers: { "content-type": "multipart/form-data; boundary=x" } }),
        415,
        "multipart",
      ],
      [upload(Buffer.alloc(0), { filename: "vide.docx" }), 400, "empty"],
    ];
    for (const [request, status, message] of cases) {
      const response = await request;
      const body = (await response.json()) as { error: { message: string } };
      expect([response.status, body.error.message], message).toEqual([status, expect.stringContaining(message)]);
    }
    const wrongMethod = await fetch(`${server.origin}${modules.importPath}`, { headers: { cookie: alice.cookie } });
    expect(wrongMethod.status).toBe(405);
    expect(await documentCount(alice.user.id)).toBe(before);
  }, 60_000);

  it("refuses an upload over the size limit while it streams (413), declared length or not", async () => {
    // A declared length over the limit is refused before any of the body is read.
    const declared = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(`${server.origin}${modules.importPath}?filename=gros.docx`, {
        method: "POST",
        headers: { cookie: alice.cookie, "content-length": String(IMPORT_MAX_BYTES + 1) },
      });
      request.on("response", (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on("error", reject);
      request.write(Buffer.alloc(1024));
    });
    expect(declared).toBe(413);

    // Without a declared length (chunked), the stream is cut once it passes the limit.
    let sent = 0;
    const chunk = Buffer.alloc(1024 * 1024, 1);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > IMPORT_MAX_BYTES * 2) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const response = await fetch(`${server.origin}${modules.importPath}?filename=gros.docx`, {
      method: "POST",
      headers: { cookie: alice.cookie, "content-type": "application/octet-stream" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(IMPORT_MAX_BYTES * 2);
  }, 60_000);
});
