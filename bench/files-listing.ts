/**
 * Listing a folder of 5,000 entries: through the portal (`GET /api/files/list`, the JSON the file
 * browser reads) against a direct PROPFIND (Depth: 1) on the WebDAV server (Debian's Apache with
 * mod_dav, test/services/apache-webdav.ts), in the same run.
 *
 * 1. Apache starts with a folder of BENCH_ENTRIES (5,000) small files written straight to its disk;
 * 2. `npm run demo` (FILES_BACKEND=local, a temporary FILES_ROOT) starts, alice signs in through the
 *    real OIDC flow, and the same 5,000 files are uploaded through the portal's own API;
 * 3. warm-up, then BENCH_ROUNDS (10) alternated pairs: the portal listing (body read and parsed,
 *    entries counted) and the PROPFIND (body read, responses counted);
 * 4. medians and the ratio portal / PROPFIND.
 *
 * The portal's storage is `local` (metadata in its database): the output says so in
 * `portalBackend`. Prints one JSON line.
 */
import { chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { startApacheWebdav, type RunningApacheWebdav } from "@/test/services/apache-webdav";
import { installCleanup, stopAll } from "@/bench/support/processes";
import { signIn } from "@/bench/support/sign-in";
import { ensureBuild, startDemo, type DemoStack } from "@/bench/support/stack";
import { median, note, printResult, round } from "@/bench/support/stats";

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value >= min && value <= max ? value : fallback;
}

const ENTRIES = intFromEnv("BENCH_ENTRIES", 5000, 10, 50_000);
const ROUNDS = intFromEnv("BENCH_ROUNDS", 10, 1, 50);
const WARMUP = 2;
const UPLOAD_PARALLEL = 8;

/** The properties Nextcloud's file browser asks for (PROTOCOLS.md §4). */
const PROPFIND_BODY = `<?xml version="1.0"?>
<d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">
  <d:prop>
    <d:getlastmodified/><d:getetag/><d:getcontenttype/><d:getcontentlength/><d:resourcetype/>
    <oc:fileid/><oc:permissions/><oc:size/><oc:favorite/><nc:has-preview/>
  </d:prop>
</d:propfind>`;

function fileName(index: number): string {
  return `compte-rendu-${String(index).padStart(5, "0")}.txt`;
}

interface Answer {
  status: number;
  body: string;
  ms: number;
}

function exchange(url: string, method: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method,
      headers: { ...headers, ...(body ? { "content-length": String(Buffer.byteLength(body)) } : {}) },
    });
    req.on("error", reject);
    req.on("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          body: Buffer.concat(chunks).toString("utf8"),
          ms: performance.now() - started,
        }),
      );
    });
    req.end(body);
  });
}

async function main(): Promise<void> {
  installCleanup();
  const build = await ensureBuild();
  const work = mkdtempSync(path.join(tmpdir(), "bench-listing-"));
  let apache: RunningApacheWebdav | undefined;
  let stack: DemoStack | undefined;
  try {
    const user = { name: "bench", password: "bench-password-1" };
    apache = await startApacheWebdav([user]);
    const folderOnDisk = path.join(apache.folder(user.name, "files"), "big");
    mkdirSync(folderOnDisk);
    for (let index = 0; index < ENTRIES; index += 1)
      writeFileSync(path.join(folderOnDisk, fileName(index)), `entry ${index}\n`);
    if (apache.owner) {
      chownSync(folderOnDisk, apache.owner.uid, apache.owner.gid);
      for (let index = 0; index < ENTRIES; index += 1)
        chownSync(path.join(folderOnDisk, fileName(index)), apache.owner.uid, apache.owner.gid);
    }
    const propfindUrl = `${apache.origin}${apache.urlPath(user.name, "files")}big/`;
    const authorization = `Basic ${Buffer.from(`${user.name}:${user.password}`).toString("base64")}`;

    stack = await startDemo({ env: { FILES_BACKEND: "local", FILES_ROOT: path.join(work, "portal-files") } });
    const session = await signIn(stack.portalUrl, "alice.martin");
    const cookie = session.cookie;
    const created = await exchange(
      `${stack.directUrl}/api/files/folders`,
      "POST",
      { cookie, "content-type": "application/json" },
      JSON.stringify({ path: "/big" }),
    );
    if (created.status !== 201) throw new Error(`POST /api/files/folders answered ${created.status}: ${created.body}`);
    note(`uploading ${ENTRIES} files through the portal`);
    const uploadStarted = performance.now();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < ENTRIES) {
        const index = next;
        next += 1;
        const answer = await exchange(
          `${stack?.directUrl}/api/files/content?path=${encodeURIComponent(`/big/${fileName(index)}`)}`,
          "PUT",
          { cookie },
          `entry ${index}\n`,
        );
        if (answer.status !== 201) throw new Error(`PUT answered ${answer.status}: ${answer.body}`);
      }
    };
    await Promise.all(Array.from({ length: UPLOAD_PARALLEL }, worker));
    const uploadSeconds = (performance.now() - uploadStarted) / 1000;

    const listPortal = async (): Promise<Answer> => {
      const answer = await exchange(`${stack?.directUrl}/api/files/list?path=%2Fbig`, "GET", { cookie });
      const parsed = JSON.parse(answer.body) as { entries?: unknown[] };
      if (answer.status !== 200 || parsed.entries?.length !== ENTRIES)
        throw new Error(`portal listing: ${answer.status}, ${parsed.entries?.length ?? 0} entries`);
      return answer;
    };
    const propfind = async (): Promise<Answer> => {
      const answer = await exchange(
        propfindUrl,
        "PROPFIND",
        { authorization, depth: "1", "content-type": "application/xml" },
        PROPFIND_BODY,
      );
      const responses = answer.body.match(/<D:response/gi)?.length ?? 0;
      if (answer.status !== 207 || responses !== ENTRIES + 1)
        throw new Error(`PROPFIND: ${answer.status}, ${responses} responses`);
      return answer;
    };

    for (let index = 0; index < WARMUP; index += 1) {
      await listPortal();
      await propfind();
    }
    const portalMs: number[] = [];
    const propfindMs: number[] = [];
    let portalBytes = 0;
    let propfindBytes = 0;
    for (let index = 0; index < ROUNDS; index += 1) {
      const first = index % 2 === 0;
      const a = first ? await listPortal() : await propfind();
      const b = first ? await propfind() : await listPortal();
      const [portal, dav] = first ? [a, b] : [b, a];
      portalMs.push(portal.ms);
      propfindMs.push(dav.ms);
      portalBytes = Buffer.byteLength(portal.body);
      propfindBytes = Buffer.byteLength(dav.body);
    }
    note(`portal ${round(median(portalMs))} ms, PROPFIND ${round(median(propfindMs))} ms`);

    printResult({
      benchmark: "files-listing",
      entries: ENTRIES,
      rounds: ROUNDS,
      portalBackend: "local",
      webdavServer: "apache2 mod_dav (Debian)",
      portalListMs: round(median(portalMs)),
      propfindMs: round(median(propfindMs)),
      ratioPortalToPropfind: round(median(portalMs) / median(propfindMs), 2),
      portalResponseBytes: portalBytes,
      propfindResponseBytes: propfindBytes,
      setupUploadSeconds: round(uploadSeconds, 1),
      ...(build.built ? { buildSeconds: Math.round(build.ms / 1000) } : {}),
    });
  } finally {
    await stack?.stop();
    await apache?.stop();
    await stopAll();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  printResult({ benchmark: "files-listing", error: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
});
