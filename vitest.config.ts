// Unit and integration tests (Vitest). `server-only` is the empty module here, as it is in the
// React server bundle; browser tests are Playwright's (e2e/).
//
// Two projects: "unit" runs every test on the embedded database (PGlite); "postgresql" runs the
// tests that touch the database again against a real PostgreSQL server started for the run.
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

/**
 * Test files whose subject is database behaviour: they run on both engines. New ones are named
 * `*.db.test.ts`; the older ones are listed.
 */
const DATABASE_TESTS = [
  "**/*.db.test.ts",
  "server/auth/identity-linking.test.ts",
  "server/auth/sessions.test.ts",
  "server/auth/backchannel-logout.test.ts",
  "server/audit/audit-log.test.ts",
];

// next-auth imports `next/server` without a file extension, which Node's ESM loader refuses;
// letting Vite transform it resolves the import as Next's bundler does.
const inlineNextAuth = { deps: { inline: ["next-auth"] } };

// Vitest projects do not inherit the root's timeouts: each project gets them from here.
const timeouts = { testTimeout: 20000, hookTimeout: 60000 };

const shared = {
  resolve: {
    alias: {
      "@": root,
      "server-only": path.resolve(root, "node_modules/server-only/empty.js"),
    },
  },
};

export default defineConfig({
  test: {
    testTimeout: 20000,
    hookTimeout: 60000,
    pool: "forks",
    projects: [
      {
        ...shared,
        test: {
          name: "unit",
          ...timeouts,
          server: inlineNextAuth,
          include: ["**/*.test.ts", "**/*.test.tsx"],
          exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
          environment: "node",
          env: { LOG_LEVEL: "silent" },
        },
      },
      {
        ...shared,
        test: {
          name: "postgresql",
          ...timeouts,
          server: inlineNextAuth,
          include: DATABASE_TESTS,
          environment: "node",
          globalSetup: ["test/setup/start-postgres.ts"],
          env: { LOG_LEVEL: "silent", TEST_DATABASE_ENGINE: "postgresql" },
        },
      },
    ],
  },
});
