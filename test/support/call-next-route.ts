// Calling a Next route handler (app/api/**/route.ts) the way Next does, as a chosen signed-in user,
// for integration tests of JSON routes: a Request with the JSON body, the dynamic params, and the
// answer's status and parsed body back.
//
// The handler finds its user through server/auth/current-user, which reads Next's request cookies.
// A test file replaces that module with this one, so the user is whoever the call names:
//
//   vi.mock("@/server/auth/current-user", () => import("@/test/support/call-next-route"));
//
// (Without that line every call answers 401.) This module imports nothing of the server, so the
// mock can load it before the test database and the configuration are set up.
import type { PortalUser } from "@/server/auth/portal-user";
import type { SignedInUser } from "@/test/support/signed-in-user";

export type NextRouteHandler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

/** The JSON error every route answers with (server/errors.ts). */
export interface RouteErrorBody {
  error?: { code: string; message: string; issues?: Array<{ path: string }> };
}

export interface RouteAnswer<Body> {
  status: number;
  /** The parsed JSON body, `{}` for an empty one (204). */
  body: Body;
}

let currentUser: PortalUser | null = null;

/** Stands in for server/auth/current-user's getCurrentUser: the user of the call in progress. */
export function getCurrentUser(): Promise<PortalUser | null> {
  return Promise.resolve(currentUser);
}

export interface NextRouteCall {
  method: string;
  /** Path and query, resolved against http://localhost:3000. */
  url: string;
  params?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is (malformed JSON, for the refusals); wins over `body`. */
  rawBody?: string;
}

export async function callNextRoute<Body = RouteErrorBody & Record<string, unknown>>(
  as: SignedInUser | null,
  handler: NextRouteHandler | undefined,
  options: NextRouteCall,
): Promise<RouteAnswer<Body>> {
  if (!handler) throw new Error(`the route has no ${options.method} handler`);
  currentUser = as?.user ?? null;
  const raw = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await handler(
    new Request(new URL(options.url, "http://localhost:3000"), {
      method: options.method,
      headers: raw === undefined ? {} : { "content-type": "application/json" },
      body: raw,
    }),
    { params: Promise.resolve(options.params ?? {}) },
  );
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Body };
}
