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

export async function startLocalIssuer(path = "/realms/test"): Promise<LocalIssuer> {
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
    } else if (request.url === `${path}/jwks`) {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ keys: [jwk] }));
    } else {
      response.statusCode = 404;
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return {
    issuer,
    otherKey: other.privateKey,
    sign: (claims, options = {}) =>
      new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: options.kid ?? "k1" }).sign(options.key ?? privateKey),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
