// The Redis stand-in starts on a free port with a password, answers, keeps nothing on disk, and
// is gone after stop.
import { readdir } from "node:fs/promises";
import { createConnection } from "node:net";
import { describe, expect, it } from "vitest";
import IORedis from "ioredis";
import { startRedis } from "@/test/services/redis";

/** Sends one raw command without authenticating; resolves with the first reply line, or the connection error. */
function rawCommand(port: number, command: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("error", (error) => resolve(`error: ${error.message}`));
    socket.on("connect", () => socket.write(`${command}\r\n`));
    socket.once("data", (chunk) => {
      resolve(chunk.toString("utf8").trim());
      socket.destroy();
    });
  });
}

describe("Redis test service", () => {
  it("starts, serves with its password only, and stops", async () => {
    const redis = await startRedis();
    try {
      const client = new IORedis(redis.url);
      await client.set("k", "v");
      expect(await client.get("k")).toBe("v");
      client.disconnect();
      expect(await rawCommand(redis.port, "GET k")).toMatch(/^-NOAUTH/);
    } finally {
      await redis.stop();
    }
    expect(await rawCommand(redis.port, "PING")).toMatch(/ECONNREFUSED/);
  });

  it("leaves no files behind", async () => {
    const count = async () => (await readdir("/tmp")).filter((name) => name.startsWith("portal-redis-")).length;
    const before = await count();
    const redis = await startRedis();
    expect(await count()).toBe(before + 1);
    await redis.stop();
    expect(await count()).toBe(before);
  });
});
