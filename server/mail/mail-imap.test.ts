// Without IMAP_URL the mail module answers 503 NOT_CONFIGURED before touching credentials.
import { describe, expect, it } from "vitest";
import { setTestEnv } from "@/test/support/test-env";

describe("withMailbox without IMAP_URL", () => {
  it("throws NOT_CONFIGURED (503)", async () => {
    delete process.env.IMAP_URL;
    setTestEnv();
    const { withMailbox } = await import("./mail-imap");
    const user = {
      id: "u",
      displayName: "x",
      profession: null,
      provider: "idcaih",
      authMethods: [],
      acr: null,
      isAdmin: false,
      sessionId: "s",
    };
    await expect(withMailbox(user, () => Promise.resolve(1))).rejects.toMatchObject({
      code: "NOT_CONFIGURED",
      status: 503,
    });
  });
});
