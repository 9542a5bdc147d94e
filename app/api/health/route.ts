// GET /api/health – liveness: the process answers HTTP. Calls no backend on purpose, so that a
// down database or module never makes an orchestrator restart a healthy process (see /api/ready).
export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
