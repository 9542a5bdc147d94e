// POST /api/auth/backchannel-logout – OpenID Connect Back-Channel Logout: the identity provider
// tells the portal that a session ended there; every matching portal session is revoked.
import { handleBackchannelLogout } from "@/server/auth/backchannel-logout";

export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return handleBackchannelLogout(request);
}
