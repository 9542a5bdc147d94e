/**
 * Signs a demo account in through the real OpenID Connect flow, over HTTP only, the way a browser
 * does: next-auth's CSRF token, `POST /api/auth/signin/idcaih`, the development provider's login
 * form, its redirects back to `/api/auth/callback/idcaih`, which sets the session cookie. Every call
 * is a new session (the demo accounts may sign in any number of times).
 *
 * The cookie jar follows browser rules closely enough for this flow: cookies are kept per host name
 * (not per port, as browsers do) and path, expired ones are dropped.
 */

interface StoredCookie {
  name: string;
  value: string;
  hostname: string;
  path: string;
}

export class CookieJar {
  private readonly cookies = new Map<string, StoredCookie>();

  store(url: URL, setCookie: string[]): void {
    for (const header of setCookie) {
      const [pair = "", ...attributes] = header.split(";").map((part) => part.trim());
      const separator = pair.indexOf("=");
      if (separator <= 0) continue;
      const name = pair.slice(0, separator);
      const value = pair.slice(separator + 1);
      let path = "/";
      let expired = false;
      for (const attribute of attributes) {
        const eq = attribute.indexOf("=");
        const key = (eq < 0 ? attribute : attribute.slice(0, eq)).toLowerCase();
        const attributeValue = eq < 0 ? "" : attribute.slice(eq + 1);
        if (key === "path" && attributeValue.startsWith("/")) path = attributeValue;
        if (key === "expires" && Date.parse(attributeValue) < Date.now()) expired = true;
        if (key === "max-age" && Number(attributeValue) <= 0) expired = true;
      }
      const key = `${url.hostname} ${path} ${name}`;
      if (expired || value === "") this.cookies.delete(key);
      else this.cookies.set(key, { name, value, hostname: url.hostname, path });
    }
  }

  private matching(url: URL): StoredCookie[] {
    return [...this.cookies.values()].filter(
      (cookie) =>
        cookie.hostname === url.hostname &&
        (url.pathname === cookie.path ||
          url.pathname.startsWith(cookie.path.endsWith("/") ? cookie.path : `${cookie.path}/`)),
    );
  }

  header(url: URL): string {
    return this.matching(url)
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join("; ");
  }

  /** Cookies for `url` whose name starts with `prefix`, as a Cookie header value. */
  headerFor(url: URL, prefix: string): string {
    return this.matching(url)
      .filter((cookie) => cookie.name.startsWith(prefix) || cookie.name.startsWith(`__Secure-${prefix}`))
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join("; ");
  }

  /** The cookies for `url`, name and value, for Playwright's `addCookies`. */
  list(url: URL, prefix: string): Array<{ name: string; value: string }> {
    return this.matching(url)
      .filter((cookie) => cookie.name.startsWith(prefix) || cookie.name.startsWith(`__Secure-${prefix}`))
      .map(({ name, value }) => ({ name, value }));
  }
}

const REQUEST_TIMEOUT_MS = 15_000;
const MAX_HOPS = 15;

async function request(
  jar: CookieJar,
  url: URL,
  init: { method?: string; form?: Record<string, string>; origin?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = { "accept-language": "fr-FR,fr;q=0.9", accept: "text/html,application/json" };
  const cookie = jar.header(url);
  if (cookie) headers.cookie = cookie;
  let body: string | undefined;
  if (init.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(init.form).toString();
  }
  if (init.origin) headers.origin = init.origin;
  const response = await fetch(url, {
    method: init.method ?? (init.form ? "POST" : "GET"),
    headers,
    body,
    redirect: "manual",
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  jar.store(url, response.headers.getSetCookie());
  return response;
}

/** Follows redirects (GET) from `response` until a non-redirect; returns it with its URL. */
async function follow(
  jar: CookieJar,
  from: URL,
  first: Response,
): Promise<{ url: URL; response: Response; hops: URL[] }> {
  let url = from;
  let response = first;
  const hops: URL[] = [];
  for (let hop = 0; hop < MAX_HOPS; hop += 1) {
    const location = response.headers.get("location");
    if (response.status < 300 || response.status >= 400 || !location) return { url, response, hops };
    await response.body?.cancel();
    url = new URL(location, url);
    hops.push(url);
    response = await request(jar, url);
  }
  throw new Error("sign-in: too many redirects");
}

function loginForm(html: string): { action: string; fields: Record<string, string> } {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/.exec(html);
  if (!form) throw new Error("sign-in: no login form on the provider's page");
  const action = (/action="([^"]*)"/.exec(form[1] ?? "")?.[1] ?? "").replace(/&amp;/g, "&");
  const fields: Record<string, string> = {};
  for (const input of (form[2] ?? "").matchAll(/<input\b[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(input[0])?.[1];
    if (name) fields[name] = /value="([^"]*)"/.exec(input[0])?.[1] ?? "";
  }
  return { action, fields };
}

export interface SignedIn {
  login: string;
  jar: CookieJar;
  /** `Cookie` header value carrying the session cookie(s) only. */
  cookie: string;
  cookies: Array<{ name: string; value: string }>;
  ms: number;
}

export const SESSION_COOKIE_PREFIX = "authjs.session-token";

/** Signs `login` in on `portalUrl` (the portal's public origin) with provider `providerId`. */
export async function signIn(
  portalUrl: string,
  login: string,
  password = "demo",
  providerId = "idcaih",
): Promise<SignedIn> {
  const started = performance.now();
  const portal = new URL(portalUrl);
  const jar = new CookieJar();

  const csrfUrl = new URL("/api/auth/csrf", portal);
  const csrfResponse = await request(jar, csrfUrl);
  if (!csrfResponse.ok) throw new Error(`sign-in: GET /api/auth/csrf answered ${csrfResponse.status}`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken?: string };
  if (!csrfToken) throw new Error("sign-in: no csrfToken");

  const signInUrl = new URL(`/api/auth/signin/${providerId}`, portal);
  const started302 = await request(jar, signInUrl, {
    form: { csrfToken, callbackUrl: new URL("/", portal).href },
    origin: portal.origin,
  });
  const loginPage = await follow(jar, signInUrl, started302);
  if (loginPage.url.origin === portal.origin) {
    throw new Error(
      `sign-in: the portal did not send us to the provider (ended on ${loginPage.url.pathname}, ${loginPage.response.status})`,
    );
  }
  if (loginPage.response.status !== 200)
    throw new Error(`sign-in: provider page answered ${loginPage.response.status}`);
  const form = loginForm(await loginPage.response.text());
  const actionUrl = new URL(form.action, loginPage.url);
  const posted = await request(jar, actionUrl, { form: { ...form.fields, login, password } });
  if (posted.status === 401) throw new Error(`sign-in: the provider refused ${login}'s password`);
  const landed = await follow(jar, actionUrl, posted);
  await landed.response.body?.cancel();
  const callbackHop = landed.hops.find(
    (hop) => hop.origin === portal.origin && hop.pathname.startsWith("/api/auth/callback/"),
  );
  if (!callbackHop)
    throw new Error(
      `sign-in: never reached the portal's callback (ended on ${landed.url.origin}${landed.url.pathname})`,
    );
  const cookies = jar.list(portal, SESSION_COOKIE_PREFIX);
  if (cookies.length === 0) {
    throw new Error(
      `sign-in: no session cookie after the callback (ended on ${landed.url.pathname} with ${landed.response.status})`,
    );
  }
  return {
    login,
    jar,
    cookie: cookies.map(({ name, value }) => `${name}=${value}`).join("; "),
    cookies,
    ms: performance.now() - started,
  };
}

export const DEMO_LOGINS = ["alice.martin", "bruno.durand", "chloe.admin"] as const;

/** Signs `count` sessions in, `parallel` at a time, cycling through the demo accounts. */
export async function signInMany(
  portalUrl: string,
  count: number,
  parallel = 4,
  deadlineMs = 180_000,
): Promise<SignedIn[]> {
  const results: SignedIn[] = new Array<SignedIn>(count);
  const deadline = Date.now() + deadlineMs;
  let next = 0;
  async function worker(): Promise<void> {
    while (next < count) {
      if (Date.now() > deadline) throw new Error(`sign-in: ${count} sessions not done within ${deadlineMs} ms`);
      const index = next;
      next += 1;
      results[index] = await signIn(portalUrl, DEMO_LOGINS[index % DEMO_LOGINS.length] as string);
    }
  }
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return results;
}
