/**
 * The HTML views of the development OpenID provider: sign-in, sign-out confirmation, signed-out
 * and error pages, in French with an English toggle.
 *
 * Why our own pages: oidc-provider's built-in ones import Google Fonts, and the portal promises
 * that a browser never contacts a host other than the portal and its configured backends (e2e
 * tests record every request). These pages load nothing: styles are inline under a per-response
 * CSP nonce, there are no images, fonts or scripts from anywhere (one inline script, nonce'd, only
 * on the sign-out page). They aim at WCAG 2.1 AA: labels, visible focus, AA contrast, `lang`,
 * errors announced by an alert region and tied to the fields.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import type { DemoAccount, IssuerKind } from "@/server/dev-oidc/demo-accounts";

export type Lang = "fr" | "en";

const TEXT = {
  fr: {
    issuer: { idcaih: "ID CAIH — démonstration", psc: "Pro Santé Connect — démonstration" },
    signInTitle: "Connexion",
    signInIntro: {
      idcaih: "Fournisseur d'identité de démonstration. Il remplace le service d'identité de l'hôpital.",
      psc: "Fournisseur de démonstration. Il imite Pro Santé Connect : une connexion ici vaut e-CPS.",
    },
    login: "Identifiant",
    password: "Mot de passe",
    submit: "Se connecter",
    badCredentials: "Identifiant ou mot de passe incorrect.",
    notOnIssuer: "Ce compte n'a pas de carte e-CPS : il ne peut pas utiliser Pro Santé Connect.",
    accountsTitle: "Comptes de démonstration",
    accountsHint: "Mot de passe de chaque compte :",
    switchTo: "English",
    signOutTitle: "Déconnexion",
    signOutQuestion: "Voulez-vous vous déconnecter du fournisseur d'identité ?",
    signOutYes: "Oui, me déconnecter",
    signOutNo: "Non, rester connecté",
    signedOutTitle: "Vous êtes déconnecté",
    signedOutText: "Vous pouvez fermer cet onglet.",
    errorTitle: "Une erreur est survenue",
    errorText: "La demande de connexion n'a pas pu aboutir. Revenez au portail et recommencez.",
    errorCode: "Code :",
  },
  en: {
    issuer: { idcaih: "ID CAIH — demo", psc: "Pro Santé Connect — demo" },
    signInTitle: "Sign in",
    signInIntro: {
      idcaih: "Demonstration identity provider. It stands in for the hospital's identity service.",
      psc: "Demonstration provider. It mimics Pro Santé Connect: signing in here counts as e-CPS.",
    },
    login: "Username",
    password: "Password",
    submit: "Sign in",
    badCredentials: "Wrong username or password.",
    notOnIssuer: "This account has no e-CPS card: it cannot use Pro Santé Connect.",
    accountsTitle: "Demo accounts",
    accountsHint: "Password of every account:",
    switchTo: "Français",
    signOutTitle: "Sign out",
    signOutQuestion: "Do you want to sign out of the identity provider?",
    signOutYes: "Yes, sign me out",
    signOutNo: "No, stay signed in",
    signedOutTitle: "You are signed out",
    signedOutText: "You may close this tab.",
    errorTitle: "Something went wrong",
    errorText: "The sign-in request could not be completed. Go back to the portal and try again.",
    errorCode: "Code:",
  },
} as const;

const PROFESSION_EN: Record<string, string> = {
  médecin: "physician",
  infirmier: "nurse",
  administratrice: "administrator",
};

/**
 * The page language: an explicit `lang` choice (the toggle), then the authorization or logout
 * request's `ui_locales` (the portal passes its own language there); otherwise French, like the
 * portal, whatever the browser's Accept-Language says.
 */
export function pickLanguage(choices: { lang?: string | null; uiLocales?: string | null }): Lang {
  if (choices.lang === "fr" || choices.lang === "en") return choices.lang;
  const first = choices.uiLocales?.split(/\s+/)[0]?.toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "fr";
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A fresh nonce and the headers every page is sent with. */
export function pageHeaders(formTargets: readonly string[]): { nonce: string; headers: Record<string, string> } {
  const nonce = randomBytes(16).toString("base64");
  // form-action must list the portal: Chromium applies it to the redirects that follow a form
  // submission, and the sign-in POST ends on the portal's callback.
  const csp = [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `form-action 'self' ${formTargets.join(" ")}`.trim(),
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join("; ");
  return {
    nonce,
    headers: {
      "content-security-policy": csp,
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
      "cache-control": "no-store",
    },
  };
}

const STYLE = `
:root{color-scheme:light;--ink:#1b1b1b;--muted:#4a4a4a;--accent:#0b5394;--error:#a4161a;--bg:#f4f6f8}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI","DejaVu Sans",sans-serif;color:var(--ink);background:var(--bg)}
main{max-width:28rem;width:calc(100% - 2rem);margin:2rem auto;padding:1.5rem;background:#fff;border:1px solid #c9ced6;border-radius:.5rem}
header{display:flex;justify-content:space-between;align-items:baseline;gap:1rem;flex-wrap:wrap}
.issuer{margin:0;font-size:.9rem;font-weight:600;color:var(--accent)}
h1{font-size:1.5rem;margin:.5rem 0 1rem}
p{margin:.5rem 0}
.intro{color:var(--muted)}
label{display:block;font-weight:600;margin-top:1rem}
input[type=text],input[type=password]{width:100%;padding:.6rem;font:inherit;border:1px solid #6b7280;border-radius:.25rem}
input[aria-invalid=true]{border-color:var(--error)}
button{margin-top:1.25rem;padding:.65rem 1.2rem;font:inherit;font-weight:600;color:#fff;background:var(--accent);border:0;border-radius:.25rem;cursor:pointer}
button.secondary{color:var(--accent);background:#fff;border:1px solid var(--accent)}
a{color:var(--accent)}
:focus-visible{outline:3px solid #f4a100;outline-offset:2px}
.error{margin:1rem 0;padding:.75rem;color:var(--error);background:#fdecea;border-left:4px solid var(--error)}
section{margin-top:1.5rem;padding-top:1rem;border-top:1px solid #c9ced6}
h2{font-size:1rem;margin:0 0 .5rem}
ul{margin:0;padding-left:1.2rem}
code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.95em}
`;

function layout(options: { lang: Lang; nonce: string; title: string; body: string; script?: string }): string {
  const script = options.script ? `<script nonce="${options.nonce}">${options.script}</script>` : "";
  return `<!doctype html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(options.title)}</title>
<style nonce="${options.nonce}">${STYLE}</style>
</head>
<body>
<main>
${options.body}
</main>
${script}
</body>
</html>`;
}

export interface LoginPageOptions {
  lang: Lang;
  nonce: string;
  issuer: IssuerKind;
  /** Where the form posts. */
  action: string;
  /** The same page in the other language. */
  toggleHref: string;
  login?: string;
  error?: "bad-credentials" | "not-on-this-issuer";
  accounts: readonly DemoAccount[];
}

export function renderLoginPage(options: LoginPageOptions): string {
  const t = TEXT[options.lang];
  const other: Lang = options.lang === "fr" ? "en" : "fr";
  const errorText = options.error === "not-on-this-issuer" ? t.notOnIssuer : options.error ? t.badCredentials : "";
  const invalid = options.error ? ' aria-invalid="true" aria-describedby="login-error"' : "";
  const errorBlock = errorText ? `<p class="error" id="login-error" role="alert">${escapeHtml(errorText)}</p>` : "";
  const accountItems = options.accounts
    .map((account) => {
      const profession =
        options.lang === "en" ? (PROFESSION_EN[account.profession] ?? account.profession) : account.profession;
      return `<li><code>${escapeHtml(account.login)}</code> — ${escapeHtml(`${account.givenName} ${account.familyName}`)}, ${escapeHtml(profession)}</li>`;
    })
    .join("");
  // Autofocus the password after a failed attempt (the login is already filled), else the login.
  const focusLogin = options.error ? "" : " autofocus";
  const focusPassword = options.error ? " autofocus" : "";
  const body = `
<header>
<p class="issuer">${escapeHtml(t.issuer[options.issuer])}</p>
<a href="${escapeHtml(options.toggleHref)}" lang="${other}" hreflang="${other}">${t.switchTo}</a>
</header>
<h1>${t.signInTitle}</h1>
<p class="intro">${escapeHtml(t.signInIntro[options.issuer])}</p>
${errorBlock}
<form method="post" action="${escapeHtml(options.action)}" novalidate>
<input type="hidden" name="lang" value="${options.lang}">
<label for="login">${t.login}</label>
<input type="text" id="login" name="login" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${escapeHtml(options.login ?? "")}"${invalid}${focusLogin}>
<label for="password">${t.password}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required${invalid}${focusPassword}>
<button type="submit">${t.submit}</button>
</form>
<section aria-labelledby="accounts-title">
<h2 id="accounts-title">${t.accountsTitle}</h2>
<ul>${accountItems}</ul>
<p>${t.accountsHint} <code>demo</code></p>
</section>`;
  return layout({
    lang: options.lang,
    nonce: options.nonce,
    title: `${t.signInTitle} — ${t.issuer[options.issuer]}`,
    body,
  });
}

/**
 * The sign-out confirmation. `form` is oidc-provider's hidden form (it carries the xsrf token);
 * the buttons submit it. When the portal proved who it is (a valid `id_token_hint`), the page
 * confirms by itself, as Keycloak does, so that signing out of the portal takes one click; the
 * buttons stay for browsers without JavaScript.
 */
export function renderLogoutPage(options: {
  lang: Lang;
  nonce: string;
  issuer: IssuerKind;
  form: string;
  autoConfirm: boolean;
}): string {
  const t = TEXT[options.lang];
  const body = `
<p class="issuer">${escapeHtml(t.issuer[options.issuer])}</p>
<h1>${t.signOutTitle}</h1>
<p>${t.signOutQuestion}</p>
${options.form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" id="logout-yes" autofocus>${t.signOutYes}</button>
<button type="submit" form="op.logoutForm" class="secondary">${t.signOutNo}</button>`;
  const script = options.autoConfirm
    ? `var f=document.getElementById("op.logoutForm"),b=document.getElementById("logout-yes");if(f&&b){f.requestSubmit(b);}`
    : undefined;
  return layout({ lang: options.lang, nonce: options.nonce, title: t.signOutTitle, body, script });
}

export function renderSignedOutPage(options: { lang: Lang; nonce: string; issuer: IssuerKind }): string {
  const t = TEXT[options.lang];
  const body = `
<p class="issuer">${escapeHtml(t.issuer[options.issuer])}</p>
<h1>${t.signedOutTitle}</h1>
<p>${t.signedOutText}</p>`;
  return layout({ lang: options.lang, nonce: options.nonce, title: t.signedOutTitle, body });
}

/** Shows the OAuth error code (safe, from a fixed vocabulary) and its description, never a stack. */
export function renderErrorPage(options: {
  lang: Lang;
  nonce: string;
  issuer: IssuerKind;
  error: string;
  description?: string;
}): string {
  const t = TEXT[options.lang];
  const description = options.description ? `<p>${escapeHtml(options.description)}</p>` : "";
  const body = `
<p class="issuer">${escapeHtml(t.issuer[options.issuer])}</p>
<h1>${t.errorTitle}</h1>
<p>${t.errorText}</p>
<p>${t.errorCode} <code>${escapeHtml(options.error)}</code></p>
${description}`;
  return layout({ lang: options.lang, nonce: options.nonce, title: t.errorTitle, body });
}
