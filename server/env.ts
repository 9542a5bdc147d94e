/**
 * The portal's configuration: every environment variable, parsed once with zod.
 *
 * A missing or malformed variable stops the process at start (and `next build`, which imports this
 * file from next.config.ts) with a message that names the variable. Secrets have no defaults and
 * may be given as `NAME_FILE` (a path whose trimmed content is the value), the usual way to mount
 * secrets in containers. Module enablement is derived from the presence of a module's variables.
 *
 * Why no `import "server-only"` here: next.config.ts loads this file outside the React server
 * bundle, where the `server-only` package throws by design. Nothing in components/ may import it
 * (an ESLint rule enforces that).
 */
import { readFileSync } from "node:fs";
import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");

const httpUrl = z.url({ protocol: /^https?$/ }).transform((value) => value.replace(/\/+$/, ""));

const optionalHttpUrl = httpUrl.optional();

const durationSeconds = z.coerce.number().int().positive();

const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, "expected a colour like #0b5394");

export const ZEnv = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** Interface the production server (server/main.ts) listens on; 0.0.0.0 for a container. */
    HOST: z.string().min(1).default("0.0.0.0"),
    /** On SIGTERM, time given to in-flight requests before their connections are cut. */
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(120000).default(10000),
    /** The portal's public origin as browsers and back-channel callers reach it. */
    PORTAL_URL: optionalHttpUrl,
    /** Signs session cookies and derives the key that encrypts provider tokens at rest. */
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters"),

    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

    /** PostgreSQL in production; when absent, the embedded engine (PGlite) stores data in PGLITE_DIR. */
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    /** Folder of the embedded database, or `memory://` for a throwaway one. */
    PGLITE_DIR: z.string().min(1).default(".data/pglite"),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),

    SESSION_IDLE_TIMEOUT: durationSeconds.default(30 * 60),
    SESSION_ABSOLUTE_TIMEOUT: durationSeconds.default(10 * 60 * 60),

    INSTITUTION_NAME: z.string().min(1).max(120).default("Centre hospitalier de démonstration"),
    /** Path under public/ or an absolute URL of a configured host; the default is the portal's own logo. */
    INSTITUTION_LOGO_URL: z.string().min(1).default("/brand/logo.svg"),
    INSTITUTION_PRIMARY_COLOUR: hexColour.default("#0b5394"),

    /** ID CAIH: a Keycloak realm (standard discovery). */
    IDCAIH_ISSUER: optionalHttpUrl,
    IDCAIH_CLIENT_ID: z.string().min(1).optional(),
    IDCAIH_CLIENT_SECRET: z.string().min(1).optional(),
    /** Display name of the ID CAIH button (the demo provider sets its own). */
    IDCAIH_LABEL: z.string().min(1).default("ID CAIH"),
    /** Role (in the ID token's `roles` or Keycloak's `realm_access.roles`) that makes a portal administrator. */
    ADMIN_ROLE: z.string().min(1).default("admin"),
    /** Keycloak `kc_idp_hint`, e.g. to go straight to a brokered Pro Santé Connect. */
    IDCAIH_IDP_HINT: z.string().min(1).optional(),

    /** Pro Santé Connect: non-standard discovery, authorize on the wallet host, JWT userinfo. */
    PSC_ISSUER: optionalHttpUrl,
    PSC_CLIENT_ID: z.string().min(1).optional(),
    PSC_CLIENT_SECRET: z.string().min(1).optional(),
    /** Defaults to `{PSC_ISSUER}/.well-known/wallet-openid-configuration`. */
    PSC_DISCOVERY_URL: optionalHttpUrl,
    PSC_SCOPE: z.string().min(1).default("openid scope_all"),

    /** The embedded development provider; refuses production unless DEV_OIDC_ALLOW_PRODUCTION. */
    DEV_OIDC_PORT: z.coerce.number().int().min(1).max(65535).default(3100),
    DEV_OIDC_ALLOW_PRODUCTION: booleanFlag.default(false),

    /** Bearer token for GET /api/metrics; without it the endpoint answers only loopback callers. */
    METRICS_TOKEN: z.string().min(16).optional(),

    /** Example module: the institution's news feed (RSS 2.0 or Atom). */
    NEWS_FEED_URL: optionalHttpUrl,
    /** Time a widget may take before the dashboard shows it as degraded. */
    WIDGET_TIMEOUT_MS: z.coerce.number().int().min(100).max(30000).default(2500),
    /** Time each backend check of GET /api/ready may take before it counts as down. */
    READY_CHECK_TIMEOUT_MS: z.coerce.number().int().min(100).max(30000).default(2000),
    /** How long a fetched news feed is reused (it is the same for every user); 0 fetches every time. */
    NEWS_FEED_CACHE_SECONDS: z.coerce.number().int().min(0).max(86400).default(120),

    // --- Files (server/files/) ---------------------------------------------------------------
    /** Where files live: `local` (disk under FILES_ROOT, metadata in the database) or `nextcloud`. */
    FILES_BACKEND: z.enum(["local", "nextcloud"]).default("local"),
    /** Root folder of the local storage adapter; each user has a folder below it. */
    FILES_ROOT: z.string().min(1).default(".data/files"),
    /** Nextcloud's base URL (WebDAV at /remote.php/dav, OCS at /ocs/v2.php); required for `nextcloud`. */
    NEXTCLOUD_URL: optionalHttpUrl,
    /** How calls reach Nextcloud as the user: their OIDC access token (user_oidc app) or an app password. */
    NEXTCLOUD_AUTH: z.enum(["oidc", "app-password"]).default("oidc"),
    /** Deadline of each Nextcloud call's answer, and how long a streaming transfer may stall. */
    NEXTCLOUD_TIMEOUT_MS: z.coerce.number().int().min(500).max(300000).default(30000),
    /** Largest upload accepted, in bytes (413 beyond). Default 5 GiB. */
    FILES_MAX_UPLOAD_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(5 * 1024 ** 3),
    /** Days a deleted item stays in the local adapter's trash before it is purged for good; 0 keeps it until purged by hand. */
    FILES_TRASH_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
    /** Chunk of the browser's resumable uploads (one Nextcloud chunk each), and the file size from which it uses them. */
    FILES_CHUNK_BYTES: z.coerce
      .number()
      .int()
      .min(5 * 1024 ** 2)
      .max(1024 ** 3)
      .default(10 * 1024 ** 2),
    /**
     * Chunk of chunked upload v2 when the portal relays one large body to Nextcloud (a file PUT
     * in one request); a file of at most this size goes as one PUT. 5 MiB to 5 GiB (Nextcloud's
     * limits). Default 100 MiB.
     */
    NEXTCLOUD_CHUNK_BYTES: z.coerce
      .number()
      .int()
      .min(5 * 1024 ** 2)
      .max(5 * 1024 ** 3)
      .default(100 * 1024 ** 2),

    // --- Documents and the collaboration server (server/documents/, server/collab/) -----------
    /** Redis shared by several collaboration processes; without it, one process serves every document. */
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
    /** Lifetime of the token a page gets to join a document's collaboration session. */
    COLLAB_TOKEN_TTL_SECONDS: durationSeconds.default(300),
    /** Largest document state accepted, in bytes. */
    COLLAB_MAX_DOCUMENT_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(16 * 1024 ** 2),
    /** Messages one connection may send per second before it is told to slow down. */
    COLLAB_MAX_MESSAGES_PER_SECOND: z.coerce.number().int().positive().default(200),
    /** Largest image that may be placed in a document, in bytes (stored in the database). */
    DOCUMENTS_IMAGE_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .max(50 * 1024 ** 2)
      .default(5 * 1024 ** 2),
    /** LibreOffice's command for document conversion (import ODT, export ODT and PDF). */
    LIBREOFFICE_PATH: z.string().min(1).default("soffice"),

    // --- Mail, agenda and contacts (integrations/imap, smtp, caldav, carddav, ldap; server/mail/…) ---
    /** IMAP server of the users' mailboxes (BlueMind or any IMAP4rev1 server): imap://host:143 or imaps://host:993. */
    IMAP_URL: z.url({ protocol: /^imaps?$/ }).optional(),
    /** SMTP submission server: smtp://host:587 (STARTTLS when offered) or smtps://host:465. */
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    /**
     * How the portal authenticates to IMAP/SMTP as the user: `oauthbearer` or `xoauth2` with the
     * user's OIDC access token, or `password` (the user's own mail credentials, stored encrypted).
     */
    MAIL_AUTH: z.enum(["oauthbearer", "xoauth2", "password"]).default("password"),
    /** Whether the portal files a copy of each sent message in Sent (true; false when the server already does, e.g. Gmail). */
    MAIL_APPEND_SENT: booleanFlag.default(true),
    /** CalDAV server (BlueMind: https://host/dav/), discovery from this URL. */
    CALDAV_URL: optionalHttpUrl,
    /** CardDAV server (often the same as CALDAV_URL). */
    CARDDAV_URL: optionalHttpUrl,
    /** The organisation's LDAP directory (ID CAIH): ldap://host:389 or ldaps://host:636. */
    LDAP_URL: z.url({ protocol: /^ldaps?$/ }).optional(),
    /** Where people are searched, e.g. ou=people,dc=hopital,dc=fr. */
    LDAP_BASE_DN: z.string().min(1).optional(),
    /** Service account for directory searches; anonymous bind when absent. */
    LDAP_BIND_DN: z.string().min(1).optional(),
    LDAP_BIND_PASSWORD: z.string().min(1).optional(),
    /**
     * `npm run demo` only: a JSON file of the demo accounts' groupware logins
     * ([{ email, login, password }]) that the portal stores for each of them once they have signed
     * in (server/demo-groupware/). Never set it in production.
     */
    DEMO_GROUPWARE_SEED: z.string().min(1).optional(),

    // --- Office documents: WOPI host and OnlyOffice (server/office/, integrations/wopi, onlyoffice) ---
    /** The WOPI client's discovery document (Collabora, OnlyOffice in WOPI mode…): https://office/hosting/discovery. */
    WOPI_DISCOVERY_URL: optionalHttpUrl,
    /** The portal's URL as the WOPI client calls it back (often an internal address); PORTAL_URL when absent. */
    WOPI_HOST_URL: optionalHttpUrl,
    /** Lifetime of a WOPI access token: one editing session (Microsoft's advice: 10 h); revocable before. */
    WOPI_TOKEN_TTL_SECONDS: durationSeconds
      .min(300)
      .max(24 * 60 * 60)
      .default(10 * 60 * 60),
    /** OnlyOffice Document Server (its api.js, command and conversion services). */
    ONLYOFFICE_URL: optionalHttpUrl,
    /** Shared secret of the Document Server's JWTs (browser config, callbacks, conversions). */
    ONLYOFFICE_JWT_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
    /** The portal's URL as the Document Server calls it (downloads, callbacks; often internal); PORTAL_URL when absent. */
    ONLYOFFICE_PORTAL_URL: optionalHttpUrl,
    /** Extensions OnlyOffice opens when a WOPI client is configured too (the others go to the WOPI client). */
    OFFICE_ONLYOFFICE_FORMATS: z
      .string()
      .regex(/^[a-z0-9]+(,[a-z0-9]+)*$/, "expected lower-case extensions separated by commas, e.g. docx,xlsx")
      .default("docx,xlsx,pptx,odt,ods,odp")
      .transform((value) => value.split(",")),

    // --- Embedding for hospital software (server/embed/) ---------------------------------------
    /** JSON file of the registered vendor clients (id, secret hash, origins, webhook, templates). */
    EMBED_CLIENTS_FILE: z.string().min(1).optional(),
    /** Lifetime of an embed session (the iframe's cookie); the vendor asks for a new one after. */
    EMBED_SESSION_TTL_SECONDS: durationSeconds.max(24 * 60 * 60).default(8 * 60 * 60),
    /** Lifetime of the one-time embed URL, from session creation to its (single) use. */
    EMBED_LAUNCH_TTL_SECONDS: durationSeconds.max(30 * 60).default(5 * 60),
    /** Lifetime of the API's OAuth2 access tokens (client credentials). */
    EMBED_ACCESS_TOKEN_TTL_SECONDS: durationSeconds.max(60 * 60).default(10 * 60),
    /** Deadline of one webhook POST (connect, send, answer). */
    EMBED_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(500).max(60000).default(10000),
    /** Attempts before a webhook is given up (backoff from 10 s to 6 h between them). */
    EMBED_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(10),
  })
  .superRefine((env, ctx) => {
    if (env.FILES_BACKEND === "nextcloud" && env.NEXTCLOUD_URL === undefined) {
      ctx.addIssue({ code: "custom", path: ["NEXTCLOUD_URL"], message: "required when FILES_BACKEND=nextcloud" });
    }
    if (env.LDAP_URL !== undefined && env.LDAP_BASE_DN === undefined) {
      ctx.addIssue({ code: "custom", path: ["LDAP_BASE_DN"], message: "required when LDAP_URL is set" });
    }
    if ((env.ONLYOFFICE_URL === undefined) !== (env.ONLYOFFICE_JWT_SECRET === undefined)) {
      const missing = env.ONLYOFFICE_URL === undefined ? "ONLYOFFICE_URL" : "ONLYOFFICE_JWT_SECRET";
      ctx.addIssue({
        code: "custom",
        path: [missing],
        message: "ONLYOFFICE_URL and ONLYOFFICE_JWT_SECRET go together",
      });
    }
    const groups: Array<[string, Array<keyof typeof env>]> = [
      ["ID CAIH", ["IDCAIH_ISSUER", "IDCAIH_CLIENT_ID", "IDCAIH_CLIENT_SECRET"]],
      ["Pro Santé Connect", ["PSC_ISSUER", "PSC_CLIENT_ID", "PSC_CLIENT_SECRET"]],
    ];
    for (const [label, keys] of groups) {
      const given = keys.filter((key) => env[key] !== undefined);
      if (given.length > 0 && given.length < keys.length) {
        for (const key of keys.filter((k) => env[k] === undefined)) {
          ctx.addIssue({ code: "custom", path: [key], message: `required when ${label} is configured` });
        }
      }
    }
  });

export type TEnv = z.infer<typeof ZEnv>;

const SECRET_NAMES = [
  "AUTH_SECRET",
  "DATABASE_URL",
  "IDCAIH_CLIENT_SECRET",
  "PSC_CLIENT_SECRET",
  "METRICS_TOKEN",
  "REDIS_URL",
  "LDAP_BIND_PASSWORD",
  "ONLYOFFICE_JWT_SECRET",
] as const;

/** Reads `NAME_FILE` for secrets, trimming the trailing newline editors and `echo` add. */
function withFileSecrets(source: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(source)) out[key] = value === "" ? undefined : value;
  for (const name of SECRET_NAMES) {
    const file = source[`${name}_FILE`];
    if (file && out[name] === undefined) out[name] = readFileSync(file, "utf8").trim();
  }
  return out;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses an environment; throws a ConfigError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): TEnv {
  const result = ZEnv.safeParse(withFileSecrets(source));
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".") || "(root)"}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

/**
 * Folder of the Next.js build, `.next` unless NEXT_DIST_DIR names another one (relative to the
 * project). Read at build time too, so outside ZEnv; several checkouts' test runs can then build
 * side by side in one working tree.
 */
export function nextDistDir(source: Record<string, string | undefined> = process.env): string {
  const value = source.NEXT_DIST_DIR;
  if (value === undefined || value === "") return ".next";
  if (!/^\.next[A-Za-z0-9_-]*$/.test(value)) {
    throw new ConfigError(`Invalid configuration:\n  NEXT_DIST_DIR: expected a folder name starting with .next`);
  }
  return value;
}

let cached: TEnv | undefined;

/** The process's configuration, parsed on first use. */
export function env(): TEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Public origin of the portal: PORTAL_URL, or http://localhost:PORT for a local run. */
export function portalUrl(config: TEnv = env()): string {
  return config.PORTAL_URL ?? `http://localhost:${config.PORT}`;
}
