/**
 * The files module: the /files page in the launcher, a "recent files" dashboard widget and the
 * storage's health for GET /api/ready. Always enabled: local storage is the embedded default, and
 * FILES_BACKEND=nextcloud cannot start without NEXTCLOUD_URL (server/env.ts).
 *
 * The widget asks the configured storage for the person's recent files under the widget's
 * deadline (its signal goes to the backend call); a failure shows in the widget only.
 */
import "server-only";
import { access, constants, mkdir } from "node:fs/promises";
import path from "node:path";
import { parseLocale, TIME_ZONE } from "@/i18n/locales";
import { getFileStorage } from "@/server/files/get-file-storage";
import { getTranslations } from "@/server/i18n/get-translations";
import type { HealthResult, PortalModule } from "@/server/modules/types";
import type { TEnv } from "@/server/env";
import { iconFamily } from "@/components/files/file-kind";
import { formatBytes } from "@/components/files/format-bytes";
import { RecentFilesWidget, type RecentFilesWidgetData } from "@/components/files/recent-files-widget";

export const RECENT_FILES_WIDGET_MAX_ITEMS = 5;

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string): Intl.DateTimeFormat {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: TIME_ZONE });
    dateFormats.set(locale, format);
  }
  return format;
}

function folderOf(filePath: string): string {
  const index = filePath.lastIndexOf("/");
  return index <= 0 ? "/" : filePath.slice(0, index);
}

/** Local storage is up when its root exists (or can be created) and is writable. */
async function checkLocalRoot(root: string): Promise<HealthResult> {
  const absolute = path.resolve(root);
  await mkdir(absolute, { recursive: true });
  await access(absolute, constants.R_OK | constants.W_OK);
  return { state: "up" };
}

/** Nextcloud's own status document: installed, not in maintenance. */
async function checkNextcloud(config: TEnv, signal: AbortSignal): Promise<HealthResult> {
  if (!config.NEXTCLOUD_URL) return { state: "down", reason: "not configured" };
  const response = await fetch(new URL("status.php", `${config.NEXTCLOUD_URL.replace(/\/+$/, "")}/`), {
    signal,
    redirect: "manual",
    headers: { accept: "application/json" },
  });
  if (!response.ok) return { state: "down", reason: `http ${response.status}` };
  const status = (await response.json()) as { installed?: unknown; maintenance?: unknown };
  if (status.installed !== true) return { state: "down", reason: "not installed" };
  if (status.maintenance === true) return { state: "degraded", reason: "maintenance" };
  return { state: "up" };
}

export const filesModule: PortalModule<RecentFilesWidgetData> = {
  id: "files",
  isEnabled: () => true,
  nav: { href: "/files", labelKey: "files", icon: "files" },
  widget: {
    titleKey: "files",
    Component: RecentFilesWidget,
    async load({ user, locale, signal }) {
      const [entries, t] = await Promise.all([
        getFileStorage().listRecent({ user, signal }, RECENT_FILES_WIDGET_MAX_ITEMS),
        getTranslations("files", parseLocale(locale)),
      ]);
      const dates = dateFormat(locale);
      return {
        items: entries
          .filter((entry) => entry.kind === "file")
          .slice(0, RECENT_FILES_WIDGET_MAX_ITEMS)
          .map((entry) => {
            const folder = folderOf(entry.path);
            return {
              name: entry.name,
              folder: t("widget.inFolder", { folder: folder === "/" ? t("breadcrumb.root") : folder.slice(1) }),
              href: folder === "/" ? "/files" : `/files?path=${encodeURIComponent(folder)}`,
              icon: iconFamily(entry),
              dateTime: entry.lastModified,
              date: dates.format(new Date(entry.lastModified)),
              size: formatBytes(entry.size, locale),
            };
          }),
        labels: { listLabel: t("widget.listLabel"), empty: t("widget.empty"), all: t("widget.all") },
      };
    },
  },
  async health(config, signal) {
    if (config.FILES_BACKEND === "nextcloud") return checkNextcloud(config, signal);
    return checkLocalRoot(config.FILES_ROOT);
  },
};
