/**
 * Remote key sets, one per provider, cached by jose (keys refetched on an unknown `kid`).
 */
import "server-only";
import { createRemoteJWKSet } from "jose";

const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

export function remoteKeySet(jwksUri: string): ReturnType<typeof createRemoteJWKSet> {
  let keySet = keySets.get(jwksUri);
  if (!keySet) {
    keySet = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 5000, cooldownDuration: 30_000 });
    keySets.set(jwksUri, keySet);
  }
  return keySet;
}
