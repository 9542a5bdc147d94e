import { describe, expect, it } from "vitest";
import { TEST_PORTAL_USER } from "@/test/support/test-portal-user";
import type { PortalModule, PortalNotification } from "@/server/modules/types";
import { loadNotifications, MAX_NOTIFICATIONS } from "@/server/notifications/load-notifications";

const user = TEST_PORTAL_USER;

function entry(module: string, minute: number, href = `/${module}`): PortalNotification {
  return {
    id: `${module}:${minute}`,
    module,
    title: `${module} ${minute}`,
    href,
    createdAt: new Date(Date.UTC(2026, 10, 30, 9, minute)).toISOString(),
  };
}

function source(id: string, notifications: PortalModule["notifications"]): PortalModule {
  return { id, isEnabled: () => true, notifications };
}

describe("loadNotifications", () => {
  it("merges every module's entries newest first and names the modules that failed or hung", async () => {
    let hungSignal: AbortSignal | undefined;
    const modules = [
      source("mail", async () => [entry("mail", 5), entry("mail", 1)]),
      source("agenda", async () => [entry("agenda", 3)]),
      source("broken", async () => {
        throw new Error("connect ECONNREFUSED 10.0.0.1:993");
      }),
      source("hung", ({ signal }) => {
        hungSignal = signal;
        return new Promise<PortalNotification[]>(() => undefined);
      }),
      { id: "silent", isEnabled: () => true } satisfies PortalModule,
    ];
    const started = performance.now();
    const answer = await loadNotifications(modules, { user, locale: "fr", timeoutMs: 300 });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(answer.notifications.map((notification) => notification.id)).toEqual(["mail:5", "agenda:3", "mail:1"]);
    expect(answer.unavailable.sort()).toEqual(["broken", "hung"]);
    expect(hungSignal?.aborted).toBe(true);
  });

  it("drops entries leading outside the portal and caps the list", async () => {
    const many = Array.from({ length: MAX_NOTIFICATIONS + 5 }, (_, minute) => entry("mail", minute));
    const hostile = [
      entry("mail", 59, "https://evil.example/"),
      entry("mail", 58, "//evil.example/"),
      entry("mail", 57, "javascript:alert(1)"),
      entry("mail", 56, "/\\evil.example"),
    ];
    const answer = await loadNotifications([source("mail", async () => [...hostile, ...many])], {
      user,
      locale: "fr",
      timeoutMs: 1000,
    });
    expect(answer.notifications).toHaveLength(MAX_NOTIFICATIONS);
    expect(answer.notifications.every((notification) => notification.href === "/mail")).toBe(true);
    expect(answer.unavailable).toEqual([]);
  });
});
