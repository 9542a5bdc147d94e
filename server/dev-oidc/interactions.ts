/**
 * The user-facing steps of the development provider's authorization flow, for one issuer:
 * `GET {prefix}/interaction/:uid` shows the sign-in page, `POST {prefix}/interaction/:uid/login`
 * checks the password. oidc-provider owns the protocol; this handler only hands it a result
 * (`interactionFinished`) once the person proved who they are.
 *
 * A wrong password re-renders the page with an error (401, no redirect). Consent is granted
 * automatically: the portal is a first-party client (create-dev-provider.ts pre-grants requested
 * scopes; the consent branch below only covers explicit `prompt=consent`).
 */
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import { errors } from "oidc-provider";
import { accountsFor, checkPassword, type IssuerKind } from "@/server/dev-oidc/demo-accounts";
import { pageHeaders, pickLanguage, renderErrorPage, renderLoginPage, type Lang } from "@/server/dev-oidc/pages";
import { logger } from "@/server/log";

const MAX_FORM_BYTES = 4096;
const log = logger.child({ component: "dev-oidc" });

const EXPIRED_TEXT: Record<Lang, string> = {
  fr: "La demande de connexion a expiré ou n'est plus valide. Revenez au portail.",
  en: "The sign-in request has expired or is no longer valid. Go back to the portal.",
};

export interface InteractionHandlerOptions {
  provider: Provider;
  kind: IssuerKind;
  /** Mount path of the issuer, e.g. `/idcaih`. */
  prefix: string;
  portalOrigin: string;
}

class FormTooLargeError extends Error {}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = req.headers["content-type"] ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded")) return new URLSearchParams();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_FORM_BYTES) throw new FormTooLargeError("form too large");
    chunks.push(buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function send(res: ServerResponse, status: number, portalOrigin: string, render: (nonce: string) => string): void {
  const { nonce, headers } = pageHeaders([portalOrigin]);
  res.writeHead(status, { ...headers, "content-type": "text/html; charset=utf-8" });
  res.end(render(nonce));
}

/** Returns a handler, or `false` from it when the path is not an interaction route. */
export function createInteractionHandler(options: InteractionHandlerOptions) {
  const { provider, kind, prefix, portalOrigin } = options;

  return async function handleInteraction(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname.slice(prefix.length));
    if (!match) return false;
    const [, uid, loginStep] = match;
    let lang: Lang = pickLanguage({ lang: url.searchParams.get("lang") });
    try {
      const details = await provider.interactionDetails(req, res);
      // The cookie names the interaction; a URL naming another one is a stale or forged link.
      if (details.uid !== uid) throw new errors.SessionNotFound("interaction mismatch");
      const uiLocales = typeof details.params.ui_locales === "string" ? details.params.ui_locales : null;
      lang = pickLanguage({ lang: url.searchParams.get("lang"), uiLocales });
      const action = `${prefix}/interaction/${uid}/login`;
      const otherLang: Lang = lang === "fr" ? "en" : "fr";
      const page = {
        issuer: kind,
        action,
        toggleHref: `${prefix}/interaction/${uid}?lang=${otherLang}`,
        accounts: accountsFor(kind),
      };

      if (details.prompt.name === "login") {
        if (req.method === "GET" && !loginStep) {
          send(res, 200, portalOrigin, (nonce) => renderLoginPage({ ...page, lang, nonce }));
          return true;
        }
        if (req.method !== "POST" || !loginStep) {
          res.writeHead(405, { allow: "GET, POST" }).end();
          return true;
        }
        const form = await readForm(req);
        lang = pickLanguage({ lang: form.get("lang"), uiLocales });
        const login = form.get("login") ?? "";
        const result = checkPassword(kind, login, form.get("password") ?? "");
        if (!result.ok) {
          const toggleHref = `${prefix}/interaction/${uid}?lang=${lang === "fr" ? "en" : "fr"}`;
          send(res, 401, portalOrigin, (nonce) =>
            renderLoginPage({ ...page, toggleHref, lang, nonce, login, error: result.reason }),
          );
          return true;
        }
        // PSC authenticates with the e-CPS app: acr eidas1. The Keycloak realm: a password.
        const loginResult =
          kind === "psc"
            ? { accountId: result.account.subjects.psc, acr: "eidas1", amr: ["eidas1"] }
            : { accountId: result.account.subjects.idcaih, acr: "1", amr: ["pwd"] };
        await provider.interactionFinished(req, res, { login: loginResult }, { mergeWithLastSubmission: false });
        return true;
      }

      if (details.prompt.name === "consent") {
        // Explicit prompt=consent: grant what was asked, first-party client.
        const grant = details.grantId
          ? await provider.Grant.find(details.grantId)
          : new provider.Grant({ accountId: details.session?.accountId, clientId: String(details.params.client_id) });
        if (!grant) throw new errors.SessionNotFound("grant not found");
        const missing = details.prompt.details;
        if (Array.isArray(missing.missingOIDCScope)) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
        if (Array.isArray(missing.missingOIDCClaims)) grant.addOIDCClaims(missing.missingOIDCClaims as string[]);
        const grantId = await grant.save();
        await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
        return true;
      }

      throw new Error(`unsupported prompt ${details.prompt.name}`);
    } catch (error) {
      if (error instanceof FormTooLargeError) {
        res.writeHead(413).end();
        return true;
      }
      const expired = error instanceof errors.SessionNotFound;
      if (!expired) log.error({ issuer: kind, err: error }, "dev-oidc interaction failed");
      const description = expired ? EXPIRED_TEXT[lang] : undefined;
      const code = expired ? "session_expired" : "server_error";
      send(res, expired ? 400 : 500, portalOrigin, (nonce) =>
        renderErrorPage({ lang, nonce, issuer: kind, error: code, description }),
      );
      return true;
    }
  };
}
