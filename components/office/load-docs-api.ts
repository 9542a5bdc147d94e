/**
 * Loads the Document Server's `api.js` once per page (with the page's CSP nonce) and resolves to
 * its `DocsAPI`. A failed load (server down, blocked) rejects, and the next attempt loads again.
 */

export interface DocEditorInstance {
  destroyEditor: () => void;
}

export interface DocsApi {
  DocEditor: new (placeholderId: string, config: unknown) => DocEditorInstance;
}

declare global {
  interface Window {
    DocsAPI?: DocsApi;
  }
}

const pending = new Map<string, Promise<DocsApi>>();

export function loadDocsApi(
  documentServerUrl: string,
  nonce: string | undefined,
  timeoutMs = 20_000,
): Promise<DocsApi> {
  const src = `${documentServerUrl}/web-apps/apps/api/documents/api.js`;
  const existing = pending.get(src);
  if (existing) return existing;
  const loading = new Promise<DocsApi>((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.async = true;
    if (nonce) script.nonce = nonce;
    const timer = window.setTimeout(() => fail(new Error("api.js timed out")), timeoutMs);
    function fail(error: Error): void {
      window.clearTimeout(timer);
      script.remove();
      pending.delete(src);
      reject(error);
    }
    script.addEventListener("load", () => {
      window.clearTimeout(timer);
      if (window.DocsAPI) resolve(window.DocsAPI);
      else fail(new Error("api.js did not define DocsAPI"));
    });
    script.addEventListener("error", () => fail(new Error("api.js could not be loaded")));
    document.head.append(script);
  });
  pending.set(src, loading);
  return loading;
}
