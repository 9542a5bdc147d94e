// Runs the OnlyOffice Document Server double as a process (the e2e stack starts it as a web
// server): ONLYOFFICE_DOUBLE_PORT, ONLYOFFICE_JWT_SECRET. Stops on SIGTERM/SIGINT.
import { startOnlyOfficeDouble } from "./onlyoffice-double";

const secret = process.env.ONLYOFFICE_JWT_SECRET;
const port = Number(process.env.ONLYOFFICE_DOUBLE_PORT ?? "0");
if (!secret) throw new Error("ONLYOFFICE_JWT_SECRET is required");
const double = await startOnlyOfficeDouble({ secret, port });
process.stdout.write(`onlyoffice double on ${double.url}\n`);
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    void double.close().then(() => process.exit(0));
  });
}
