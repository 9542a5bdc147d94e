// GET /api/ready – readiness: the database and each enabled module's backend, checked in parallel
// under a deadline. 200 "ready" or "degraded" while the database is up, 503 "unavailable" otherwise.
import { env } from "@/server/env";
import { toErrorResponse } from "@/server/errors";
import { getEnabledModules } from "@/server/modules/registry";
import { checkReadiness } from "@/server/observability/check-readiness";

export async function GET(): Promise<Response> {
  try {
    const config = env();
    const { httpStatus, report } = await checkReadiness({ config, modules: getEnabledModules(config) });
    return Response.json(report, { status: httpStatus, headers: { "cache-control": "no-store" } });
  } catch (error: unknown) {
    return toErrorResponse(error);
  }
}
