// The iframe's addresses: the editor path names a client and a document in a strict shape (so
// proxy.ts can read the client for frame-ancestors), and the postMessage target is only ever one
// of the client's allowed origins.
import { describe, expect, it } from "vitest";
import { chooseParentOrigin, embedEditorPath, parseEmbedEditorPath } from "@/server/embed/ui-bridge/embed-paths";

const ID = "0b5c2f0e-8a51-4f7e-9a57-3f2d1c0b9a88";

describe("embed editor paths", () => {
  it("round-trip a client and a document, with the parent origin as a query parameter", () => {
    const path = embedEditorPath("dpi-demo", ID, "https://dpi.example");
    expect(path).toBe(`/embed/v1/clients/dpi-demo/documents/${ID}?parent=https%3A%2F%2Fdpi.example`);
    expect(parseEmbedEditorPath(path.split("?")[0] ?? "")).toEqual({ clientId: "dpi-demo", documentId: ID });
  });

  it("refuse anything that is not exactly a client id and a UUID", () => {
    for (const bad of [
      `/embed/v1/clients/DPI/documents/${ID}`,
      `/embed/v1/clients/dpi%20demo/documents/${ID}`,
      `/embed/v1/clients/dpi-demo/documents/${ID}/x`,
      `/embed/v1/clients/dpi-demo/documents/not-a-uuid`,
      `/embed/v1/clients//documents/${ID}`,
      "/embed/v1/launch",
    ]) {
      expect(parseEmbedEditorPath(bad), bad).toBeNull();
    }
  });
});

describe("chooseParentOrigin", () => {
  it("keeps the requested origin only when it is exactly an allowed one", () => {
    const allowed = ["https://dpi.example", "https://dpi2.example:8443"];
    expect(chooseParentOrigin("https://dpi2.example:8443", allowed)).toBe("https://dpi2.example:8443");
    expect(chooseParentOrigin("https://dpi2.example", allowed)).toBeNull();
    expect(chooseParentOrigin("https://dpi.example/", allowed)).toBeNull();
    expect(chooseParentOrigin(null, allowed)).toBeNull();
  });

  it("falls back to the only allowed origin, never to a guess among several", () => {
    expect(chooseParentOrigin(undefined, ["https://dpi.example"])).toBe("https://dpi.example");
    expect(chooseParentOrigin("https://evil.example", ["https://dpi.example"])).toBe("https://dpi.example");
    expect(chooseParentOrigin(undefined, [])).toBeNull();
  });
});
