import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { checkImapGreeting } from "@/server/mail/widget/imap-greeting";

let server: Server | undefined;

async function greeter(onConnection: (socket: Socket) => void): Promise<string> {
  server = createServer(onConnection);
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return `imap://127.0.0.1:${address.port}`;
}

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe("checkImapGreeting", () => {
  it("is up when the server greets with * OK", async () => {
    const url = await greeter((socket) => socket.write("* OK [CAPABILITY IMAP4rev1] ready\r\n"));
    await expect(checkImapGreeting(url, AbortSignal.timeout(2000))).resolves.toEqual({ state: "up" });
  });

  it("is down when the server says BYE or is not IMAP", async () => {
    const bye = await greeter((socket) => socket.end("* BYE too many connections\r\n"));
    await expect(checkImapGreeting(bye, AbortSignal.timeout(2000))).resolves.toEqual({
      state: "down",
      reason: "server refused",
    });
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    const http = await greeter((socket) => socket.end("HTTP/1.1 400 Bad Request\r\n\r\n"));
    await expect(checkImapGreeting(http, AbortSignal.timeout(2000))).resolves.toMatchObject({ state: "down" });
  });

  it("fails on a refused connection and gives up at the signal on a silent server", async () => {
    const silent = await greeter(() => undefined);
    const started = performance.now();
    await expect(checkImapGreeting(silent, AbortSignal.timeout(300))).rejects.toMatchObject({ code: "ETIMEDOUT" });
    expect(performance.now() - started).toBeLessThan(1500);
    const port = Number(new URL(silent).port);
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    await expect(checkImapGreeting(`imap://127.0.0.1:${port}`, AbortSignal.timeout(2000))).rejects.toMatchObject({
      code: "ECONNREFUSED",
    });
  });
});
