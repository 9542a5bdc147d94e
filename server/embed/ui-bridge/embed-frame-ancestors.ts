/**
 * The `frame-ancestors` source list of an embed page, for proxy.ts:
 *   - the launch page: every registered client's allowed origins (the one-time token is in the
 *     fragment, which the server never sees, so which client launches is not known yet; the page
 *     shows no data before the exchange);
 *   - the editor page: exactly the allowed origins of the client its path names (embed-paths.ts:
 *     the page itself checks the embed cookie's session belongs to that client);
 *   - anything else, an unknown client, or clients that cannot be read: `'none'` (fail closed).
 *
 * Origins come from EMBED_CLIENTS_FILE validated as bare origins (scheme, host, port), so they
 * cannot smuggle another directive into the policy.
 */
import "server-only";
import { embedClients } from "@/server/embed/clients";
import { EMBED_LAUNCH_PAGE, parseEmbedEditorPath } from "@/server/embed/ui-bridge/embed-paths";
import { logger } from "@/server/log";

const SAFE_ORIGIN = /^https?:\/\/[A-Za-z0-9.[\]:-]+$/;

export function embedFrameAncestors(pathname: string): string {
  let origins: readonly string[] = [];
  try {
    if (pathname === EMBED_LAUNCH_PAGE || pathname === `${EMBED_LAUNCH_PAGE}/`) {
      origins = [...new Set(embedClients().flatMap((client) => client.allowedOrigins))];
    } else {
      const address = parseEmbedEditorPath(pathname);
      if (address) origins = embedClients().find((client) => client.id === address.clientId)?.allowedOrigins ?? [];
    }
  } catch (error) {
    logger.error({ err: error }, "embed: clients file unreadable; embed pages may not be framed");
    origins = [];
  }
  const safe = origins.filter((origin) => SAFE_ORIGIN.test(origin));
  return safe.length > 0 ? safe.join(" ") : "'none'";
}
