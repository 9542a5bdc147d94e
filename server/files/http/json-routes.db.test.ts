// The Files JSON routes (Next route handlers, called as Next calls them) against the local
// adapter and a real session check: listing, folders, move/copy/rename, delete to the trash with
// its audit events and restore, versions, favourites, recent, search.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { callRoute, startFilesHttpFixture, type FilesHttpFixture } from "@/server/files/http/files-http-fixture";

vi.mock("@/server/auth/current-user", async () => {
  const { mockedCurrentUser } = await import("@/server/files/http/files-http-fixture");
  return { getCurrentUser: mockedCurrentUser };
});

let fixture: FilesHttpFixture;

interface Entry {
  id: string;
  path: string;
  name: string;
  kind: "file" | "folder";
  favourite: boolean;
}

type Handler = Parameters<typeof callRoute>[0];

async function call(modulePath: string, method: "GET" | "POST", url: string, body?: unknown): Promise<Response> {
  const routeModule = (await import(/* @vite-ignore */ modulePath)) as Record<string, Handler>;
  const handler = routeModule[method];
  if (!handler) throw new Error(`${modulePath} has no ${method}`);
  return callRoute(handler, { method, url, cookie: fixture.alice.cookie, body });
}

async function json<T>(response: Promise<Response>, status = 200): Promise<T> {
  const answer = await response;
  const text = await answer.text();
  expect(answer.status, text).toBe(status);
  return JSON.parse(text) as T;
}

async function put(path: string, text: string, overwrite = false): Promise<void> {
  const response = await fetch(
    `${fixture.origin}/api/files/content?path=${encodeURIComponent(path)}${overwrite ? "&overwrite=1" : ""}`,
    { method: "PUT", headers: { cookie: fixture.alice.cookie }, body: text },
  );
  expect(response.status).toBe(201);
}

beforeAll(async () => {
  fixture = await startFilesHttpFixture();
}, 180_000);
afterAll(async () => {
  await fixture.close();
});

describe("Files JSON routes", () => {
  it("creates folders and lists them with the folder itself", async () => {
    await json(call("@/app/api/files/folders/route", "POST", "/api/files/folders", { path: "/Cardiologie" }), 201);
    await put("/Cardiologie/Échographie.txt", "écho");
    const listing = await json<{ folder: Entry; entries: Entry[] }>(
      call("@/app/api/files/list/route", "GET", "/api/files/list?path=%2FCardiologie"),
    );
    expect(listing.folder).toMatchObject({ path: "/Cardiologie", kind: "folder" });
    expect(listing.entries.map((entry) => entry.name)).toEqual(["Échographie.txt"]);
    const root = await json<{ folder: Entry; entries: Entry[] }>(
      call("@/app/api/files/list/route", "GET", "/api/files/list"),
    );
    expect(root.folder.path).toBe("/");
    // Another user's root is their own.
    const bobs = await callRoute((await import("@/app/api/files/list/route")).GET, {
      url: "/api/files/list?path=%2FCardiologie",
      cookie: fixture.bob.cookie,
    });
    expect(bobs.status).toBe(404);
  });

  it("copies, moves and renames, refusing to overwrite unless asked", async () => {
    await json(
      call("@/app/api/files/copy/route", "POST", "/", { from: "/Cardiologie/Échographie.txt", to: "/copie.txt" }),
    );
    const conflict = await call("@/app/api/files/copy/route", "POST", "/", {
      from: "/Cardiologie/Échographie.txt",
      to: "/copie.txt",
    });
    expect(conflict.status).toBe(409);
    const moved = await json<Entry>(
      call("@/app/api/files/move/route", "POST", "/", { from: "/copie.txt", to: "/Cardiologie/copie.txt" }),
    );
    expect(moved.path).toBe("/Cardiologie/copie.txt");
    const renamed = await json<Entry>(
      call("@/app/api/files/rename/route", "POST", "/", { path: "/Cardiologie/copie.txt", name: "double.txt" }),
    );
    expect(renamed).toMatchObject({ path: "/Cardiologie/double.txt", name: "double.txt", id: moved.id });
  });

  it("deletes to the trash (audited by file id), reports what failed, and restores", async () => {
    const listing = await json<{ entries: Entry[] }>(
      call("@/app/api/files/list/route", "GET", "/api/files/list?path=%2FCardiologie"),
    );
    const double = listing.entries.find((entry) => entry.name === "double.txt");
    const result = await json<{ deleted: string[]; failed: Array<{ path: string; error: { code: string } }> }>(
      call("@/app/api/files/delete/route", "POST", "/", { paths: ["/Cardiologie/double.txt", "/absent.txt"] }),
    );
    expect(result.deleted).toEqual(["/Cardiologie/double.txt"]);
    expect(result.failed).toEqual([{ path: "/absent.txt", error: { code: "NOT_FOUND", message: expect.any(String) } }]);

    const { db } = await import("@/server/db/client");
    const { auditLog } = await import("@/server/db/schema");
    const events = await (await db()).select().from(auditLog).where(eq(auditLog.action, "files.deleted"));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorUserId: fixture.alice.id, targetType: "file", targetId: double?.id });
    expect(JSON.stringify(events[0])).not.toContain("double.txt");

    const trash = await json<{ entries: Array<{ id: string; originalPath: string }> }>(
      call("@/app/api/files/trash/route", "GET", "/"),
    );
    const trashed = trash.entries.find((entry) => entry.originalPath === "/Cardiologie/double.txt");
    expect(trashed).toBeDefined();
    const restored = await json<Entry>(call("@/app/api/files/trash/restore/route", "POST", "/", { id: trashed?.id }));
    expect(restored.path).toBe("/Cardiologie/double.txt");
  });

  it("keeps versions on overwrite, lists and restores them", async () => {
    await put("/version.txt", "première");
    await put("/version.txt", "seconde", true);
    const { versions } = await json<{ versions: Array<{ id: string }> }>(
      call("@/app/api/files/versions/route", "GET", "/api/files/versions?path=%2Fversion.txt"),
    );
    expect(versions.length).toBeGreaterThanOrEqual(1);
    const oldest = versions.at(-1);
    const content = await fetch(
      `${fixture.origin}/api/files/versions/content?path=%2Fversion.txt&version=${encodeURIComponent(oldest?.id ?? "")}`,
      { headers: { cookie: fixture.alice.cookie } },
    );
    expect(content.status).toBe(200);
    expect(await content.text()).toBe("première");
    await json(
      call("@/app/api/files/versions/restore/route", "POST", "/", { path: "/version.txt", version: oldest?.id }),
    );
    const current = await fetch(`${fixture.origin}/api/files/content?path=%2Fversion.txt`, {
      headers: { cookie: fixture.alice.cookie },
    });
    expect(await current.text()).toBe("première");
  });

  it("marks favourites, lists recent files newest first, and searches names without accents or case", async () => {
    const set = await call("@/app/api/files/favourites/route", "POST", "/", { path: "/Cardiologie", favourite: true });
    expect(set.status).toBe(204);
    const favourites = await json<{ entries: Entry[] }>(call("@/app/api/files/favourites/route", "GET", "/"));
    expect(favourites.entries.map((entry) => entry.path)).toEqual(["/Cardiologie"]);

    await put("/dernier.txt", "x");
    const recent = await json<{ entries: Entry[] }>(
      call("@/app/api/files/recent/route", "GET", "/api/files/recent?limit=2"),
    );
    expect(recent.entries).toHaveLength(2);
    expect(recent.entries[0]?.path).toBe("/dernier.txt");

    const found = await json<{ entries: Entry[] }>(
      call("@/app/api/files/search/route", "GET", "/api/files/search?q=ECHOGRAPHIE"),
    );
    expect(found.entries.map((entry) => entry.path)).toEqual(["/Cardiologie/Échographie.txt"]);
  });
});
