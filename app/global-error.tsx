"use client";
// Last-resort error page, when the root layout itself failed (configuration, messages…). It
// replaces the root layout, so it has no messages and no locale: it speaks French and English,
// each marked with its language, and needs nothing but the stylesheet.
import "./globals.css";

export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="fr">
      <body>
        <title>Erreur · Error</title>
        <main id="main" className="mx-auto max-w-xl space-y-6 px-4 py-12">
          <section>
            <h1 className="text-2xl font-semibold">Le portail est momentanément indisponible</h1>
            <p className="mt-2">
              Réessayez dans un instant. Si le problème persiste, contactez le service informatique.
            </p>
          </section>
          <section lang="en">
            <h2 className="text-xl font-semibold">The portal is temporarily unavailable</h2>
            <p className="mt-2">Please try again in a moment. If the problem persists, contact IT.</p>
          </section>
          <button
            type="button"
            onClick={retry}
            className="inline-flex min-h-11 items-center rounded-md bg-primary px-4 font-semibold text-on-primary"
          >
            Réessayer <span lang="en">&nbsp;· Try again</span>
          </button>
        </main>
      </body>
    </html>
  );
}
