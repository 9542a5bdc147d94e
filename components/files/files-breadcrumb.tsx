"use client";
/** Where the person is: "Mes fichiers / Rapports / 2026", each level a link, the last one current. */
import { useTranslations } from "use-intl";
import { folderHref, pathSegments } from "./file-paths";

export function FilesBreadcrumb({ path, onNavigate }: { path: string; onNavigate: (href: string) => void }) {
  const t = useTranslations("files.breadcrumb");
  const levels = [{ name: t("root"), path: "/" }, ...pathSegments(path)];
  return (
    <nav aria-label={t("label")} className="min-w-0">
      <ol className="flex flex-wrap items-center gap-1 text-sm">
        {levels.map((level, index) => {
          const current = index === levels.length - 1;
          return (
            <li key={level.path} className="flex min-w-0 items-center gap-1">
              {index > 0 ? (
                <span aria-hidden="true" className="text-fg-muted">
                  /
                </span>
              ) : null}
              <a
                href={folderHref(level.path)}
                aria-current={current ? "page" : undefined}
                onClick={(event) => {
                  if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
                  event.preventDefault();
                  onNavigate(folderHref(level.path));
                }}
                className={`truncate rounded px-1 ${current ? "font-semibold text-fg" : "text-primary-ink underline"}`}
              >
                {level.name}
              </a>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
