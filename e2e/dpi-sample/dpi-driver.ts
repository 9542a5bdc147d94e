/**
 * The DPI sample page as the end-to-end tests and the benchmark drive it: its buttons, the
 * postMessage events it received (`window.dpi.events`), the portal's iframe, and its backend's
 * test endpoints (webhooks received, the document fetched through the export API).
 */
import type { APIRequestContext, FrameLocator, Page } from "@playwright/test";

export interface EmbedEventMessage {
  type: "portal.embed";
  version: 1;
  event: string;
  code?: string;
  reason?: string;
  requestId?: string;
  versionId?: string;
  mode?: string;
}

export interface DpiSession {
  sessionId: string;
  documentId: string;
  embedUrl: string;
}

export interface DpiWebhooks {
  accepted: Array<{ id: string; type: string; sessionId: string; documentId: string; reference: string }>;
  refused: Array<{ reason: string }>;
}

export class DpiPage {
  readonly frame: FrameLocator;

  constructor(
    readonly page: Page,
    readonly origin: string,
  ) {
    this.frame = page.frameLocator("#portal-frame");
  }

  async open(): Promise<void> {
    await this.page.goto(`${this.origin}/`);
  }

  events(): Promise<EmbedEventMessage[]> {
    return this.page.evaluate(() => (window as unknown as { dpi: { events: EmbedEventMessage[] } }).dpi.events);
  }

  async eventNames(): Promise<string[]> {
    return (await this.events()).map((event) => event.event);
  }

  session(): Promise<DpiSession | null> {
    return this.page.evaluate(() => (window as unknown as { dpi: { session: DpiSession | null } }).dpi.session);
  }

  /** Frames a URL in place of the editor (a reused launch URL, in the tests). */
  openFrame(url: string): Promise<void> {
    return this.page.evaluate(
      (src) => (window as unknown as { dpi: { openFrame(u: string): void } }).dpi.openFrame(src),
      url,
    );
  }

  addForgingFrame(url: string): Promise<void> {
    return this.page.evaluate(
      (src) => (window as unknown as { dpi: { addForgingFrame(u: string): void } }).dpi.addForgingFrame(src),
      url,
    );
  }

  editor() {
    return this.frame.getByTestId("document-editor").locator(".ProseMirror");
  }

  button(name: string) {
    return this.page.getByRole("button", { name, exact: true });
  }
}

export async function dpiWebhooks(request: APIRequestContext, origin: string): Promise<DpiWebhooks> {
  const response = await request.get(`${origin}/test/webhooks`);
  return (await response.json()) as DpiWebhooks;
}
