// Import of files on disk: a DOCX, an ODT made by LibreOffice from that DOCX (so the ODT path is
// exercised on a real OpenDocument file), and hostile files refused with a clear 4xx.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { JSONContent } from "@tiptap/core";
import { beforeAll, describe, expect, it } from "vitest";
import { setTestEnv } from "@/test/support/test-env";
import { AppError } from "@/server/errors";
import { createWorkDir } from "@/server/documents/convert/libreoffice";
import { importOfficeFile } from "@/server/documents/convert/import-office-file";
import { richWordDocument } from "@/test/fixtures/documents/word-fixtures";
import { convertWithSoffice } from "@/test/fixtures/documents/independent-reader";
import { NOT_A_DOCX, truncated, zipBomb } from "@/test/fixtures/documents/hostile-files";

beforeAll(() => setTestEnv());

function texts(node: JSONContent, type: string): string[] {
  const out: string[] = [];
  const visit = (current: JSONContent) => {
    if (current.type === type)
      out.push(
        JSON.stringify(current)
          .match(/"text":"[^"]*"/g)
          ?.join("") ?? "",
      );
    current.content?.forEach(visit);
  };
  visit(node);
  return out;
}

async function importBytes(bytes: Buffer, name: string) {
  const work = await createWorkDir();
  try {
    const file = path.join(work.dir, name);
    await writeFile(file, bytes);
    return await importOfficeFile(file, { maxImageBytes: 1_000_000 });
  } finally {
    await work.dispose();
  }
}

async function refusal(bytes: Buffer): Promise<{ status: number; message: string }> {
  const error = await importBytes(bytes, "upload").then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return { status: error.status, message: error.userMessage };
}

describe("importOfficeFile", () => {
  it("imports a DOCX", async () => {
    const imported = await importBytes(await richWordDocument(), "upload");
    expect(imported.format).toBe("docx");
    expect(texts(imported.content, "heading")).toEqual(['"text":"Protocole de soins"', '"text":"Étapes"']);
  });

  it("imports an ODT (written by LibreOffice) through the same path, images included", async () => {
    const odt = await convertWithSoffice(await richWordDocument(), "docx", "odt");
    const imported = await importBytes(odt, "upload");
    expect(imported.format).toBe("odt");
    expect(texts(imported.content, "heading")).toEqual(['"text":"Protocole de soins"', '"text":"Étapes"']);
    expect(texts(imported.content, "tableCell").join(" ")).toContain("Paracétamol");
    expect(texts(imported.content, "orderedList").join(" ")).toContain("Administrer");
    expect(texts(imported.content, "taskItem")).toHaveLength(2);
    expect(imported.images).toHaveLength(1);
    expect(JSON.stringify(imported.content)).not.toMatch(/javascript/i);
  }, 60_000);

  it("refuses hostile and broken files with a clear 4xx", async () => {
    expect(await refusal(zipBomb(220))).toMatchObject({ status: 413 });
    expect(await refusal(zipBomb(220, true))).toMatchObject({ status: 413 });
    expect(await refusal(truncated(await richWordDocument()))).toMatchObject({ status: 400 });
    expect(await refusal(NOT_A_DOCX)).toMatchObject({ status: 400 });
  }, 60_000);
});
