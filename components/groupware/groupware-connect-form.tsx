"use client";
/**
 * "Connect your mail account": shown wherever a groupware module (mail, agenda, contacts, their
 * widgets) answers GROUPWARE_NOT_CONNECTED, i.e. the groupware server wants the person's own
 * login and password and the portal holds none yet.
 *
 * The form posts them to POST /api/groupware/account, which checks them against the server (an
 * IMAP login) before storing them sealed; the password never comes back to the browser. On
 * success `onConnected` runs (a page reloads its queries; a widget reloads the page). The login is
 * prefilled with the person's e-mail address, the usual groupware login.
 *
 * Drop-in for other modules: render `<GroupwareConnectForm defaultLogin={email} onConnected={…} />`
 * inside an IntlClientProvider that carries the `groupware` namespace.
 */
import { useId, useState, type FormEvent } from "react";
import { useTranslations } from "use-intl";
import { ApiError, fetchJson } from "@/components/files/api/fetch-json";
import { buttonClass } from "@/components/files/dialogs/modal-dialog";

/** True when an API error means "this person has not connected their groupware account". */
export function needsGroupwareConnection(error: unknown): boolean {
  return error instanceof ApiError && error.code === "GROUPWARE_NOT_CONNECTED";
}

const inputClass =
  "mt-1 block w-full rounded border border-border-strong bg-surface px-3 py-2 text-sm text-fg focus:outline-2 focus:outline-primary";

export function GroupwareConnectForm({
  defaultLogin = "",
  onConnected,
  headingLevel = 2,
}: {
  defaultLogin?: string;
  onConnected?: () => void;
  /** The heading's level where the form is dropped (2 in a page, 3 in a dashboard card). */
  headingLevel?: 2 | 3;
}) {
  const t = useTranslations("groupware.connect");
  const id = useId();
  const [login, setLogin] = useState(defaultLogin);
  const [password, setPassword] = useState("");
  const [state, setState] = useState<"idle" | "sending" | "done">("idle");
  const [error, setError] = useState<string | null>(null);
  const Heading = headingLevel === 2 ? "h2" : "h3";

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setState("sending");
    try {
      await fetchJson("/api/groupware/account", { method: "POST", body: { login: login.trim(), password } });
      setPassword("");
      setState("done");
      if (onConnected) onConnected();
      else window.location.reload();
    } catch (failure) {
      setState("idle");
      const code = failure instanceof ApiError ? failure.code : "";
      if (
        code === "BAD_REQUEST" ||
        code === "UNAUTHENTICATED_BACKEND" ||
        (failure instanceof ApiError && failure.status === 401)
      )
        setError(t("errors.refused"));
      else if (code === "BACKEND_UNAVAILABLE" || code === "BACKEND_TIMEOUT" || code === "NETWORK")
        setError(t("errors.unavailable"));
      else if (
        failure instanceof ApiError &&
        (failure.status === 400 || failure.status === 403 || failure.status === 422)
      )
        setError(t("errors.refused"));
      else setError(t("errors.unexpected"));
    }
  }

  return (
    <section
      aria-labelledby={`${id}-title`}
      className="rounded-lg border border-border-strong bg-surface p-4"
      data-testid="groupware-connect"
    >
      <Heading id={`${id}-title`} className="text-lg font-semibold">
        {t("title")}
      </Heading>
      <p className="mt-1 text-sm text-fg-muted">{t("body")}</p>
      {/* method and action matter before the page's scripts run: a form without them submits as a
          GET, and the login and password would end up in the URL (history, proxy and server logs).
          Posted there, they reach the JSON endpoint, which refuses the form encoding (415). */}
      <form
        className="mt-3 grid max-w-md gap-3"
        method="post"
        action="/api/groupware/account"
        onSubmit={(event) => void submit(event)}
      >
        <label className="text-sm font-medium" htmlFor={`${id}-login`}>
          {t("login")}
          <input
            id={`${id}-login`}
            name="login"
            type="text"
            autoComplete="username"
            required
            maxLength={320}
            value={login}
            onChange={(event) => setLogin(event.target.value)}
            className={inputClass}
          />
        </label>
        <label className="text-sm font-medium" htmlFor={`${id}-password`}>
          {t("password")}
          <input
            id={`${id}-password`}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={1024}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            className={inputClass}
          />
        </label>
        <p className="text-xs text-fg-muted">{t("privacy")}</p>
        <div aria-live="polite" className="flex flex-wrap items-center gap-3">
          <button type="submit" className={buttonClass.primary} disabled={state !== "idle"}>
            {state === "sending" ? t("sending") : t("submit")}
          </button>
          {state === "done" ? <span className="text-sm">{t("done")}</span> : null}
        </div>
        {error ? (
          <p role="alert" className="text-sm text-danger">
            {error}
          </p>
        ) : null}
      </form>
    </section>
  );
}
