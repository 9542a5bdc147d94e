import { describe, expect, it } from "vitest";
import { TEST_PORTAL_USER } from "@/test/support/test-portal-user";
import type { PortalModule } from "@/server/modules/types";
import { startWidgetLoads, waitForWidgetLoads } from "@/server/modules/widget-loads";

const user = TEST_PORTAL_USER;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A module whose widget answers `value` after `delayMs` (or fails with `error`). */
function moduleAnswering(id: string, delayMs: number, value: unknown, error?: Error): PortalModule {
  return {
    id,
    isEnabled: () => true,
    widget: {
      titleKey: id,
      Component: () => null,
      load: async () => {
        await sleep(delayMs);
        if (error) throw error;
        return value;
      },
    },
  };
}

describe("startWidgetLoads / waitForWidgetLoads", () => {
  it("returns as soon as every widget has settled, each with its result", async () => {
    const loads = startWidgetLoads(
      [moduleAnswering("a", 5, { n: 1 }), moduleAnswering("b", 20, null, new Error("down"))],
      { user, locale: "fr", timeoutMs: 5_000 },
    );
    const started = performance.now();
    await waitForWidgetLoads(loads.values(), 2_000);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(loads.get("a")?.result).toEqual({ state: "ok", data: { n: 1 } });
    expect(loads.get("b")?.result).toEqual({ state: "error", reason: expect.any(String) });
  });

  it("stops waiting after the given time: the slow widget has no result yet and settles later", async () => {
    const loads = startWidgetLoads([moduleAnswering("fast", 0, "ok"), moduleAnswering("slow", 600, "late")], {
      user,
      locale: "fr",
      timeoutMs: 5_000,
    });
    const started = performance.now();
    await waitForWidgetLoads(loads.values(), 100);
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(90);
    expect(waited).toBeLessThan(500);
    expect(loads.get("fast")?.result).toEqual({ state: "ok", data: "ok" });
    expect(loads.get("slow")?.result).toBeUndefined();
    await expect(loads.get("slow")?.promise).resolves.toEqual({ state: "ok", data: "late" });
    expect(loads.get("slow")?.result).toEqual({ state: "ok", data: "late" });
  });

  it("keeps each widget's own deadline: a hung widget ends as a timeout, not as a page delay", async () => {
    const loads = startWidgetLoads([moduleAnswering("hung", 10_000, "never")], {
      user,
      locale: "fr",
      timeoutMs: 200,
    });
    await waitForWidgetLoads(loads.values(), 50);
    expect(loads.get("hung")?.result).toBeUndefined();
    await expect(loads.get("hung")?.promise).resolves.toEqual({ state: "timeout" });
  });

  it("answers at once when there is no widget", async () => {
    const started = performance.now();
    await waitForWidgetLoads(startWidgetLoads([], { user, locale: "fr", timeoutMs: 1_000 }).values(), 2_000);
    expect(performance.now() - started).toBeLessThan(100);
  });
});
