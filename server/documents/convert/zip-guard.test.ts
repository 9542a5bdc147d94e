import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { inspectOfficeZip } from "@/server/documents/convert/zip-guard";
import { richWordDocument } from "@/test/fixtures/documents/word-fixtures";
import { NOT_A_DOCX, otherZip, truncated, zipBomb } from "@/test/fixtures/documents/hostile-files";

const LIMITS = { maxEntries: 100, maxTotalUncompressed: 8 * 1024 ** 2 };

function refusal(run: () => unknown): { status: number; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, message: error.userMessage };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("inspectOfficeZip", () => {
  it("recognises a DOCX", async () => {
    expect(inspectOfficeZip(await richWordDocument(), LIMITS)).toBe("docx");
  });

  it("refuses a zip bomb that declares its size (413)", () => {
    const bomb = zipBomb(64);
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(refusal(() => inspectOfficeZip(bomb, LIMITS))).toMatchObject({ status: 413 });
  });

  it("refuses a zip bomb whose headers lie about its size, by inflating no further than the limit (413)", () => {
    expect(refusal(() => inspectOfficeZip(zipBomb(64, true), LIMITS))).toMatchObject({
      status: 413,
      message: expect.stringContaining("zip bomb"),
    });
  });

  it("refuses more entries than allowed", () => {
    expect(refusal(() => inspectOfficeZip(otherZip(), { ...LIMITS, maxEntries: 0 }))).toMatchObject({ status: 400 });
  });

  it("refuses a truncated file, a non-zip and a zip that is not a document (400, saying why)", async () => {
    const cut = truncated(await richWordDocument());
    expect(refusal(() => inspectOfficeZip(cut, LIMITS))).toEqual({
      status: 400,
      message: expect.stringContaining("truncated"),
    });
    expect(refusal(() => inspectOfficeZip(NOT_A_DOCX, LIMITS))).toEqual({
      status: 400,
      message: expect.stringContaining("not a zip"),
    });
    expect(refusal(() => inspectOfficeZip(otherZip(), LIMITS))).toEqual({
      status: 400,
      message: expect.stringContaining("neither a Word (DOCX) nor an OpenDocument"),
    });
    expect(refusal(() => inspectOfficeZip(Buffer.alloc(0), LIMITS))).toMatchObject({ status: 400 });
  });
});
