"use client";
/** The Files page's views: my files, recent, favourites, trash (links, so each view has a URL). */
import { useTranslations } from "use-intl";
import { FileIcon } from "./file-icons";

export type FilesView = "browse" | "recent" | "favourites" | "trash" | "search";

const VIEWS: Array<{ view: Exclude<FilesView, "search">; icon: string }> = [
  { view: "browse", icon: "folder" },
  { view: "recent", icon: "retry" },
  { view: "favourites", icon: "star" },
  { view: "trash", icon: "trash" },
];

export function viewHref(view: FilesView, params: { path?: string; q?: string } = {}): string {
  const search = new URLSearchParams();
  if (view !== "browse") search.set("view", view);
  if (view === "browse" && params.path && params.path !== "/") search.set("path", params.path);
  if (view === "search" && params.q) search.set("q", params.q);
  const query = search.toString();
  return query ? `/files?${query}` : "/files";
}

export function FilesViewsNav({ current, onNavigate }: { current: FilesView; onNavigate: (href: string) => void }) {
  const t = useTranslations("files.views");
  return (
    <nav aria-label={t("label")}>
      <ul className="flex gap-1 overflow-x-auto md:flex-col">
        {VIEWS.map(({ view, icon }) => (
          <li key={view}>
            <a
              href={viewHref(view)}
              aria-current={current === view ? "page" : undefined}
              onClick={(event) => {
                if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
                event.preventDefault();
                onNavigate(viewHref(view));
              }}
              className={`flex items-center gap-2 whitespace-nowrap rounded px-3 py-2 text-sm ${current === view ? "bg-primary text-on-primary" : "text-fg hover:bg-surface"}`}
            >
              <FileIcon name={icon} className="size-4" />
              {t(view)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
