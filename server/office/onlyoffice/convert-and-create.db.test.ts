// Conversion through the Document Server double's ConvertService (which converts with
// LibreOffice for real), "Save as PDF" read back with pdftotext, a legacy .doc converted to DOCX,
// and new blank documents from the shipped templates — through the Next route handlers, with
// their bad inputs.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import mammoth from "mammoth";
import { Document, Packer, Paragraph } from "docx";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PortalUser } from "@/server/auth/portal-user";
import type { FileEntry } from "@/server/files/storage";
import type { callRoute as callFilesRoute } from "@/server/files/http/files-http-fixture";
import { startOnlyOfficeFixture, type OnlyOfficeFixture } from "./onlyoffice-test-fixture";

vi.mock("@/server/auth/current-user", async () => {
  const { mockedCurrentUser } = await import("@/server/files/http/files-http-fixture");
  return { getCurrentUser: mockedCurrentUser };
});

const run = promisify(execFile);
let fixture: OnlyOfficeFixture;

beforeAll(async () => {
  fixture = await startOnlyOfficeFixture();
});

afterAll(async () => {
  await fixture.close();
});

async function storage() {
  const { getFileStorage } = await import("@/server/files/get-file-storage");
  return getFileStorage();
}

async function upload(user: PortalUser, name: string, bytes: Buffer): Promise<FileEntry> {
  const { parseUserPath } = await import("@/server/files/paths");
  return (await storage()).write({ user }, parseUserPath(`/${name}`), Readable.from([bytes]), { size: bytes.length });
}

async function bytesOf(user: PortalUser, entry: FileEntry): Promise<Buffer> {
  const content = await (await storage()).read({ user }, entry.path);
  const chunks: Buffer[] = [];
  for await (const chunk of content.body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function callRoute(...args: Parameters<typeof callFilesRoute>) {
  const { callRoute: call } = await import("@/server/files/http/files-http-fixture");
  return call(...args);
}

async function pdfText(bytes: Buffer): Promise<string> {
  const work = await mkdtemp(path.join(tmpdir(), "pdf-text-"));
  try {
    await writeFile(path.join(work, "in.pdf"), bytes);
    await run("pdftotext", [path.join(work, "in.pdf"), path.join(work, "out.txt")]);
    return (await readFile(path.join(work, "out.txt"), "utf8")).trim();
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function legacyDoc(text: string): Promise<Buffer> {
  const work = await mkdtemp(path.join(tmpdir(), "legacy-doc-"));
  try {
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(text)] }] }));
    await writeFile(path.join(work, "letter.docx"), docx);
    await run("soffice", [
      `-env:UserInstallation=file://${work}/profile`,
      "--headless",
      "--norestore",
      "--convert-to",
      "doc",
      "--outdir",
      work,
      path.join(work, "letter.docx"),
    ]);
    return await readFile(path.join(work, "letter.doc"));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

describe("POST /api/office/files/{id}/convert", () => {
  it("saves a DOCX as PDF beside it, under a free name", { timeout: 90_000 }, async () => {
    const { POST } = await import("@/app/api/office/files/[fileId]/convert/route");
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph("Compte rendu opératoire du 3 mars")] }] }),
    );
    const entry = await upload(fixture.alice, "Compte rendu.docx", docx);
    const first = await callRoute(POST, {
      url: `/api/office/files/${entry.id}/convert`,
      cookie: fixture.cookies.alice,
      body: { to: "pdf" },
      params: { fileId: entry.id },
    });
    expect(first.status).toBe(201);
    const pdf = (await first.json()) as FileEntry;
    expect(pdf.path).toBe("/Compte rendu.pdf");
    expect(await pdfText(await bytesOf(fixture.alice, pdf))).toContain("Compte rendu opératoire du 3 mars");

    const second = await callRoute(POST, {
      url: `/api/office/files/${entry.id}/convert`,
      cookie: fixture.cookies.alice,
      body: { to: "pdf" },
      params: { fileId: entry.id },
    });
    expect(((await second.json()) as FileEntry).path).toBe("/Compte rendu (2).pdf");
  });

  it("converts a legacy .doc to DOCX", { timeout: 90_000 }, async () => {
    const { convertFileBeside } = await import("./convert-file");
    const entry = await upload(fixture.alice, "Ancien courrier.doc", await legacyDoc("Courrier de 2003"));
    const converted = await convertFileBeside(fixture.alice, entry.id, "docx");
    expect(converted.name).toBe("Ancien courrier.docx");
    const text = (await mammoth.extractRawText({ buffer: await bytesOf(fixture.alice, converted) })).value;
    expect(text).toContain("Courrier de 2003");
  });

  it("answers bad input with a 4xx naming the problem", async () => {
    const { POST } = await import("@/app/api/office/files/[fileId]/convert/route");
    const entry = await upload(fixture.alice, "Note.docx", await Packer.toBuffer(new Document({ sections: [] })));
    const call = (body: unknown, fileId = entry.id, cookie: string | null = fixture.cookies.alice) =>
      callRoute(POST, { url: `/api/office/files/${fileId}/convert`, cookie, body, params: { fileId } });

    const wrongTarget = await call({ to: "exe" });
    expect(wrongTarget.status).toBe(400);
    expect(JSON.stringify(await wrongTarget.json())).toContain("to");
    expect((await call({ to: "xlsx" })).status).toBe(400);
    expect((await call({ to: "pdf", extra: 1 })).status).toBe(400);
    expect((await call({ to: "pdf" }, "../etc/passwd")).status).toBe(400);
    expect((await call({ to: "pdf" }, "00000000-0000-0000-0000-000000000000")).status).toBe(404);
    expect((await call({ to: "pdf" }, entry.id, fixture.cookies.bob)).status).toBe(404);
    expect((await call({ to: "pdf" }, entry.id, null)).status).toBe(401);
  });
});

describe("POST /api/office/new", () => {
  it("creates blank documents from the shipped templates, under free names", async () => {
    const { POST } = await import("@/app/api/office/new/route");
    const create = async (kind: string, format: string, name: string) => {
      const response = await callRoute(POST, {
        url: "/api/office/new",
        cookie: fixture.cookies.bob,
        body: { folder: "/", kind, format, name },
      });
      expect(response.status).toBe(201);
      return (await response.json()) as FileEntry;
    };
    const first = await create("document", "ooxml", "Nouveau document");
    const second = await create("document", "ooxml", "Nouveau document");
    expect([first.name, second.name]).toEqual(["Nouveau document.docx", "Nouveau document (2).docx"]);
    const template = await readFile(path.join(process.cwd(), "server/office/templates/blank.docx"));
    expect((await bytesOf(fixture.bob, first)).equals(template)).toBe(true);
    expect((await create("spreadsheet", "odf", "Nouveau classeur")).name).toBe("Nouveau classeur.ods");
    expect((await create("presentation", "ooxml", "Nouvelle présentation")).name).toBe("Nouvelle présentation.pptx");

    // Opened at once in the editor.
    const { openOnlyOfficeEditor } = await import("./open-onlyoffice-editor");
    const start = await openOnlyOfficeEditor(fixture.bob, first.id, { mode: "edit", lang: "fr" });
    expect(start.config.document.title).toBe("Nouveau document.docx");
  });

  it("answers bad input with a 4xx naming the problem", async () => {
    const { POST } = await import("@/app/api/office/new/route");
    const call = (body: unknown) => callRoute(POST, { url: "/api/office/new", cookie: fixture.cookies.bob, body });
    const badKind = await call({ folder: "/", kind: "macro", format: "ooxml", name: "x" });
    expect(badKind.status).toBe(400);
    expect((await call({ folder: "/../..", kind: "document", format: "ooxml", name: "x" })).status).toBe(400);
    expect((await call({ folder: "/", kind: "document", format: "ooxml", name: "a/b" })).status).toBe(400);
    expect((await call({ folder: "/", kind: "document", format: "ooxml", name: "" })).status).toBe(400);
    expect((await call({ folder: "/Nulle part", kind: "document", format: "ooxml", name: "x" })).status).toBe(404);
  });
});

describe("GET /api/office/onlyoffice/config/{id}", () => {
  it("gives the signed config to the file's owner only", async () => {
    const { GET } = await import("@/app/api/office/onlyoffice/config/[fileId]/route");
    const entry = await upload(fixture.alice, "Config.docx", await Packer.toBuffer(new Document({ sections: [] })));
    const ok = await callRoute(GET, {
      url: `/api/office/onlyoffice/config/${entry.id}?mode=view`,
      cookie: fixture.cookies.alice,
      params: { fileId: entry.id },
    });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { documentServerUrl: string; config: { editorConfig: { mode: string } } };
    expect(body.documentServerUrl).toBe(fixture.double.url);
    expect(body.config.editorConfig.mode).toBe("view");
    const bad = await callRoute(GET, {
      url: `/api/office/onlyoffice/config/${entry.id}?mode=admin`,
      cookie: fixture.cookies.alice,
      params: { fileId: entry.id },
    });
    expect(bad.status).toBe(400);
    const other = await callRoute(GET, {
      url: `/api/office/onlyoffice/config/${entry.id}`,
      cookie: fixture.cookies.bob,
      params: { fileId: entry.id },
    });
    expect(other.status).toBe(404);
  });
});
