// GET /api/files/zip: folders and files of the local adapter as one streamed zip; the archive is
// read back (central directory, inflate) and every entry's bytes compared.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { callRoute, startFilesHttpFixture, type FilesHttpFixture } from "@/server/files/http/files-http-fixture";
import { readZip } from "@/test/support/read-zip";

vi.mock("@/server/auth/current-user", async () => {
  const { mockedCurrentUser } = await import("@/server/files/http/files-http-fixture");
  return { getCurrentUser: mockedCurrentUser };
});

let fixture: FilesHttpFixture;
const files: Record<string, Buffer> = {
  "/Service/compte-rendu.txt": Buffer.from("Compte rendu opératoire\n".repeat(500)),
  "/Service/Images/radio.png": randomBytes(70_000),
  "/Autre/compte-rendu.txt": Buffer.from("autre"),
};

async function put(path: string, bytes: Buffer): Promise<void> {
  const response = await fetch(`${fixture.origin}/api/files/content?path=${encodeURIComponent(path)}`, {
    method: "PUT",
    headers: { cookie: fixture.alice.cookie },
    body: new Uint8Array(bytes),
  });
  expect(response.status).toBe(201);
}

beforeAll(async () => {
  fixture = await startFilesHttpFixture();
  const folders = await import("@/app/api/files/folders/route");
  for (const path of ["/Service", "/Service/Images", "/Service/Vide", "/Autre"]) {
    const response = await callRoute(folders.POST, {
      url: "/api/files/folders",
      cookie: fixture.alice.cookie,
      body: { path },
    });
    expect(response.status).toBe(201);
  }
  for (const [path, bytes] of Object.entries(files)) await put(path, bytes);
}, 180_000);
afterAll(async () => {
  await fixture.close();
});

async function zip(query: string): Promise<Response> {
  return fetch(`${fixture.origin}/api/files/zip?${query}`, { headers: { cookie: fixture.alice.cookie } });
}

describe("GET /api/files/zip", () => {
  it("streams a folder and a same-named file from elsewhere as one archive with every byte intact", async () => {
    const response = await zip(
      `path=${encodeURIComponent("/Service")}&path=${encodeURIComponent("/Autre/compte-rendu.txt")}&name=dossier`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toContain('filename="dossier.zip"');
    expect(response.headers.get("content-length")).toBeNull();
    const entries = readZip(Buffer.from(await response.arrayBuffer()));
    const byName = new Map(entries.map((entry) => [entry.name, entry]));
    expect([...byName.keys()].sort()).toEqual(
      [
        "Service/",
        "Service/Images/",
        "Service/Images/radio.png",
        "Service/Vide/",
        "Service/compte-rendu.txt",
        "compte-rendu.txt",
      ].sort(),
    );
    expect(
      byName.get("Service/compte-rendu.txt")?.data.equals(files["/Service/compte-rendu.txt"] ?? Buffer.alloc(0)),
    ).toBe(true);
    expect(
      byName.get("Service/Images/radio.png")?.data.equals(files["/Service/Images/radio.png"] ?? Buffer.alloc(0)),
    ).toBe(true);
    expect(byName.get("compte-rendu.txt")?.data.toString()).toBe("autre");
  });

  it("names a single folder's archive after it, and puts the root's entries at the top", async () => {
    const single = await zip(`path=${encodeURIComponent("/Autre")}`);
    expect(single.headers.get("content-disposition")).toContain('filename="Autre.zip"');
    const root = readZip(Buffer.from(await (await zip("path=%2F")).arrayBuffer()));
    expect(root.map((entry) => entry.name)).toContain("Service/Images/radio.png");
  });

  it("answers 404 before sending anything when one path does not exist", async () => {
    const response = await zip(`path=${encodeURIComponent("/Service")}&path=${encodeURIComponent("/absent")}`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
  });
});
