/**
 * A Nextcloud server as the adapter sees it: its URLs, its deadline, and the few request shapes
 * it answers (WebDAV with a multistatus body, OCS JSON, raw streams). Holds no user state; each
 * call carries the caller's Authorization header.
 */
import "server-only";
import { z } from "zod";
import { AppError } from "@/server/errors";
import { parseMultistatus, type DavResponse } from "@/integrations/nextcloud/dav/multistatus";
import {
  discard,
  readText,
  sendNextcloudRequest,
  type NextcloudRequest,
  type NextcloudResponse,
} from "@/integrations/nextcloud/http/nextcloud-request";
import { openNextcloudDownload, type NextcloudDownload } from "@/integrations/nextcloud/http/nextcloud-download";
import { NextcloudUrls } from "@/integrations/nextcloud/http/nextcloud-urls";
import { nextcloudStatusError, type NextcloudOperation } from "@/integrations/nextcloud/http/status-errors";

export interface CallOptions {
  authorization?: string;
  headers?: Record<string, string | undefined>;
  body?: NextcloudRequest["body"];
  signal?: AbortSignal;
}

/** OCS answers: `{ ocs: { meta: { status, statuscode, message }, data } }`. */
const ZOcsEnvelope = z.object({
  ocs: z.object({
    meta: z.object({ statuscode: z.number().optional(), status: z.string().optional() }).loose(),
    data: z.unknown(),
  }),
});

const ZCurrentUser = z.object({ id: z.string().min(1).max(255) }).loose();

export class NextcloudClient {
  readonly urls: NextcloudUrls;
  readonly timeoutMs: number;

  constructor(options: { url: string; timeoutMs: number }) {
    this.urls = new NextcloudUrls(options.url);
    this.timeoutMs = options.timeoutMs;
  }

  /** Sends a request and returns the raw response (body unread). */
  send(method: string, url: URL, options: CallOptions = {}): Promise<NextcloudResponse> {
    return sendNextcloudRequest({
      method,
      url,
      headers: { authorization: options.authorization, ...options.headers },
      body: options.body,
      signal: options.signal,
      timeoutMs: this.timeoutMs,
    });
  }

  /** A streamed GET of file content (nextcloud-download.ts: undici, for the portal's memory). */
  download(url: URL, options: Omit<CallOptions, "body"> = {}): Promise<NextcloudDownload> {
    return openNextcloudDownload({
      url,
      headers: { authorization: options.authorization, ...options.headers },
      signal: options.signal,
      timeoutMs: this.timeoutMs,
    });
  }

  /** A request whose answer must be 2xx (body discarded); otherwise the mapped AppError. */
  async expectOk(
    method: string,
    url: URL,
    operation: NextcloudOperation,
    options: CallOptions = {},
  ): Promise<NextcloudResponse> {
    const response = await this.send(method, url, options);
    discard(response.body);
    if (response.status < 200 || response.status >= 300) throw nextcloudStatusError(response.status, operation);
    return response;
  }

  /** PROPFIND / PROPPATCH / REPORT / SEARCH: a 207 multistatus, parsed. */
  async multistatus(
    method: "PROPFIND" | "PROPPATCH" | "REPORT" | "SEARCH",
    url: URL,
    xml: string,
    operation: NextcloudOperation,
    options: CallOptions & { depth?: "0" | "1" } = {},
  ): Promise<DavResponse[]> {
    const response = await this.send(method, url, {
      ...options,
      headers: {
        ...options.headers,
        "content-type": "application/xml; charset=utf-8",
        depth: options.depth,
      },
      body: xml,
    });
    if (response.status !== 207) {
      discard(response.body);
      throw nextcloudStatusError(response.status, operation);
    }
    return parseMultistatus(await readText(response.body));
  }

  /** An OCS call: JSON in and out, `OCS-APIRequest: true` (mandatory, Nextcloud's CSRF guard). */
  async ocs(
    method: string,
    url: URL,
    operation: NextcloudOperation,
    options: CallOptions & { json?: unknown } = {},
  ): Promise<unknown> {
    const response = await this.send(method, url, {
      ...options,
      headers: {
        ...options.headers,
        "ocs-apirequest": "true",
        accept: "application/json",
        ...(options.json === undefined ? {} : { "content-type": "application/json" }),
      },
      body: options.json === undefined ? undefined : JSON.stringify(options.json),
    });
    const text = await readText(response.body, 8 * 1024 * 1024);
    if (response.status < 200 || response.status >= 300) throw nextcloudStatusError(response.status, operation);
    let parsed: z.infer<typeof ZOcsEnvelope>;
    try {
      parsed = ZOcsEnvelope.parse(JSON.parse(text));
    } catch (error) {
      throw new AppError("BACKEND_UNAVAILABLE", { userMessage: "Nextcloud's answer could not be read", cause: error });
    }
    // v2 mirrors the HTTP status in statuscode; anything else than 200 is a refusal.
    const code = parsed.ocs.meta.statuscode;
    if (code !== undefined && code !== 200 && code !== 100) throw nextcloudStatusError(code, operation);
    return parsed.ocs.data;
  }

  /** The Nextcloud user id behind a credential (`GET /ocs/v2.php/cloud/user`). */
  async currentUserId(authorization: string, signal?: AbortSignal): Promise<string> {
    const data = await this.ocs("GET", this.urls.ocs("/cloud/user"), "user", { authorization, signal });
    const parsed = ZCurrentUser.safeParse(data);
    if (!parsed.success || /[/\\\0]/.test(parsed.data.id) || parsed.data.id === "." || parsed.data.id === "..") {
      throw new AppError("BACKEND_UNAVAILABLE", { userMessage: "Nextcloud's answer could not be read" });
    }
    return parsed.data.id;
  }
}
