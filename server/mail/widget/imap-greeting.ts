/**
 * The mail module's health check: opens a connection to IMAP_URL (TLS for imaps://) and waits for
 * the server's greeting (`* OK` or `* PREAUTH`), then closes it. No login: readiness must not need a
 * user's credentials, and a server that greets is one users can reach. `* BYE` (server refusing
 * connections) is "down".
 */
import "server-only";
import { connect as connectTcp, type Socket } from "node:net";
import { connect as connectTls } from "node:tls";
import type { HealthResult } from "@/server/modules/types";

const MAX_GREETING_BYTES = 4096;

export function checkImapGreeting(imapUrl: string, signal: AbortSignal): Promise<HealthResult> {
  const url = new URL(imapUrl);
  const secure = url.protocol === "imaps:";
  const port = Number(url.port || (secure ? 993 : 143));
  const host = url.hostname.replace(/^\[|\]$/g, "");
  return new Promise<HealthResult>((resolve, reject) => {
    let settled = false;
    let received = "";
    const socket: Socket = secure
      ? connectTls({ host, port, servername: /^[\d.:]+$/.test(host) ? undefined : host })
      : connectTcp({ host, port });
    const finish = (outcome: HealthResult | Error) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      socket.destroy();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const onAbort = () => finish(Object.assign(new Error("imap greeting timed out"), { code: "ETIMEDOUT" }));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort);
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      received += chunk;
      const line = received.split("\r\n")[0] ?? "";
      if (received.includes("\r\n")) {
        if (/^\* (OK|PREAUTH)\b/i.test(line)) finish({ state: "up" });
        else if (/^\* BYE\b/i.test(line)) finish({ state: "down", reason: "server refused" });
        else finish({ state: "down", reason: "not imap" });
      } else if (received.length > MAX_GREETING_BYTES) finish({ state: "down", reason: "not imap" });
    });
    socket.on("error", (error) => finish(error));
    socket.on("close", () => finish({ state: "down", reason: "connection closed" }));
  });
}
