/**
 * Submits one already-built message (RFC 5322 bytes) to the SMTP submission server AS the user:
 * AUTH PLAIN/LOGIN with their password, or XOAUTH2 / OAUTHBEARER with their OIDC access token.
 *
 * One connection per send, closed after: a person sends a few messages an hour, so a pooled SMTP
 * connection per user would sit idle on the server almost always, outlive short-lived OAuth
 * tokens and keep credentials in memory for nothing; the ~100 ms handshake is invisible next to
 * composing. Timeouts bound every phase (connect, greeting, each command's answer).
 *
 * Failures become typed `SmtpRefusal`s carrying the SMTP code, so the caller can tell the user
 * which recipient or which limit, without echoing server text (it may hold other addresses).
 */
import { Readable } from "node:stream";
import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";

export type SmtpCredential =
  | { kind: "password"; login: string; password: string }
  | { kind: "oauth"; login: string; accessToken: string; mechanism: "oauthbearer" | "xoauth2" };

export interface SmtpEndpoint {
  host: string;
  port: number;
  secure: boolean;
  loopback: boolean;
}

export function parseSmtpUrl(raw: string): SmtpEndpoint {
  const url = new URL(raw);
  const secure = url.protocol === "smtps:";
  if (!secure && url.protocol !== "smtp:") throw new Error("SMTP_URL must start with smtp:// or smtps://");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  return {
    host,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    loopback: host === "localhost" || host === "::1" || /^127\./.test(host),
  };
}

export type SmtpRefusalKind = "recipient" | "size" | "auth" | "temporary" | "timeout" | "unavailable" | "refused";

export class SmtpRefusal extends Error {
  override name = "SmtpRefusal";
  constructor(
    readonly kind: SmtpRefusalKind,
    readonly responseCode: number | null,
    readonly rejected: string[] = [],
  ) {
    super(`smtp ${kind}${responseCode ? ` ${responseCode}` : ""}`);
  }
}

function classify(error: unknown): SmtpRefusal {
  const failure = error as { code?: string; responseCode?: number; rejected?: string[]; command?: string };
  const code = typeof failure.responseCode === "number" ? failure.responseCode : null;
  if (failure.code === "EAUTH") return new SmtpRefusal("auth", code);
  if (failure.code === "ETIMEDOUT" || failure.code === "ETIMEOUT") return new SmtpRefusal("timeout", code);
  if (failure.code === "ECONNECTION" || failure.code === "ESOCKET" || failure.code === "EDNS")
    return new SmtpRefusal("unavailable", code);
  if (code === 552 || code === 523) return new SmtpRefusal("size", code);
  if (failure.code === "EENVELOPE" && failure.rejected?.length)
    return new SmtpRefusal("recipient", code, failure.rejected);
  if (code !== null && code >= 550 && code <= 553 && /RCPT/i.test(failure.command ?? ""))
    return new SmtpRefusal("recipient", code, failure.rejected ?? []);
  if (code !== null && code >= 400 && code < 500) return new SmtpRefusal("temporary", code);
  return new SmtpRefusal("refused", code);
}

/** RFC 7628 OAUTHBEARER initial response. */
export function oauthBearerPayload(login: string, host: string, port: number, token: string): string {
  return Buffer.from(
    `n,a=${login.replace(/=/g, "=3D").replace(/,/g, "=2C")},\x01host=${host}\x01port=${port}\x01auth=Bearer ${token}\x01\x01`,
  ).toString("base64");
}

export interface SubmitResult {
  accepted: string[];
  rejected: string[];
}

export async function submitMessage(
  endpoint: SmtpEndpoint,
  credential: SmtpCredential,
  envelope: { from: string; to: string[] },
  raw: Buffer,
): Promise<SubmitResult> {
  const options: SMTPTransport.Options = {
    host: endpoint.host,
    port: endpoint.port,
    secure: endpoint.secure,
    // STARTTLS is required away from loopback (BlueMind's 587 offers it).
    requireTLS: !endpoint.secure && !endpoint.loopback,
    ignoreTLS: !endpoint.secure && endpoint.loopback,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    logger: false,
    debug: false,
  };
  if (credential.kind === "password") {
    options.auth = { user: credential.login, pass: credential.password };
  } else if (credential.mechanism === "xoauth2") {
    options.auth = { type: "OAuth2", user: credential.login, accessToken: credential.accessToken };
  } else {
    const payload = oauthBearerPayload(credential.login, endpoint.host, endpoint.port, credential.accessToken);
    options.auth = {
      type: "custom",
      method: "OAUTHBEARER",
      user: credential.login,
      pass: "",
    } as SMTPTransport.Options["auth"];
    (options as { customAuth?: unknown }).customAuth = {
      OAUTHBEARER: async (context: {
        sendCommand: (command: string) => Promise<{ status: number }>;
        resolve: () => void;
        reject: (error: Error) => void;
      }) => {
        const answer = await context.sendCommand(`AUTH OAUTHBEARER ${payload}`);
        if (answer.status === 235) return context.resolve();
        if (answer.status === 334) await context.sendCommand("\x01").catch(() => undefined);
        context.reject(Object.assign(new Error("OAUTHBEARER refused"), { responseCode: answer.status }));
      },
    };
  }
  const transport = nodemailer.createTransport(options);
  try {
    const info = await transport.sendMail({ envelope, raw: Readable.from(raw) });
    const accepted = (info.accepted ?? []).map(String);
    const rejected = (info.rejected ?? []).map(String);
    return { accepted, rejected };
  } catch (error) {
    throw classify(error);
  } finally {
    transport.close();
  }
}
