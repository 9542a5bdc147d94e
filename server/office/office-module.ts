/**
 * The office module: DOCX, XLSX, PPTX and ODF files opened from Files in an online editor, either
 * the OnlyOffice Document Server (Docs API, integrations/onlyoffice) or any WOPI client
 * (server/office/wopi). Enabled when one of them is configured; it has no navigation entry of its
 * own (documents are opened from Files) and its health is the configured editors' health.
 */
import "server-only";
import type { HealthResult, PortalModule } from "@/server/modules/types";
import type { TEnv } from "@/server/env";
import { isOfficeConfigured } from "@/server/office/choose-editor";

async function probe(url: string, signal: AbortSignal): Promise<HealthResult> {
  try {
    const response = await fetch(url, { signal, redirect: "manual" });
    await response.body?.cancel();
    return response.ok ? { state: "up" } : { state: "down", reason: `http ${response.status}` };
  } catch {
    return { state: "down", reason: signal.aborted ? "timeout" : "connection refused" };
  }
}

export async function officeHealth(config: TEnv, signal: AbortSignal): Promise<HealthResult> {
  const checks: Array<Promise<HealthResult>> = [];
  // The Document Server answers `true` on /healthcheck when its services are up.
  if (config.ONLYOFFICE_URL && config.ONLYOFFICE_JWT_SECRET)
    checks.push(probe(`${config.ONLYOFFICE_URL}/healthcheck`, signal));
  if (config.WOPI_DISCOVERY_URL) checks.push(probe(config.WOPI_DISCOVERY_URL, signal));
  const results = await Promise.all(checks);
  const down = results.filter((result) => result.state !== "up");
  if (down.length === 0) return { state: "up" };
  if (down.length < results.length) return { state: "degraded", reason: down[0]?.reason };
  return { state: "down", reason: down[0]?.reason };
}

export const officeModule: PortalModule = {
  id: "office",
  isEnabled: isOfficeConfigured,
  health: officeHealth,
};
