/**
 * The OnlyOffice part of the configuration, or null when it is not configured: the Document
 * Server's URL and shared secret, and the portal's URL as the Document Server reaches it
 * (ONLYOFFICE_PORTAL_URL; often an internal address, PORTAL_URL when absent).
 */
import "server-only";
import { portalUrl, type TEnv } from "@/server/env";

export interface OnlyOfficeSettings {
  documentServerUrl: string;
  secret: string;
  /** Base of the download and callback URLs given to the Document Server. */
  portalUrlForDocumentServer: string;
  /** AUTH_SECRET, from which the portal's own link tokens are derived. */
  authSecret: string;
}

export function onlyOfficeSettings(config: TEnv): OnlyOfficeSettings | null {
  if (!config.ONLYOFFICE_URL || !config.ONLYOFFICE_JWT_SECRET) return null;
  return {
    documentServerUrl: config.ONLYOFFICE_URL,
    secret: config.ONLYOFFICE_JWT_SECRET,
    portalUrlForDocumentServer: config.ONLYOFFICE_PORTAL_URL ?? portalUrl(config),
    authSecret: config.AUTH_SECRET,
  };
}
