/**
 * Encrypts small secrets (provider access and refresh tokens) for storage in the database:
 * AES-256-GCM with a key derived from AUTH_SECRET by HKDF, a random 96-bit IV per value, and the
 * column's purpose bound in as associated data so a value cannot be moved to another column.
 */
import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";

function deriveKey(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "portal-secret-box", "token-encryption", 32));
}

export interface SecretBox {
  seal: (plaintext: string, purpose: string) => string;
  open: (sealed: string, purpose: string) => string;
}

export function createSecretBox(secret: string): SecretBox {
  const key = deriveKey(secret);
  return {
    seal(plaintext, purpose) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(Buffer.from(purpose));
      const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return [
        VERSION,
        iv.toString("base64url"),
        data.toString("base64url"),
        cipher.getAuthTag().toString("base64url"),
      ].join(".");
    },
    open(sealed, purpose) {
      const [version, iv, data, tag] = sealed.split(".");
      if (version !== VERSION || !iv || !data || !tag) throw new Error("sealed value has an unknown format");
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAAD(Buffer.from(purpose));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
    },
  };
}
