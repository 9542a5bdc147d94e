// Root layout: the document of every page. Language from the locale cookie, the institution's
// colours as CSS variables (in a <style> carrying the request's CSP nonce), PWA metadata, and the
// strings the error boundaries need (not use-intl's provider: see boundary-messages.tsx).
import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { BoundaryMessagesProvider } from "@/components/i18n/boundary-messages";
import { ServiceWorkerRegistration } from "@/components/pwa/service-worker-registration";
import { env } from "@/server/env";
import { getLocale } from "@/server/i18n/get-locale";
import { getTranslations } from "@/server/i18n/get-translations";
import { buildThemeCss } from "@/server/theme/build-theme-css";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  const institution = env().INSTITUTION_NAME;
  return {
    title: { default: `${t("appName")} · ${institution}`, template: `%s · ${institution}` },
    description: t("appDescription"),
    applicationName: t("appName"),
    icons: {
      icon: [
        { url: "/icons/icon.svg", type: "image/svg+xml" },
        { url: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
      ],
      apple: [{ url: "/icons/apple-touch-icon.png", sizes: "180x180" }],
    },
    appleWebApp: { capable: true, title: t("appName"), statusBarStyle: "default" },
    // Phone numbers in messages are not links unless a module makes them so.
    formatDetection: { telephone: false },
    robots: { index: false, follow: false },
  };
}

export function generateViewport(): Viewport {
  return {
    width: "device-width",
    initialScale: 1,
    themeColor: env().INSTITUTION_PRIMARY_COLOUR,
    colorScheme: "light",
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, requestHeaders] = await Promise.all([getLocale(), headers()]);
  // Set by proxy.ts with the Content-Security-Policy of this response.
  const nonce = requestHeaders.get("x-nonce") ?? undefined;
  const [t, tCommon] = await Promise.all([getTranslations("errors", locale), getTranslations("common", locale)]);
  const boundaryMessages = {
    title: t("unexpected.title"),
    body: t("unexpected.body"),
    referenceLabel: t("unexpected.referenceLabel"),
    retry: tCommon("retry"),
    backToHome: tCommon("backToHome"),
  };
  return (
    <html lang={locale}>
      <head>
        <style nonce={nonce}>{buildThemeCss(env().INSTITUTION_PRIMARY_COLOUR)}</style>
      </head>
      <body className="antialiased">
        <BoundaryMessagesProvider messages={boundaryMessages}>{children}</BoundaryMessagesProvider>
        <ServiceWorkerRegistration />
      </body>
    </html>
  );
}
