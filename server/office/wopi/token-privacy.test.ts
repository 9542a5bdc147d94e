// Access tokens never reach logs or metrics: the request log and metrics label a request by its
// route, never its URL, and a WOPI URL (path with a file id, query with the token) becomes the
// fixed label "other"; the request log line is built from chosen fields only.
import { describe, expect, it } from "vitest";
import { createRouteLabeler, OTHER_ROUTE } from "@/server/http/route-label";

describe("WOPI tokens and logs", () => {
  it("labels /wopi URLs without their file id or access_token", () => {
    const labeler = createRouteLabeler(["/api/health", "/files", "/office/[fileId]"]);
    const token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
    for (const url of [
      `/wopi/files/4f0c6a1e-0000-4000-8000-000000000001?access_token=${token}`,
      `/wopi/files/42/contents?access_token=${token}&access_token_ttl=0`,
    ]) {
      const label = labeler.labelUrl(url);
      expect(label).toBe(OTHER_ROUTE);
      expect(label).not.toContain(token);
    }
  });
});
