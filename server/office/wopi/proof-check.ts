/**
 * The proof-key check of every WOPI call (integrations/wopi/proof-keys.ts does the cryptography):
 *
 *   - the URL checked is the one the client called, rebuilt from WOPI_HOST_URL (else PORTAL_URL,
 *     the origin the client was given in WOPISrc) and the request's own path and query, byte for
 *     byte as received (the token in it is never decoded and re-encoded);
 *   - when the discovery document publishes a proof-key, every call must carry a valid proof; a
 *     failure is refetching discovery ONCE (the client may have rotated its keys) and trying again,
 *     then a refusal: HTTP 500 with a JSON body naming the reason, as the WOPI validator expects;
 *   - when it publishes none (some Collabora and OnlyOffice setups), calls are accepted on the
 *     access token alone, and that is logged (never the token) so an operator can see it.
 */
import "server-only";
import { AppError } from "@/server/errors";
import { logger } from "@/server/log";
import { DiscoveryError, type DiscoverySource, type WopiDiscovery } from "@/integrations/wopi/discovery";
import { verifyProof, type ProofVerdict } from "@/integrations/wopi/proof-keys";

export interface ProofCheckInput {
  accessToken: string;
  /** The request target as received: path and query (`/wopi/files/1?access_token=…`). */
  pathAndQuery: string;
  headers: { timestamp?: string; proof?: string; proofOld?: string };
}

export interface ProofChecker {
  /** Resolves when the call may proceed; throws AppError INTERNAL (500) when its proof fails. */
  check(input: ProofCheckInput): Promise<void>;
}

/** One "client does not sign" line per process and hour is enough. */
const UNSIGNED_LOG_INTERVAL_MS = 60 * 60 * 1000;

export function createProofChecker(options: {
  discovery: DiscoverySource;
  /** WOPI_HOST_URL, else PORTAL_URL: scheme, host and any base path, without a trailing slash. */
  hostUrl: string;
  now: () => number;
}): ProofChecker {
  const base = options.hostUrl.replace(/\/+$/, "");
  let lastUnsignedLog = Number.NEGATIVE_INFINITY;

  async function discovery(refresh: boolean): Promise<WopiDiscovery> {
    try {
      return await (refresh ? options.discovery.refresh() : options.discovery.get());
    } catch (error) {
      const detail = error instanceof DiscoveryError ? error.message : "it could not be fetched";
      throw new AppError("INTERNAL", {
        userMessage: `the WOPI proof could not be checked: the client's discovery document is unavailable (${detail})`,
        cause: error,
      });
    }
  }

  return {
    async check(input) {
      const known = await discovery(false);
      if (!known.proofKeys) {
        if (options.now() - lastUnsignedLog > UNSIGNED_LOG_INTERVAL_MS) {
          lastUnsignedLog = options.now();
          logger.warn(
            { component: "wopi", signed: Boolean(input.headers.proof) },
            "WOPI client publishes no proof-key: calls are accepted on their access token alone",
          );
        }
        return;
      }
      const request = {
        accessToken: input.accessToken,
        url: `${base}${input.pathAndQuery}`,
        timestamp: input.headers.timestamp,
        proof: input.headers.proof,
        proofOld: input.headers.proofOld,
      };
      let verdict: ProofVerdict = verifyProof(request, known.proofKeys, options.now());
      if (!verdict.ok && verdict.reason === "signature-mismatch") {
        const fresh = await discovery(true);
        if (fresh !== known && fresh.proofKeys) verdict = verifyProof(request, fresh.proofKeys, options.now());
      }
      if (verdict.ok) return;
      logger.warn({ component: "wopi", reason: verdict.reason }, "WOPI proof refused");
      throw new AppError("INTERNAL", { userMessage: `WOPI proof refused: ${verdict.reason}` });
    },
  };
}
