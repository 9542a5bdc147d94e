// The clients file: a valid entry parses; every mistake is reported with the entry (index and id)
// and the field; the client secret is only ever a scrypt hash, checked in constant time; the
// decoy hash used for unknown clients is well-formed (so it costs a real scrypt).
import { describe, expect, it } from "vitest";
import { setTestEnv } from "@/test/support/test-env";
import { hashClientSecret, isClientSecretHash, verifyClientSecret } from "@/server/embed/client-secret-hash";
import { EmbedClientsFileError, parseEmbedClients } from "@/server/embed/clients";

setTestEnv();

const secretHash = await hashClientSecret("the-vendor-secret");

function entry(overrides: Record<string, unknown> = {}) {
  return {
    id: "dpi-demo",
    name: "DPI de démonstration",
    secretHash,
    allowedOrigins: ["https://dpi.example"],
    webhookUrl: "https://dpi.example/hooks/portal",
    webhookSecret: "x".repeat(32),
    allowedTemplates: ["discharge-summary"],
    ...overrides,
  };
}

function problems(text: string): string {
  try {
    parseEmbedClients(text, () => {
      throw new Error("unreadable");
    });
  } catch (error) {
    expect(error).toBeInstanceOf(EmbedClientsFileError);
    return (error as Error).message;
  }
  throw new Error("expected the file to be refused");
}

describe("parseEmbedClients", () => {
  it("reads a valid entry, with French as the default locale", () => {
    const [client] = parseEmbedClients(JSON.stringify([entry()]));
    expect(client).toEqual({
      id: "dpi-demo",
      name: "DPI de démonstration",
      secretHash,
      allowedOrigins: ["https://dpi.example"],
      webhook: { url: "https://dpi.example/hooks/portal", secret: "x".repeat(32) },
      allowedTemplates: ["discharge-summary"],
      locale: "fr",
    });
  });

  it("reads the webhook secret from a file when asked", () => {
    const [client] = parseEmbedClients(
      JSON.stringify([entry({ webhookSecret: undefined, webhookSecretFile: "/run/secrets/dpi" })]),
      (path) => (path === "/run/secrets/dpi" ? "y".repeat(40) : ""),
    );
    expect(client?.webhook?.secret).toBe("y".repeat(40));
  });

  it("names the entry and the field of every mistake", () => {
    const message = problems(
      JSON.stringify([
        entry({ allowedOrigins: ["https://dpi.example/path"] }),
        entry({ id: "dpi-two", secretHash: "plain-secret" }),
        entry({ id: "dpi-three", allowedTemplates: ["no-such-template"], webhookSecret: "short" }),
        entry({ id: "dpi-four", webhookSecret: undefined }),
        entry({ id: "dpi-five", webhookSecret: undefined, webhookSecretFile: "/missing" }),
        entry({ id: "dpi-demo" }),
        { id: 7 },
      ]),
    );
    expect(message).toContain('clients[0] (id "dpi-demo").allowedOrigins.0: expected an origin');
    expect(message).toContain('clients[1] (id "dpi-two").secretHash: expected a scrypt hash');
    expect(message).toContain('clients[2] (id "dpi-three").allowedTemplates.0: unknown template id');
    expect(message).toContain('clients[2] (id "dpi-three").webhookSecret: must be at least 32 characters');
    expect(message).toContain('clients[3] (id "dpi-four").webhookSecret: required when webhookUrl is set');
    expect(message).toContain('clients[4] (id "dpi-five").webhookSecretFile: cannot read /missing');
    expect(message).toContain('clients[5] (id "dpi-demo").id: duplicate client id');
    expect(message).toContain("clients[6].id:");
    expect(message).not.toContain("the-vendor-secret");
  });

  it("refuses a file that is not a JSON array", () => {
    expect(problems("{")).toBe("EMBED_CLIENTS_FILE: not valid JSON");
    expect(problems('{"id":"x"}')).toBe("EMBED_CLIENTS_FILE: expected a JSON array of clients");
  });
});

describe("client secrets", () => {
  it("verifies the right secret only, and refuses malformed or weak hashes", async () => {
    expect(isClientSecretHash(secretHash)).toBe(true);
    expect(await verifyClientSecret("the-vendor-secret", secretHash)).toBe(true);
    expect(await verifyClientSecret("the-vendor-secreT", secretHash)).toBe(false);
    expect(await verifyClientSecret("the-vendor-secret", "sha256:abc")).toBe(false);
    expect(isClientSecretHash(secretHash.replace("scrypt$32768", "scrypt$1024"))).toBe(false);
    expect(await hashClientSecret("the-vendor-secret")).not.toBe(secretHash);
  });

  it("uses a well-formed decoy for unknown clients, so they cost a real scrypt", async () => {
    const source = await import("node:fs/promises").then((fs) =>
      fs.readFile("server/embed/api/token-route.ts", "utf8"),
    );
    const decoy = /"(scrypt\$[^"]+)"/.exec(source)?.[1];
    expect(decoy && isClientSecretHash(decoy)).toBe(true);
  });
});
