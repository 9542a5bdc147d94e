/**
 * The iframe's calls to its own routes (app/api/embed/session/**), authenticated by the embed
 * cookie. Each answers a typed outcome instead of throwing, so the editor can turn it into the
 * right postMessage event.
 */

export const EMBED_COLLAB_TOKEN_PATH = "/api/embed/session/collab-token";

export type EmbedCallFailure = "session_ended" | "read_only" | "request_failed";

export type SaveOutcome = { ok: true; versionId: string; savedAt: string } | { ok: false; failure: EmbedCallFailure };
export type CloseOutcome =
  { ok: true; saved: { versionId: string; savedAt: string } | null } | { ok: false; failure: EmbedCallFailure };

async function post(path: string, body: object): Promise<{ status: number; json: unknown }> {
  try {
    const response = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store",
    });
    return { status: response.status, json: await response.json().catch(() => null) };
  } catch {
    return { status: 0, json: null };
  }
}

function failureOf(status: number): EmbedCallFailure {
  if (status === 401) return "session_ended";
  if (status === 403) return "read_only";
  return "request_failed";
}

function asSaved(value: unknown): { versionId: string; savedAt: string } | null {
  const saved = value as { versionId?: unknown; savedAt?: unknown } | null;
  return saved && typeof saved.versionId === "string" && typeof saved.savedAt === "string"
    ? { versionId: saved.versionId, savedAt: saved.savedAt }
    : null;
}

export async function saveEmbedSession(label: string | undefined): Promise<SaveOutcome> {
  const { status, json } = await post("/api/embed/session/save", label === undefined ? {} : { label });
  const saved = status === 200 ? asSaved(json) : null;
  return saved ? { ok: true, ...saved } : { ok: false, failure: failureOf(status) };
}

export async function closeEmbedSession(): Promise<CloseOutcome> {
  const { status, json } = await post("/api/embed/session/close", {});
  if (status !== 200) return { ok: false, failure: failureOf(status) };
  return { ok: true, saved: asSaved((json as { saved?: unknown } | null)?.saved ?? null) };
}
