/**
 * The process's WOPI host parts, built from the configuration on first use: the discovery cache,
 * the token service and the host itself. None when WOPI_DISCOVERY_URL is not set (the WOPI
 * routes then answer 503 and openWopiSession refuses). Rebuilt when the configuration object
 * changes (tests switch it); state lives in the database, these are only handles and a cache.
 */
import "server-only";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { db } from "@/server/db/client";
import { env, portalUrl, type TEnv } from "@/server/env";
import { getFileStorage } from "@/server/files/get-file-storage";
import { createWopiTokenService, type WopiTokenService } from "@/server/office/wopi/access-token";
import { createProofChecker } from "@/server/office/wopi/proof-check";
import { createWopiHost, type WopiHost } from "@/server/office/wopi/wopi-host";
import { createDiscoverySource, type DiscoverySource } from "@/integrations/wopi/discovery";

export interface WopiServices {
  discovery: DiscoverySource;
  tokens: WopiTokenService;
  host: WopiHost;
  /** WOPI_HOST_URL, else PORTAL_URL, without a trailing slash. */
  hostUrl: string;
}

let cached: { config: TEnv; services: WopiServices } | undefined;

/** WOPI_HOST_URL, else PORTAL_URL (or http://localhost:PORT), without a trailing slash. */
export function wopiHostUrl(config: TEnv): string {
  return (config.WOPI_HOST_URL ?? portalUrl(config)).replace(/\/+$/, "");
}

export function wopiServices(config: TEnv = env()): WopiServices | null {
  if (!config.WOPI_DISCOVERY_URL) return null;
  if (cached?.config === config) return cached.services;
  const hostUrl = wopiHostUrl(config);
  const discovery = createDiscoverySource({ url: config.WOPI_DISCOVERY_URL });
  const tokens = createWopiTokenService({
    authSecret: config.AUTH_SECRET,
    ttlSeconds: config.WOPI_TOKEN_TTL_SECONDS,
    db,
  });
  const host = createWopiHost({
    db,
    storage: getFileStorage,
    tokens,
    proof: createProofChecker({ discovery, hostUrl, now: Date.now }),
    now: Date.now,
    hostUrl,
    portalUrl: portalUrl(config),
    brandName: config.INSTITUTION_NAME,
    maxUploadBytes: config.FILES_MAX_UPLOAD_BYTES,
    audit: recordAuditEvent,
  });
  const services = { discovery, tokens, host, hostUrl };
  cached = { config, services };
  return services;
}
