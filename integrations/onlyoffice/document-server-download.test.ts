import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DocumentServerDownloadError,
  downloadFromDocumentServer,
  isOnDocumentServer,
} from "@/integrations/onlyoffice/document-server-download";

// Two real servers: the "Document Server" and another host of the network it could redirect to.
let docs: Server;
let other: Server;
let docsUrl = "";
let otherUrl = "";
let otherHits = 0;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  other = createServer((_req, res) => {
    otherHits += 1;
    res.end("secret internal data");
  });
  otherUrl = await listen(other);
  docs = createServer((req, res) => {
    if (req.url === "/cache/out.docx") return void res.end("DOCX BYTES");
    if (req.url === "/redirect-same") {
      res.writeHead(302, { location: "/cache/out.docx" });
      return void res.end();
    }
    if (req.url === "/redirect-away") {
      res.writeHead(302, { location: `${otherUrl}/metadata` });
      return void res.end();
    }
    res.writeHead(404).end();
  });
  docsUrl = await listen(docs);
});

afterAll(async () => {
  await new Promise((resolve) => docs.close(resolve));
  await new Promise((resolve) => other.close(resolve));
});

async function text(url: string): Promise<string> {
  const file = await downloadFromDocumentServer(url, docsUrl);
  const chunks: Buffer[] = [];
  for await (const chunk of file.body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

describe("downloadFromDocumentServer", () => {
  it("streams a file from the Document Server, following its own redirects", async () => {
    expect(await text(`${docsUrl}/cache/out.docx`)).toBe("DOCX BYTES");
    expect(await text(`${docsUrl}/redirect-same`)).toBe("DOCX BYTES");
  });

  it("refuses any other origin, before connecting (no SSRF)", async () => {
    await expect(downloadFromDocumentServer(`${otherUrl}/metadata`, docsUrl)).rejects.toBeInstanceOf(
      DocumentServerDownloadError,
    );
    expect(otherHits).toBe(0);
  });

  it("refuses a redirect off the Document Server's origin without following it", async () => {
    await expect(downloadFromDocumentServer(`${docsUrl}/redirect-away`, docsUrl)).rejects.toMatchObject({
      reason: "foreign-origin",
    });
    expect(otherHits).toBe(0);
  });

  it("reports an HTTP error with its status", async () => {
    await expect(downloadFromDocumentServer(`${docsUrl}/missing`, docsUrl)).rejects.toMatchObject({
      reason: "http-status",
      status: 404,
    });
  });

  it("compares whole origins: scheme, host and port; no credentials", () => {
    expect(isOnDocumentServer("http://docs.internal/cache/a", "http://docs.internal")).toBe(true);
    expect(isOnDocumentServer("https://docs.internal/cache/a", "http://docs.internal")).toBe(false);
    expect(isOnDocumentServer("http://docs.internal:8080/a", "http://docs.internal")).toBe(false);
    expect(isOnDocumentServer("http://docs.internal.evil.example/a", "http://docs.internal")).toBe(false);
    expect(isOnDocumentServer("http://user:pw@docs.internal/a", "http://docs.internal")).toBe(false);
    expect(isOnDocumentServer("file:///etc/passwd", "http://docs.internal")).toBe(false);
    expect(isOnDocumentServer("not a url", "http://docs.internal")).toBe(false);
  });
});
