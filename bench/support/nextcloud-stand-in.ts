/**
 * Nextcloud for the Files benchmarks, in its own process so that it does not share an event loop
 * with the benchmark's client: Debian's Apache with mod_dav (test/services/apache-webdav.ts) and,
 * in front of it, the Nextcloud contract double of the tests (test/doubles/nextcloud/: OCS, Login
 * Flow v2, Nextcloud's properties; WebDAV bodies relayed to Apache).
 *
 *   tsx bench/support/nextcloud-stand-in.ts <user> <password>
 *
 * Prints one JSON line `{ "apache", "davPath", "nextcloud", "control" }` once ready. The control
 * origin takes `POST /grant?login=<login URL>` (the person approves a pending Login Flow v2, which
 * a real Nextcloud asks in its own page) and `POST /app-password` (a new app password, for a client
 * other than the portal). Stops everything on SIGTERM.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startApacheWebdav } from "@/test/services/apache-webdav";
import { startNextcloudDouble } from "@/test/doubles/nextcloud/nextcloud-double";

const [name, password] = process.argv.slice(2);
if (!name || !password) {
  process.stderr.write("usage: nextcloud-stand-in.ts <user> <password>\n");
  process.exit(2);
}

const apache = await startApacheWebdav([{ name, password }]);
const double = await startNextcloudDouble(apache);
const control = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://control.invalid");
  const login = url.searchParams.get("login");
  if (req.method === "POST" && url.pathname === "/grant" && login) {
    double.grantLoginFlow(login, name);
    res.writeHead(204);
    res.end();
    return;
  }
  if (req.method === "POST" && url.pathname === "/app-password") {
    // For the floor proxy in front of the double: Nextcloud's DAV takes app passwords.
    res.writeHead(200, { "content-type": "text/plain" });
    res.end(double.addAppPassword(name));
    return;
  }
  res.writeHead(404);
  res.end();
});
await new Promise<void>((resolve) => control.listen(0, "127.0.0.1", resolve));

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    control.close();
    void double
      .stop()
      .then(() => apache.stop())
      .finally(() => process.exit(0));
  });
}

process.stdout.write(
  `${JSON.stringify({
    apache: apache.origin,
    davPath: apache.urlPath(name, "files"),
    nextcloud: double.url,
    control: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
  })}\n`,
);
