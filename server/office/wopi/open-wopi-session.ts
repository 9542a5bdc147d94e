/**
 * Opening a file in the WOPI client: what the editor page (app/(workspace)/office/[fileId]) needs
 * to render components/office/wopi-frame.tsx — the client's action URL for this file (from
 * discovery, placeholders filled, WOPISrc appended) and an access token with its
 * `access_token_ttl`. The token is then POSTed into the iframe by the page, never put in a URL.
 *
 * The user's right on the file is checked through the storage FIRST: no token is made for a file
 * the user cannot reach (NOT_FOUND), and an edit token only when the storage lets them write;
 * otherwise the file opens read-only. When the client has no edit action for the format, it opens
 * in view; when it has no view action (Collabora lists only "edit" for many formats), the edit
 * action is used with a read-only token (CheckFileInfo then says UserCanWrite: false).
 */
import "server-only";
import type { PortalUser } from "@/server/auth/portal-user";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { getFileStorage } from "@/server/files/get-file-storage";
import type { FileStorage } from "@/server/files/storage";
import { splitExtension } from "@/server/office/wopi/file-names";
import { wopiServices, type WopiServices } from "@/server/office/wopi/wopi-services";
import { buildActionUrl, findAction, type DiscoveryAction, type WopiDiscovery } from "@/integrations/wopi/discovery";

export type WopiOpenMode = "view" | "edit" | "editnew";

export interface WopiSession {
  /** The client's page to POST the form to (the iframe's target). */
  actionUrl: string;
  accessToken: string;
  /** Absolute expiry in ms since the epoch (`access_token_ttl`). */
  accessTokenTtl: number;
  /** What the session allows, after the storage's permissions and the client's actions. */
  mode: "view" | "edit";
  favicon?: string;
}

const ACTIONS: Record<WopiOpenMode, string[]> = {
  view: ["view", "embedview", "edit"],
  edit: ["edit"],
  editnew: ["editnew", "edit"],
};

function pick(discovery: WopiDiscovery, file: { extension: string; contentType: string | null }, names: string[]) {
  for (const name of names) {
    const action = findAction(discovery, file, name);
    if (action) return action;
  }
  return null;
}

export async function openWopiSession(
  user: PortalUser,
  fileId: string,
  mode: WopiOpenMode,
  options: { language?: string; services?: WopiServices | null; storage?: FileStorage } = {},
): Promise<WopiSession> {
  const services = options.services === undefined ? wopiServices(env()) : options.services;
  if (!services) throw new AppError("NOT_CONFIGURED", { userMessage: "no WOPI client is configured" });
  const storage = options.storage ?? getFileStorage();
  const file = await storage.statById({ user }, fileId);
  if (file.kind !== "file") throw new AppError("NOT_FOUND", { userMessage: "no such file" });
  let discovery: WopiDiscovery;
  try {
    discovery = await services.discovery.get();
  } catch (error) {
    throw new AppError("BACKEND_UNAVAILABLE", { userMessage: "the office editor does not answer", cause: error });
  }
  const kind = { extension: splitExtension(file.name)[1], contentType: file.contentType };
  let permission: "view" | "edit" = mode !== "view" && file.permissions.write ? "edit" : "view";
  let action: DiscoveryAction | null = pick(discovery, kind, permission === "edit" ? ACTIONS[mode] : ACTIONS.view);
  if (!action && permission === "edit") {
    permission = "view";
    action = pick(discovery, kind, ACTIONS.view);
  }
  if (!action)
    throw new AppError("BAD_REQUEST", {
      userMessage: `the office editor cannot open ${kind.extension ? `${kind.extension} files` : "this file"}`,
    });
  const issued = await services.tokens.issue({
    userId: user.id,
    sessionId: user.sessionId,
    fileId: file.id,
    permission,
  });
  return {
    actionUrl: buildActionUrl(action.urlsrc, {
      wopiSrc: `${services.hostUrl}/wopi/files/${encodeURIComponent(file.id)}`,
      language: options.language ?? "fr-FR",
    }),
    accessToken: issued.token,
    accessTokenTtl: issued.expiresAt,
    mode: permission,
    ...(action.favIconUrl ? { favicon: action.favIconUrl } : {}),
  };
}
