/**
 * A minimal headless "browser" for tests that drive the development provider over HTTP: fetch with
 * a cookie jar and manual redirects, stopping when a redirect leaves for the portal (whose routes
 * the tests do not serve). Enough for the provider's own cookies (host-only, path-scoped); not a
 * general cookie implementation.
 */
import "server-only";

interface StoredCookie {
  name: string;
  value: string;
  host: string;
  path: string;
}

export class CookieJar {
  private readonly cookies = new Map<string, StoredCookie>();

  store(url: URL, setCookieHeaders: string[]): void {
    for (const header of setCookieHeaders) {
      const [pair = "", ...attributes] = header.split(";").map((part) => part.trim());
      const separator = pair.indexOf("=");
      const name = pair.slice(0, separator);
      const value = pair.slice(separator + 1);
      let path = "/";
      let expired = false;
      for (const attribute of attributes) {
        const [key = "", attributeValue = ""] = attribute.split("=");
        if (key.toLowerCase() === "path") path = attributeValue;
        if (key.toLowerCase() === "expires" && Date.parse(attributeValue) < Date.now()) expired = true;
        if (key.toLowerCase() === "max-age" && Number(attributeValue) <= 0) expired = true;
      }
      const key = `${url.host} ${path} ${name}`;
      if (expired) this.cookies.delete(key);
      else this.cookies.set(key, { name, value, host: url.host, path });
    }
  }

  header(url: URL): string {
    return [...this.cookies.values()]
      .filter(
        (cookie) =>
          cookie.host === url.host &&
          (url.pathname === cookie.path ||
            url.pathname.startsWith(cookie.path.endsWith("/") ? cookie.path : `${cookie.path}/`)),
      )
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join("; ");
  }
}

export interface Visit {
  /** The last response fetched (a page, or the redirect that left for the portal). */
  response: Response;
  /** Where the last redirect pointed, when it left for `stopAt`. */
  leftTo?: URL;
  body: string;
}

export class HeadlessBrowser {
  readonly jar = new CookieJar();

  constructor(private readonly stopAt: string) {}

  /** Fetches `url`, following redirects until a page, or a redirect to `stopAt`, is reached. */
  async visit(url: string | URL, init: { method?: string; form?: Record<string, string> } = {}): Promise<Visit> {
    let target = new URL(url);
    let method = init.method ?? (init.form ? "POST" : "GET");
    let body: string | undefined = init.form ? new URLSearchParams(init.form).toString() : undefined;
    for (let hop = 0; hop < 10; hop += 1) {
      const headers: Record<string, string> = {};
      const cookie = this.jar.header(target);
      if (cookie) headers.cookie = cookie;
      if (body !== undefined) headers["content-type"] = "application/x-www-form-urlencoded";
      const response = await fetch(target, { method, headers, body, redirect: "manual" });
      this.jar.store(target, response.headers.getSetCookie());
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location) {
        return { response, body: await response.text() };
      }
      await response.body?.cancel();
      const next = new URL(location, target);
      if (next.href.startsWith(this.stopAt)) return { response, leftTo: next, body: "" };
      target = next;
      method = "GET";
      body = undefined;
    }
    throw new Error("too many redirects");
  }
}

/** Reads a form's action and hidden fields from a page (the provider's pages are predictable). */
export function readForm(html: string, formId?: string): { action: string; fields: Record<string, string> } {
  const forms = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)];
  const form = formId ? forms.find((match) => match[1]?.includes(`id="${formId}"`)) : forms[0];
  if (!form) throw new Error("no form on the page");
  const action = /action="([^"]*)"/.exec(form[1] ?? "")?.[1] ?? "";
  const fields: Record<string, string> = {};
  for (const input of (form[2] ?? "").matchAll(/<input\b[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(input[0])?.[1];
    const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? "";
    if (name) fields[name] = value;
  }
  return { action: action.replace(/&amp;/g, "&"), fields };
}
