/**
 * The sample vendor's client of the portal's PUBLIC embedding API — what a DPI vendor writes, and
 * nothing more: OAuth2 client credentials (client_secret_basic) for a short-lived bearer token,
 * then /api/embed/v1/sessions and /api/embed/v1/documents/{id}. It shares no code with the portal.
 */

export interface PortalApiOptions {
  portalUrl: string;
  clientId: string;
  clientSecret: string;
}

export interface CreatedSession {
  sessionId: string;
  documentId: string;
  embedUrl: string;
  expiresAt: string;
}

export class PortalApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`portal API answered ${status}`);
  }
}

export class PortalApiClient {
  private token: { value: string; expiresAt: number } | null = null;

  constructor(private readonly options: PortalApiOptions) {}

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt - Date.now() > 30_000) return this.token.value;
    const basic = Buffer.from(
      `${encodeURIComponent(this.options.clientId)}:${encodeURIComponent(this.options.clientSecret)}`,
    ).toString("base64");
    const response = await fetch(`${this.options.portalUrl}/api/embed/v1/oauth/token`, {
      method: "POST",
      headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials" }).toString(),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (!response.ok) throw new PortalApiError(response.status, text);
    const body = JSON.parse(text) as { access_token: string; expires_in: number };
    this.token = { value: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
    return body.access_token;
  }

  /** A call with the bearer token; one retry with a fresh token if the portal says it expired. */
  async call(path: string, init: RequestInit = {}): Promise<Response> {
    for (let attempt = 0; ; attempt += 1) {
      const response = await fetch(`${this.options.portalUrl}${path}`, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${await this.accessToken()}` },
        signal: AbortSignal.timeout(60_000),
      });
      if (response.status !== 401 || attempt > 0) return response;
      this.token = null;
    }
  }

  async createSession(body: unknown): Promise<CreatedSession> {
    const response = await this.call("/api/embed/v1/sessions", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status !== 201 && response.status !== 200) throw new PortalApiError(response.status, text);
    return JSON.parse(text) as CreatedSession;
  }
}
