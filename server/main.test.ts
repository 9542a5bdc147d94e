// server/main.ts refuses to start on a bad configuration, naming each bad variable, before it
// loads Next (so this needs no build).
import { spawn } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const TSX_CLI = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");

function runMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && !/^(AUTH_SECRET|PORT|HOST|NODE_ENV)/.test(entry[0]),
    ),
  );
  const childEnv: NodeJS.ProcessEnv = { ...base, ...env, NODE_ENV: "production" };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX_CLI, "server/main.ts"], { cwd: ROOT, env: childEnv });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stderr }));
  });
}

it("exits 1 naming the missing and malformed variables", async () => {
  const { code, stderr } = await runMain({ PORT: "not-a-port" });
  expect(code).toBe(1);
  expect(stderr).toContain("Invalid configuration");
  expect(stderr).toMatch(/AUTH_SECRET: /);
  expect(stderr).toMatch(/PORT: /);
});
