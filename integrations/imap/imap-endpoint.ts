/**
 * Where the IMAP server is, from IMAP_URL (imap://host:143 → STARTTLS when offered, required off
 * loopback; imaps://host:993 → TLS from the first byte). Parsed once per call: cheap, and keeps
 * tests free to point the module at a stand-in started on an ephemeral port.
 */
export interface ImapEndpoint {
  host: string;
  port: number;
  secure: boolean;
  /** 127.0.0.0/8 or ::1: the stand-in, where plaintext is acceptable. */
  loopback: boolean;
}

export function parseImapUrl(raw: string): ImapEndpoint {
  const url = new URL(raw);
  const secure = url.protocol === "imaps:";
  if (!secure && url.protocol !== "imap:") throw new Error("IMAP_URL must start with imap:// or imaps://");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  return {
    host,
    port: url.port ? Number(url.port) : secure ? 993 : 143,
    secure,
    loopback: host === "localhost" || host === "::1" || /^127\./.test(host),
  };
}
