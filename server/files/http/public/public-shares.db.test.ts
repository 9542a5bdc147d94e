// The public share API over real HTTP against the local adapter: links created and revoked
// through the JSON routes (audited), opened anonymously — password, unlock cookie, read and
// upload-only links, Range, unknown tokens answered like revoked ones and no faster, rate limits.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import type * as SharesRoute from "@/app/api/files/shares/route";
import type * as ShareByIdRoute from "@/app/api/files/shares/[id]/route";
import { callRoute, startFilesHttpFixture, type FilesHttpFixture } from "@/server/files/http/files-http-fixture";
import { FAILURE_FLOOR_MS, PASSWORD_PER_TOKEN } from "@/server/files/http/public/public-shares-route";

vi.mock("@/server/auth/current-user", async () => {
  const { mockedCurrentUser } = await import("@/server/files/http/files-http-fixture");
  return { getCurrentUser: mockedCurrentUser };
});

let fixture: FilesHttpFixture;
let shares: typeof SharesRoute;
let shareById: typeof ShareByIdRoute;

interface Link {
  id: string;
  token: string;
  url: string;
  access: "read" | "upload";
  hasPassword: boolean;
}

async function createLink(body: Record<string, unknown>): Promise<Link> {
  const response = await callRoute(shares.POST, { url: "/api/files/shares", cookie: fixture.alice.cookie, body });
  expect(response.status).toBe(201);
  return (await response.json()) as Link;
}

function publicUrl(token: string, rest = ""): string {
  return `${fixture.origin}/api/public/shares/${token}${rest}`;
}

async function unlock(token: string, password: string): Promise<Response> {
  return fetch(publicUrl(token, "/unlock"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ password }),
  });
}

beforeAll(async () => {
  fixture = await startFilesHttpFixture();
  shares = await import("@/app/api/files/shares/route");
  shareById = await import("@/app/api/files/shares/[id]/route");
  const folders = await import("@/app/api/files/folders/route");
  for (const path of ["/Partage", "/Partage/Sous-dossier", "/Dépôt"]) {
    expect((await callRoute(folders.POST, { url: "/", cookie: fixture.alice.cookie, body: { path } })).status).toBe(
      201,
    );
  }
  for (const [path, text] of [
    ["/Partage/lettre.txt", "Madame, Monsieur, ..."],
    ["/Partage/Sous-dossier/annexe.txt", "annexe"],
    ["/secret.txt", "0123456789"],
  ] as const) {
    const response = await fetch(`${fixture.origin}/api/files/content?path=${encodeURIComponent(path)}`, {
      method: "PUT",
      headers: { cookie: fixture.alice.cookie },
      body: text,
    });
    expect(response.status).toBe(201);
  }
}, 180_000);
afterAll(async () => {
  await fixture.close();
});

describe("a read link on a folder, with a password", () => {
  let link: Link;
  let cookie: string;

  beforeAll(async () => {
    link = await createLink({ path: "/Partage", access: "read", password: "correct horse" });
    expect(link).toMatchObject({ access: "read", hasPassword: true });
    expect(link.url).toBe(`http://localhost:3000/s/${link.token}`);
  });

  it("was recorded in the audit log with the share id and the user", async () => {
    const { db } = await import("@/server/db/client");
    const { auditLog } = await import("@/server/db/schema");
    const rows = await (
      await db()
    )
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "files.share_created"), eq(auditLog.targetId, link.id)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorUserId: fixture.alice.id, targetType: "share", outcome: "success" });
    expect(JSON.stringify(rows[0])).not.toContain("correct horse");
  });

  it("asks for the password (401 'password required'), refuses a wrong one, and unlocks with the right one", async () => {
    const locked = await fetch(publicUrl(link.token));
    expect(locked.status).toBe(401);
    expect(await locked.json()).toEqual({ error: { code: "UNAUTHENTICATED", message: "password required" } });
    expect((await unlock(link.token, "wrong horse")).status).toBe(401);

    const unlocked = await unlock(link.token, "correct horse");
    expect(unlocked.status).toBe(204);
    const setCookie = unlocked.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    cookie = setCookie.split(";")[0] ?? "";
  });

  it("lists the folder and its subfolders, and streams a file with Range", async () => {
    const info = await fetch(publicUrl(link.token), { headers: { cookie } });
    expect(info.status).toBe(200);
    const body = (await info.json()) as {
      access: string;
      root: { name: string };
      entries: Array<{ name: string; path: string }>;
    };
    expect(body.access).toBe("read");
    expect(body.root.name).toBe("Partage");
    expect(body.entries.map((entry) => entry.name).sort()).toEqual(["Sous-dossier", "lettre.txt"]);

    const sub = (await (
      await fetch(publicUrl(link.token, "?path=%2FSous-dossier"), { headers: { cookie } })
    ).json()) as {
      entries: Array<{ name: string }>;
    };
    expect(sub.entries.map((entry) => entry.name)).toEqual(["annexe.txt"]);

    const ranged = await fetch(publicUrl(link.token, "/content?path=%2Flettre.txt"), {
      headers: { cookie, range: "bytes=0-5" },
    });
    expect(ranged.status).toBe(206);
    expect(await ranged.text()).toBe("Madame");
  });

  it("never reaches outside the shared folder", async () => {
    for (const path of ["/../secret.txt", "%2F..%2Fsecret.txt", "/%2e%2e/secret.txt", "\\..\\secret.txt"]) {
      const response = await fetch(
        publicUrl(link.token, `/content?path=${path.startsWith("%") ? path : encodeURIComponent(path)}`),
        {
          headers: { cookie },
        },
      );
      expect(response.status, path).toBe(400);
    }
    const outside = await fetch(publicUrl(link.token, "/content?path=%2Fsecret.txt"), { headers: { cookie } });
    expect(outside.status).toBe(404);
  });

  it("does not take uploads", async () => {
    const response = await fetch(publicUrl(link.token, "/content?path=%2Fnew.txt"), {
      method: "PUT",
      headers: { cookie },
      body: "x",
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "FORBIDDEN", message: "this link is read-only" } });
  });

  it("is gone once revoked: 404 like any unknown token, audited", async () => {
    const revoked = await callRoute(shareById.DELETE, {
      method: "DELETE",
      url: `/api/files/shares/${link.id}`,
      cookie: fixture.alice.cookie,
      params: { id: link.id },
    });
    expect(revoked.status).toBe(204);
    const after = await fetch(publicUrl(link.token), { headers: { cookie } });
    expect(after.status).toBe(404);
    const unknown = await fetch(publicUrl("AAAAAAAAAAAAAAAAAAAAAA"));
    expect(await unknown.json()).toEqual(await after.json());
    const { db } = await import("@/server/db/client");
    const { auditLog } = await import("@/server/db/schema");
    const rows = await (await db()).select().from(auditLog).where(eq(auditLog.action, "files.share_revoked"));
    expect(rows.some((row) => row.targetId === link.id && row.actorUserId === fixture.alice.id)).toBe(true);
  });
});

describe("an upload-only link on a folder", () => {
  let link: Link;

  beforeAll(async () => {
    link = await createLink({ path: "/Dépôt", access: "upload" });
  });

  it("takes new files, never overwrites one, and shows nothing of the folder", async () => {
    const info = (await (await fetch(publicUrl(link.token))).json()) as Record<string, unknown>;
    expect(info.access).toBe("upload");
    expect(info.entries).toBeUndefined();
    const dropped = await fetch(publicUrl(link.token, "/content?path=%2Fordonnance.pdf"), {
      method: "PUT",
      body: "%PDF-1.7",
    });
    expect(dropped.status).toBe(201);
    // A taken name is never overwritten: the adapter keeps both (the local one as "name (2).ext").
    const again = await fetch(publicUrl(link.token, "/content?path=%2Fordonnance.pdf"), {
      method: "PUT",
      body: "other",
    });
    expect(again.status).toBe(201);
    expect(((await again.json()) as { name: string }).name).not.toBe("ordonnance.pdf");
    const mine = await fetch(
      `${fixture.origin}/api/files/content?path=${encodeURIComponent("/Dépôt/ordonnance.pdf")}`,
      {
        headers: { cookie: fixture.alice.cookie },
      },
    );
    expect(await mine.text()).toBe("%PDF-1.7");
  });

  it("cannot read", async () => {
    const response = await fetch(publicUrl(link.token, "/content?path=%2Fordonnance.pdf"));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { message: "this link only accepts uploads" } });
  });
});

describe("against guessing", () => {
  it("answers unknown and malformed tokens with the same 404, no sooner than the failure floor", async () => {
    for (const token of ["AAAAAAAAAAAAAAAAAAAAAA", "short", "..%2F..%2Fetc", "a".repeat(300)]) {
      const started = performance.now();
      const response = await fetch(publicUrl(token));
      expect(response.status, token).toBe(404);
      expect(await response.json()).toEqual({
        error: { code: "NOT_FOUND", message: "this link does not exist or has expired" },
      });
      expect(performance.now() - started).toBeGreaterThanOrEqual(FAILURE_FLOOR_MS - 5);
    }
  });

  it("stops password guessing on a link with 429 and Retry-After, even for the right password", async () => {
    const link = await createLink({ path: "/secret.txt", access: "read", password: "the right one" });
    for (let attempt = 0; attempt < PASSWORD_PER_TOKEN.max; attempt += 1) {
      expect((await unlock(link.token, `guess ${attempt}`)).status).toBe(401);
    }
    const limited = await unlock(link.token, "the right one");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: { code: "TOO_MANY_REQUESTS" } });
  });
});
