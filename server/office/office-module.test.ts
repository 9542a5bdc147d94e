import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/server/env";
import { officeHealth, officeModule } from "@/server/office/office-module";

let server: Server;
let up = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/healthcheck") return void res.end("true");
    if (req.url === "/hosting/discovery") return void res.end("<wopi-discovery/>");
    res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  up = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const base = { AUTH_SECRET: "x".repeat(40) };
const secret = "s".repeat(32);
const down = "http://127.0.0.1:9"; // discard port: nothing listens

describe("office module", () => {
  it("is enabled by an OnlyOffice server with its secret, or a WOPI client", () => {
    expect(officeModule.isEnabled(parseEnv(base))).toBe(false);
    expect(officeModule.isEnabled(parseEnv({ ...base, ONLYOFFICE_URL: up, ONLYOFFICE_JWT_SECRET: secret }))).toBe(true);
    expect(officeModule.isEnabled(parseEnv({ ...base, WOPI_DISCOVERY_URL: `${up}/hosting/discovery` }))).toBe(true);
  });

  it("reports the configured editors' health: up, degraded when one is down, down when all are", async () => {
    const signal = AbortSignal.timeout(5000);
    const onlyOfficeUp = parseEnv({ ...base, ONLYOFFICE_URL: up, ONLYOFFICE_JWT_SECRET: secret });
    expect(await officeHealth(onlyOfficeUp, signal)).toEqual({ state: "up" });
    const mixed = parseEnv({
      ...base,
      ONLYOFFICE_URL: down,
      ONLYOFFICE_JWT_SECRET: secret,
      WOPI_DISCOVERY_URL: `${up}/hosting/discovery`,
    });
    expect(await officeHealth(mixed, signal)).toEqual({ state: "degraded", reason: "connection refused" });
    const broken = parseEnv({ ...base, ONLYOFFICE_URL: `${up}/broken`, ONLYOFFICE_JWT_SECRET: secret });
    expect(await officeHealth(broken, signal)).toEqual({ state: "down", reason: "http 503" });
  });

  it("refuses a bad OFFICE_ONLYOFFICE_FORMATS and an OnlyOffice URL without its secret", () => {
    expect(() => parseEnv({ ...base, OFFICE_ONLYOFFICE_FORMATS: "docx, xlsx" })).toThrow(/OFFICE_ONLYOFFICE_FORMATS/);
    expect(() => parseEnv({ ...base, ONLYOFFICE_URL: up })).toThrow(/ONLYOFFICE_JWT_SECRET/);
    expect(parseEnv({ ...base, OFFICE_ONLYOFFICE_FORMATS: "docx,odt" }).OFFICE_ONLYOFFICE_FORMATS).toEqual([
      "docx",
      "odt",
    ]);
  });
});
