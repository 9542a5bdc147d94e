// The `value`/`oldvalue` attributes of discovery's <proof-key>: the public key as a Windows
// CryptoAPI PUBLICKEYBLOB, base64 (what Office Online publishes beside modulus/exponent).
// Layout (Microsoft "Base Provider Key BLOBs"): BLOBHEADER { bType 0x06 PUBLICKEYBLOB, bVersion
// 0x02, reserved 0, aiKeyAlg CALG_RSA_KEYX 0x0000A400 LE } then RSAPUBKEY { magic "RSA1",
// bitlen LE32, pubexp LE32 } then the modulus, little-endian.
import type { KeyObject } from "node:crypto";

export function cspPublicKeyBlob(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: "jwk" });
  const modulus = Buffer.from(jwk.n as string, "base64url");
  const exponent = Buffer.from(jwk.e as string, "base64url");
  const header = Buffer.alloc(20);
  header.writeUInt8(0x06, 0);
  header.writeUInt8(0x02, 1);
  header.writeUInt16LE(0, 2);
  header.writeUInt32LE(0x0000a400, 4);
  header.write("RSA1", 8, "ascii");
  header.writeUInt32LE(modulus.length * 8, 12);
  header.writeUInt32LE(exponent.readUIntBE(0, exponent.length), 16);
  return Buffer.concat([header, Buffer.from(modulus).reverse()]).toString("base64");
}
