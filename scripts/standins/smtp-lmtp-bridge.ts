/**
 * The SMTP submission stand-in: an `smtp-server` that requires AUTH (PLAIN/LOGIN, checked against
 * the same users as Dovecot) and hands every accepted message to Dovecot's LMTP, so a message sent
 * by the portal lands in the recipients' INBOX like on a real server. Dovecot's own submission
 * service cannot relay to its LMTP (STANDINS.md §3), hence this small bridge instead of an MTA.
 *
 * It can also REFUSE, to test the portal's failure paths for real: recipients in `refusedDomains`
 * get `550 5.1.1`, and messages above `maxMessageBytes` get `552 5.3.4` (the SIZE extension
 * advertises the limit too). Only local recipients (known users) are delivered; others are
 * accepted and dropped, as a relay to the outside world would be out of scope here.
 */
import { Readable } from "node:stream";
import nodemailer from "nodemailer";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";

export interface BridgeOptions {
  users: ReadonlyArray<{ email: string; password: string }>;
  lmtpPort: number;
  /** Port to listen on (127.0.0.1); 0 picks a free one. */
  port?: number;
  /** Recipients in these domains are refused with 550 (for failure tests). */
  refusedDomains?: readonly string[];
  /** Messages above this size are refused with 552 (default 25 MiB). */
  maxMessageBytes?: number;
  /** Accept XOAUTH2 too, the token checked by RFC 7662 introspection (active + email = login). */
  introspectionUrl?: string;
}

async function tokenOwner(introspectionUrl: string, token: string): Promise<string | null> {
  const url = new URL(introspectionUrl);
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (url.username) {
    headers.authorization = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString("base64")}`;
    url.username = "";
    url.password = "";
  }
  const response = await fetch(url, {
    method: "POST",
    headers,
    body: new URLSearchParams({ token }),
    signal: AbortSignal.timeout(5000),
  });
  if (!response.ok) return null;
  const answer = (await response.json()) as { active?: boolean; email?: string };
  return answer.active === true && typeof answer.email === "string" ? answer.email.toLowerCase() : null;
}

export interface RunningBridge {
  port: number;
  stop(): Promise<void>;
}

export async function startSmtpLmtpBridge(options: BridgeOptions): Promise<RunningBridge> {
  const passwords = new Map(options.users.map((user) => [user.email.toLowerCase(), user.password]));
  const refused = new Set((options.refusedDomains ?? []).map((domain) => domain.toLowerCase()));
  const maxBytes = options.maxMessageBytes ?? 25 * 1024 * 1024;
  const lmtp = nodemailer.createTransport({
    host: "127.0.0.1",
    port: options.lmtpPort,
    lmtp: true,
    ignoreTLS: true,
    connectionTimeout: 10_000,
  });

  const server = new SMTPServer({
    authMethods: options.introspectionUrl ? ["PLAIN", "LOGIN", "XOAUTH2"] : ["PLAIN", "LOGIN"],
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    size: maxBytes,
    banner: "portal stand-in submission",
    logger: false,
    onAuth(auth, _session, callback) {
      const refuse = () => callback(Object.assign(new Error("5.7.8 authentication failed"), { responseCode: 535 }));
      if (auth.method === "XOAUTH2") {
        const login = (auth.username ?? "").toLowerCase();
        if (!options.introspectionUrl || !auth.accessToken || !passwords.has(login)) return refuse();
        tokenOwner(options.introspectionUrl, auth.accessToken).then(
          (owner) => (owner === login ? callback(null, { user: auth.username }) : refuse()),
          () => refuse(),
        );
        return;
      }
      const expected = passwords.get((auth.username ?? "").toLowerCase());
      if (expected !== undefined && auth.password === expected) callback(null, { user: auth.username });
      else callback(Object.assign(new Error("5.7.8 authentication failed"), { responseCode: 535 }));
    },
    onMailFrom(address: SMTPServerAddress, session, callback) {
      const declared = Number((address.args && address.args.SIZE) || 0);
      if (declared > maxBytes) {
        callback(Object.assign(new Error("5.3.4 message too large"), { responseCode: 552 }));
        return;
      }
      if (!session.user) {
        callback(Object.assign(new Error("5.7.0 authentication required"), { responseCode: 530 }));
        return;
      }
      callback();
    },
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const domain = address.address.split("@").pop()?.toLowerCase() ?? "";
      if (refused.has(domain)) {
        callback(Object.assign(new Error(`5.1.1 <${address.address}>: recipient refused`), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(Object.assign(new Error("5.3.4 message too large"), { responseCode: 552 }));
          return;
        }
        const local = session.envelope.rcptTo
          .map((rcpt) => rcpt.address)
          .filter((address) => passwords.has(address.toLowerCase()));
        if (local.length === 0) {
          callback();
          return;
        }
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        lmtp
          .sendMail({ envelope: { from, to: local }, raw: Readable.from(Buffer.concat(chunks)) })
          .then(() => callback())
          .catch((error: unknown) =>
            callback(Object.assign(new Error(`4.3.0 delivery failed: ${String(error)}`), { responseCode: 451 })),
          );
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  server.on("error", () => undefined);
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    port,
    async stop() {
      lmtp.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
