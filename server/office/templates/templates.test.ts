// The blank documents the portal ships open in LibreOffice (Writer, Calc and Impress), as the
// kind of document they claim to be: documents print as A4 pages, spreadsheets export to CSV
// (only Calc can), presentations print as landscape slides.
import { execFile } from "node:child_process";
import { copyFile, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const TEMPLATES = path.join(process.cwd(), "server/office/templates");
let work = "";

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "office-templates-test-"));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function convert(extension: string, to: string): Promise<{ file: string; stdout: string }> {
  const dir = path.join(work, `${extension}-${to}`);
  const source = path.join(dir, `blank.${extension}`);
  await run("mkdir", ["-p", dir]);
  await copyFile(path.join(TEMPLATES, `blank.${extension}`), source);
  const { stdout } = await run(
    process.env.LIBREOFFICE_PATH ?? "soffice",
    [
      `-env:UserInstallation=file://${dir}/profile`,
      "--headless",
      "--norestore",
      "--convert-to",
      to,
      "--outdir",
      path.join(dir, "out"),
      source,
    ],
    { timeout: 60_000 },
  );
  const [produced] = await readdir(path.join(dir, "out"));
  if (!produced) throw new Error(`LibreOffice produced nothing from blank.${extension}`);
  return { file: path.join(dir, "out", produced), stdout };
}

async function pdfPage(file: string): Promise<{ pages: number; width: number; height: number }> {
  const { stdout } = await run("pdfinfo", [file]);
  const pages = Number(/Pages:\s+(\d+)/.exec(stdout)?.[1]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(stdout);
  return { pages, width: Number(size?.[1]), height: Number(size?.[2]) };
}

describe("blank templates", () => {
  it.each(["docx", "odt"])("blank.%s opens in Writer as one portrait page", { timeout: 90_000 }, async (extension) => {
    const { file, stdout } = await convert(extension, "pdf");
    expect(stdout).toContain("writer_pdf_Export");
    const page = await pdfPage(file);
    expect(page.pages).toBe(1);
    expect(page.height).toBeGreaterThan(page.width);
  });

  it.each(["xlsx", "ods"])("blank.%s opens in Calc", { timeout: 90_000 }, async (extension) => {
    const { stdout } = await convert(extension, "csv");
    expect(stdout).toMatch(/using filter : Text - txt - csv \(StarCalc\)/);
  });

  it.each(["pptx", "odp"])(
    "blank.%s opens in Impress as one landscape slide",
    { timeout: 90_000 },
    async (extension) => {
      const { file, stdout } = await convert(extension, "pdf");
      expect(stdout).toContain("impress_pdf_Export");
      const page = await pdfPage(file);
      expect(page.pages).toBe(1);
      expect(page.width).toBeGreaterThan(page.height);
    },
  );
});
