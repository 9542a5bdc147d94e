// A portal user as the session layer hands it to modules (server/auth/portal-user.ts), for unit
// tests of code that only reads it (widgets, notifications): no database row behind it.
import type { PortalUser } from "@/server/auth/portal-user";

export const TEST_PORTAL_USER: PortalUser = {
  id: "u-1",
  displayName: "Alice Martin",
  profession: "médecin",
  provider: "demo",
  authMethods: ["pwd"],
  acr: null,
  isAdmin: false,
  sessionId: "s-1",
};
