// The ConvertService of the OnlyOffice double, converting for real with LibreOffice (DOC → DOCX,
// DOCX → PDF, …): `POST /converter` as documented (conversion-api/request, response): JSON
// request with a token, `async` answered with progress then the result on the same key, JSON
// answer only with `Accept: application/json` (XML otherwise), error codes -3 (conversion), -4
// (download), -7 (input), -8 (token).
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export interface StoredResult {
  bytes: Buffer;
  fileType: string;
}

type Job =
  { state: "running" } | { state: "done"; resultId: string; fileType: string } | { state: "failed"; error: number };

export class DoubleConverter {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly store: (result: StoredResult) => string,
    private readonly libreOfficePath: string,
  ) {}

  /** Starts (or looks up) the conversion for `key`; the answer is the job's state. */
  request(key: string, input: { url: string; filetype: string; outputtype: string }): Job {
    const existing = this.jobs.get(key);
    if (existing) return existing;
    const job: Job = { state: "running" };
    this.jobs.set(key, job);
    void this.run(input).then(
      (result) => this.jobs.set(key, { state: "done", resultId: this.store(result), fileType: result.fileType }),
      (error: unknown) => this.jobs.set(key, { state: "failed", error: typeof error === "number" ? error : -3 }),
    );
    return job;
  }

  private async run(input: { url: string; filetype: string; outputtype: string }): Promise<StoredResult> {
    const response = await fetch(input.url).catch(() => null);
    if (!response?.ok) throw -4;
    const source = Buffer.from(await response.arrayBuffer());
    const work = await mkdtemp(path.join(tmpdir(), "oo-double-convert-"));
    try {
      const name = `source-${randomUUID()}.${input.filetype}`;
      await writeFile(path.join(work, name), source);
      await new Promise<void>((resolve, reject) => {
        execFile(
          this.libreOfficePath,
          [
            `-env:UserInstallation=file://${work}/profile`,
            "--headless",
            "--norestore",
            "--convert-to",
            input.outputtype,
            "--outdir",
            path.join(work, "out"),
            path.join(work, name),
          ],
          { timeout: 120_000 },
          (error) => (error ? reject(-3) : resolve()),
        );
      });
      const [produced] = await readdir(path.join(work, "out")).catch(() => []);
      if (!produced) throw -3;
      return { bytes: await readFile(path.join(work, "out", produced)), fileType: input.outputtype };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
}

export function xmlAnswer(fields: Record<string, string | number | boolean>): string {
  const inner = Object.entries(fields)
    .map(([name, value]) => `<${name}>${String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;")}</${name}>`)
    .join("");
  return `<?xml version="1.0" encoding="utf-8"?><FileResult>${inner}</FileResult>`;
}
