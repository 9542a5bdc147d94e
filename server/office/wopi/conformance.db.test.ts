// The WOPI conformance suite (wopi-conformance.ts) on the local Files adapter, on both database
// engines.
import { vi } from "vitest";
import { setTestEnv } from "@/test/support/test-env";
import { describeWopiConformance } from "@/server/office/wopi/wopi-conformance";

setTestEnv({ PORTAL_URL: "https://portail.hopital.test" });
vi.setConfig({ testTimeout: 30_000 });

describeWopiConformance("local storage", () => ({ maxUploadBytes: 1024 * 1024 }));
