/**
 * The process's secret box, keyed from AUTH_SECRET (see secret-box.ts for the construction).
 */
import "server-only";
import { env } from "@/server/env";
import { createSecretBox, type SecretBox } from "@/server/crypto/secret-box";

let box: SecretBox | undefined;

export function portalSecretBox(): SecretBox {
  box ??= createSecretBox(env().AUTH_SECRET);
  return box;
}
