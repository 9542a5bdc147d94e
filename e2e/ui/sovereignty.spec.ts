/**
 * The sovereignty check itself: every other spec relies on the automatic `requestLog` fixture to
 * fail on a request to a foreign host, so this one proves that it notices one, and only that one.
 * The foreign host is answered by Playwright's router inside the browser; nothing leaves the
 * machine.
 */
import { expect, test } from "../fixtures";
import { BrowserRequestLog } from "../fixtures/request-log";
import { ALLOWED_BROWSER_ORIGINS, PORTAL_URL } from "../support/stack";

test("the request log reports a request to a host that is neither the portal nor a backend", async ({ browser }) => {
  // A context of its own, outside the automatic fixture (which would rightly fail this test).
  const context = await browser.newContext({ baseURL: PORTAL_URL });
  const log = new BrowserRequestLog(ALLOWED_BROWSER_ORIGINS);
  log.watch(context);
  await context.route("https://cdn.example.test/**", (route) =>
    route.fulfill({ status: 200, contentType: "text/css", body: "" }),
  );
  const page = await context.newPage();
  await page.goto("/auth/sign-in");
  // What a page pulling a web font from a CDN would do (the portal's CSP forbids it; this page is
  // a blank one, where nothing does).
  await page.goto("about:blank");
  await page.setContent('<link rel="stylesheet" href="https://cdn.example.test/font.css?token=secret">');
  await context.close();

  expect(log.hosts()).toEqual(expect.arrayContaining(["cdn.example.test", new URL(PORTAL_URL).host]));
  // Reported without the query string, which may hold a token.
  expect(log.foreign()).toEqual(["stylesheet https://cdn.example.test/font.css"]);
});
