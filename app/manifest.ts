// /manifest.webmanifest – makes the portal installable (PWA). Name and colour come from the
// configuration, so it is built per request rather than at build time (no configuration then).
import type { MetadataRoute } from "next";
import { connection } from "next/server";
import { env } from "@/server/env";
import { getLocale } from "@/server/i18n/get-locale";
import { getTranslations } from "@/server/i18n/get-translations";

export default async function manifest(): Promise<MetadataRoute.Manifest> {
  await connection();
  const config = env();
  // Browsers fetch the manifest without cookies: this is French unless a client sends one.
  const locale = await getLocale();
  const t = await getTranslations("common", locale);
  return {
    id: "/",
    name: `${t("appName")} · ${config.INSTITUTION_NAME}`,
    short_name: t("appName"),
    description: t("appDescription"),
    lang: locale,
    start_url: "/",
    scope: "/",
    display: "standalone",
    orientation: "any",
    background_color: "#f8fafc",
    theme_color: config.INSTITUTION_PRIMARY_COLOUR,
    icons: [
      { src: "/icons/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
