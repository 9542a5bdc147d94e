/*
 * The portal's service worker: an offline page for the shell, nothing more.
 *
 * Hand-written and small on purpose. What it does:
 * - install: precache /offline and what that page needs to look right (its stylesheets, the
 *   institution's logo, the app icon), read from the page itself so build hashes need no list here;
 * - navigations: network first, always; when the network fails, the precached offline page;
 * - the precached files themselves: from the cache, so the offline page renders fully offline.
 * What it never does: cache API responses, pages a person sees when signed in (they may hold
 * patient data, and on a shared workstation the next person must not find them), or anything
 * from another host. Every other request goes to the network untouched.
 *
 * The precache is refreshed in the background at most once a day, after a successful navigation,
 * so a new build or a new institution name reaches the offline page without a new worker.
 */

const CACHE = "portal-offline-v1";
const OFFLINE_URL = "/offline";
const STATIC_ASSETS = ["/icons/icon.svg", "/icons/icon-192.png"];
/** A synthetic cache entry holding when the precache was last filled. */
const STAMP_URL = "/__portal-sw-precache-time";
const REFRESH_AFTER_MS = 24 * 60 * 60 * 1000;

/** Same-origin stylesheet and image URLs referenced by the offline page's HTML. */
function assetsOf(html) {
  const urls = new Set();
  const pattern = /<(?:link[^>]+rel="stylesheet"[^>]*href|img[^>]+src)="([^"]+)"/g;
  for (const match of html.matchAll(pattern)) {
    const url = new URL(match[1].replace(/&amp;/g, "&"), self.location.origin);
    if (url.origin === self.location.origin) urls.add(url.pathname + url.search);
  }
  return [...urls];
}

async function fillPrecache() {
  // `reload`: bypass the HTTP cache so the page matches the assets fetched next.
  const response = await fetch(OFFLINE_URL, { cache: "reload", credentials: "same-origin" });
  const type = response.headers.get("content-type") || "";
  // A redirect (to sign-in, say) or an error page must not become the offline page.
  if (!response.ok || response.redirected || !type.includes("text/html")) {
    throw new Error(`offline page not cacheable: ${response.status}`);
  }
  const html = await response.clone().text();
  const cache = await caches.open(CACHE);
  await cache.addAll([...new Set([...assetsOf(html), ...STATIC_ASSETS])]);
  await cache.put(OFFLINE_URL, response);
  await cache.put(STAMP_URL, new Response(String(Date.now())));
}

async function refreshIfStale() {
  const cache = await caches.open(CACHE);
  const stamp = await cache.match(STAMP_URL);
  const filledAt = stamp ? Number(await stamp.text()) : 0;
  if (Date.now() - filledAt > REFRESH_AFTER_MS) await fillPrecache();
}

self.addEventListener("install", (event) => {
  event.waitUntil(fillPrecache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      // Drop caches of earlier versions of this worker.
      for (const name of await caches.keys()) {
        if (name.startsWith("portal-offline-") && name !== CACHE) await caches.delete(name);
      }
      // Navigation preload: the page request starts while the worker boots, so going through
      // the worker costs nothing on a slow device.
      if (self.registration.navigationPreload) await self.registration.navigationPreload.enable();
      await self.clients.claim();
    })(),
  );
});

async function navigate(event) {
  try {
    const response = (await event.preloadResponse) || (await fetch(event.request));
    event.waitUntil(refreshIfStale().catch(() => undefined));
    return response;
  } catch {
    // The network failed (not an HTTP error: a 500 page is still the server's answer).
    const offline = await caches.match(OFFLINE_URL);
    return offline || Response.error();
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === "navigate") {
    event.respondWith(navigate(event));
    return;
  }

  // Only what the precache holds is answered from it (ignoring query strings would be wrong for
  // hashed build files, so the match is exact). API calls and everything else are not touched.
  if (
    url.pathname.startsWith("/_next/static/") ||
    url.pathname.startsWith("/icons/") ||
    url.pathname.startsWith("/brand/")
  ) {
    event.respondWith(caches.match(request, { cacheName: CACHE }).then((cached) => cached || fetch(request)));
  }
});
