/**
 * What the custom server (server/http/portal-server.ts) tells the routes it fronts, in the same
 * process: whether it is there at all, whether it is draining for shutdown, and the name of the
 * trusted header that carries the TCP peer's address.
 *
 * Why a header and a flag: a route handler sees a Web `Request`, without the socket. The custom
 * server deletes any incoming copy of PEER_ADDRESS_HEADER and sets its own, so the value can be
 * trusted, but only when the custom server is in front: under `next dev` or `next start` nobody
 * strips it and a client could claim to be 127.0.0.1. Hence the flag, which only the custom server
 * sets; without it the header is ignored.
 *
 * Why globalThis: the custom server and the routes' Next bundles each evaluate this file once.
 * Why no `import "server-only"`: the custom server imports it (see server/observability/metrics.ts).
 */

/** Request header set by the custom server to the TCP peer's address (never a client's claim). */
export const PEER_ADDRESS_HEADER = "x-portal-peer-address";

/**
 * Request header set by the custom server to "1" when the incoming request carried a forwarding
 * header (Forwarded, X-Forwarded-For, X-Real-IP), i.e. a proxy relayed it for someone else, and
 * "0" otherwise. Needed because Next itself adds X-Forwarded-For to every request it handles, so
 * a route can no longer tell a relayed request from a direct one.
 */
export const PEER_RELAYED_HEADER = "x-portal-peer-relayed";

/** Headers a reverse proxy adds to say it relays someone else's request. */
export const FORWARDING_HEADERS = ["forwarded", "x-forwarded-for", "x-real-ip"] as const;

/** Correlates a request's log line, its response and the logs of the routes it reaches. */
export const REQUEST_ID_HEADER = "x-request-id";

interface PortalServerState {
  /** True once a custom server in this process strips and sets PEER_ADDRESS_HEADER. */
  frontsRequests: boolean;
  /** True from SIGTERM on: readiness answers 503 so the load balancer stops sending traffic. */
  draining: boolean;
}

const holder = globalThis as typeof globalThis & { __portalServerState?: PortalServerState };

export function getPortalServerState(): PortalServerState {
  holder.__portalServerState ??= { frontsRequests: false, draining: false };
  return holder.__portalServerState;
}

/** The TCP peer's address of a request, or null when no custom server vouches for it. */
export function readTrustedPeerAddress(headers: Headers): string | null {
  if (!getPortalServerState().frontsRequests) return null;
  const value = headers.get(PEER_ADDRESS_HEADER);
  return value && value.length > 0 ? value : null;
}

/**
 * True when the custom server vouches that the request came straight from this machine: a loopback
 * peer, not relayed by a proxy. A reverse proxy on the same machine (nginx in front of the portal)
 * makes every visitor arrive from 127.0.0.1, but it adds a forwarding header the visitor cannot
 * remove.
 */
export function isTrustedLocalCaller(headers: Headers): boolean {
  const peer = readTrustedPeerAddress(headers);
  return peer !== null && isLoopbackAddress(peer) && headers.get(PEER_RELAYED_HEADER) === "0";
}

/** True for 127.0.0.0/8 and ::1, in plain or IPv4-mapped form. */
export function isLoopbackAddress(address: string): boolean {
  const plain = address.toLowerCase().replace(/^::ffff:/, "");
  return plain === "::1" || /^127(\.\d{1,3}){3}$/.test(plain);
}
