/**
 * The caller's address and user agent for sessions and audit events, read from the request being
 * served. The address comes from the header the portal's own HTTP server sets after discarding
 * any copy sent by the client (see server/http/portal-server.ts), never from X-Forwarded-For.
 */
import "server-only";
import { headers } from "next/headers";
import { readTrustedPeerAddress } from "@/server/http/portal-server-state";

export async function requestMeta(): Promise<{ ip: string | null; userAgent: string | null }> {
  try {
    const list = await headers();
    return { ip: readTrustedPeerAddress(list), userAgent: list.get("user-agent")?.slice(0, 512) ?? null };
  } catch {
    // Outside a request (scripts, tests): nothing to record.
    return { ip: null, userAgent: null };
  }
}
