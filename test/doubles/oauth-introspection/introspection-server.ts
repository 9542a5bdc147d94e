/**
 * A contract double of an OAuth 2.0 Token Introspection endpoint (RFC 7662), as Keycloak exposes
 * one: POST token=… (client credentials in Basic auth) → { active, email, … }. Tests register the
 * tokens they mint; anything else is `{ "active": false }`. Used to check the portal's OAUTHBEARER
 * and XOAUTH2 logins against the real Dovecot (its oauth2 passdb calls this endpoint).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface IntrospectionDouble {
  /** http://client:secret@127.0.0.1:PORT/introspect, for Dovecot's introspection_url. */
  url: string;
  issue(email: string): string;
  revoke(token: string): void;
  requests(): number;
  close(): Promise<void>;
}

export async function startIntrospectionDouble(): Promise<IntrospectionDouble> {
  const tokens = new Map<string, string>();
  let count = 0;
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      count += 1;
      const authorized =
        req.headers.authorization === `Basic ${Buffer.from("dovecot:introspect-secret").toString("base64")}`;
      if (req.method !== "POST" || req.url !== "/introspect" || !authorized) {
        res.writeHead(401, { "content-type": "application/json" }).end('{"error":"invalid_client"}');
        return;
      }
      const token = new URLSearchParams(body).get("token") ?? "";
      const email = tokens.get(token);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify(email ? { active: true, email, token_type: "Bearer", client_id: "portal" } : { active: false }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://dovecot:introspect-secret@127.0.0.1:${port}/introspect`,
    issue(email) {
      const token = `at-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
      tokens.set(token, email);
      return token;
    },
    revoke(token) {
      tokens.delete(token);
    },
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
