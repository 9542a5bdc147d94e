// /auth/link – confirm that a new identity (e.g. Pro Santé Connect) belongs to an existing account
// matched on RPPS or verified e-mail, by signing in with an identity the account already has.
import Link from "next/link";
import { cancelLinkAction, signInAction } from "@/server/actions/auth-actions";
import { readPendingLink } from "@/server/auth/identity-linking";
import { readPendingLinkCookie } from "@/server/auth/pending-link-cookie";
import { configuredProviders } from "@/server/auth/providers";
import { db } from "@/server/db/client";
import { getTranslations } from "@/server/i18n/get-translations";

export const dynamic = "force-dynamic";

export default async function LinkAccountPage() {
  const t = await getTranslations("account");
  const pendingId = await readPendingLinkCookie();
  const pending = pendingId ? await readPendingLink(await db(), pendingId) : null;
  const confirmWith = pending
    ? configuredProviders().filter((provider) => pending.existingProviders.includes(provider.id))
    : [];
  return (
    <main id="main" className="mx-auto max-w-lg px-4 py-10">
      <h1 className="text-2xl font-semibold text-fg">{t("link.title")}</h1>
      {pending ? (
        <div className="mt-4 space-y-4 text-fg">
          <p>{pending.matchedOn === "rpps" ? t("link.matchedRpps") : t("link.matchedEmail")}</p>
          <p>{t("link.explain")}</p>
          {confirmWith.map((provider) => (
            <form key={provider.id} action={signInAction}>
              <input type="hidden" name="providerId" value={provider.id} />
              <button
                type="submit"
                className="w-full rounded bg-primary px-4 py-2 text-on-primary focus-visible:outline-2 focus-visible:outline-offset-2"
              >
                {t("link.confirmWith", { provider: provider.label })}
              </button>
            </form>
          ))}
          <form action={cancelLinkAction}>
            <button
              type="submit"
              className="w-full rounded border border-border-strong px-4 py-2 focus-visible:outline-2 focus-visible:outline-offset-2"
            >
              {t("link.cancel")}
            </button>
          </form>
        </div>
      ) : (
        <div className="mt-4 space-y-4">
          <p>{t("link.expired")}</p>
          <Link href="/auth/sign-in" className="underline">
            {t("link.backToSignIn")}
          </Link>
        </div>
      )}
    </main>
  );
}
