// A signing key and a local HTTP server publishing OpenID metadata and the key's JWKS, so tests
// can sign tokens the production verification code then checks exactly as it would a provider's.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";

export interface LocalIssuer {
  issuer: string;
  sign: (claims: JWTPayload, options?: { key?: CryptoKey; kid?: string }) => Promise<string>;
  otherKey: CryptoKey;
  close: () => Promise<void>;
}

export interface LocalIssuerOptions {
  path?: string;
  /** Answers GET {issuer}/userinfo (PSC answers with a signed JWT). */
  userinfo?: (sign: LocalIssuer["sign"]) => Promise<{ contentType: string; body: string }>;
  /** Answers POST {issuer}/token with the form parameters it received. */
  token?: (form: URLSearchParams) => { status: number; body: Record<string, unknown> };
}

export async function startLocalIssuer(options: LocalIssuerOptions = {}): Promise<LocalIssuer> {
  const path = options.path ?? "/realms/test";
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const other = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  let issuer = "";
  const server: Server = createServer((request, response) => {
    if (request.url === `${path}/.well-known/openid-configuration`) {
      response.setHeader("content-type", "application/json");
      response.end(
        JSON.stringify({
          issuer,
          authorization_endpoint: `${issuer}/auth`,
          token_endpoint: `${issuer}/token`,
          userinfo_endpoint: `${issuer}/userinfo`,
          jwks_uri: `${issuer}/jwks`,
          end_session_endpoint: `${issuer}/logout`,
        }),
      );
    } else if (request.url === `${path}/userinfo` && options.userinfo) {
      options
        .userinfo(sign)
        .then(({ contentType, body }) => {
          response.setHeader("content-type", contentType);
          response.end(body);
        })
        .catch(() => {
          response.statusCode = 500;
          response.end();
        });
    } else if (request.url === `${path}/token` && request.method === "POST" && options.token) {
      const handler = options.token;
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const answer = handler(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
        response.statusCode = answer.status;
        response.setHeader("content-type", "application/json");
        response.end(JSON.stringify(answer.body));
      });
    } else if (request.url === `${path}/jwks`) {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ keys: [jwk] }));
    } else {
      response.statusCode = 404;
      response.end();
    }
  });
  const sign: LocalIssuer["sign"] = (claims, signOptions = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: signOptions.kid ?? "k1" })
      .sign(signOptions.key ?? privateKey);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return {
    issuer,
    otherKey: other.privateKey,
    sign,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
