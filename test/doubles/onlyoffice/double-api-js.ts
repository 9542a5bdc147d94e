// The stand-in `web-apps/apps/api/documents/api.js`: defines `DocsAPI.DocEditor(placeholderId,
// config)` like the real one — it replaces the placeholder with an iframe of the editor (here the
// double's /double/editor page) and hands it the config by postMessage — and calls the config's
// `events.onAppReady` / `onDocumentReady` / `onError` when the editor reports them.
export function apiJs(origin: string): string {
  return `(function () {
  "use strict";
  var ORIGIN = ${JSON.stringify(origin)};
  function DocEditor(placeholderId, config) {
    var placeholder = document.getElementById(placeholderId);
    if (!placeholder) throw new Error("DocsAPI: no element #" + placeholderId);
    var events = (config && config.events) || {};
    var frame = document.createElement("iframe");
    frame.name = "frameEditor";
    frame.title = "ONLYOFFICE";
    frame.src = ORIGIN + "/double/editor";
    frame.setAttribute("allowfullscreen", "");
    frame.style.width = config.width || "100%";
    frame.style.height = config.height || "100%";
    frame.style.border = "0";
    frame.id = placeholderId;
    placeholder.replaceWith(frame);
    var send = function () {
      var plain = JSON.parse(JSON.stringify(config, function (key, value) { return key === "events" ? undefined : value; }));
      frame.contentWindow.postMessage({ type: "docsapi-config", config: plain }, ORIGIN);
    };
    frame.addEventListener("load", send);
    function onMessage(event) {
      if (event.origin !== ORIGIN || event.source !== frame.contentWindow) return;
      var data = event.data || {};
      if (data.type === "appReady" && events.onAppReady) events.onAppReady({});
      if (data.type === "documentReady" && events.onDocumentReady) events.onDocumentReady({});
      if (data.type === "error" && events.onError) events.onError({ data: { errorCode: data.code, errorDescription: data.description } });
    }
    window.addEventListener("message", onMessage);
    return {
      destroyEditor: function () {
        window.removeEventListener("message", onMessage);
        frame.remove();
      },
    };
  }
  window.DocsAPI = { DocEditor: DocEditor };
})();
`;
}

// The editor page inside the iframe: receives the config, asks its server to open the document
// (which verifies the token and downloads document.url, as the real Document Server does), then
// shows the document's title and size.
export const EDITOR_HTML = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>ONLYOFFICE (double)</title>
<style>body{font-family:sans-serif;margin:1rem}</style></head>
<body><main><h1>Éditeur OnlyOffice (double de test)</h1><p id="status" role="status">Chargement…</p>
<dl><dt>Titre</dt><dd id="title"></dd><dt>Taille</dt><dd id="size"></dd><dt>Mode</dt><dd id="mode"></dd><dt>Clé</dt><dd id="key"></dd></dl></main>
<script>
  var parentOrigin = null;
  window.parent.postMessage({ type: "appReady" }, "*");
  window.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.type !== "docsapi-config") return;
    parentOrigin = event.origin;
    fetch("/double/open", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ config: data.config }) })
      .then(function (response) { return response.json().then(function (body) { return { ok: response.ok, body: body }; }); })
      .then(function (result) {
        if (!result.ok) {
          document.getElementById("status").textContent = "Erreur : " + result.body.error;
          window.parent.postMessage({ type: "error", code: -1, description: result.body.error }, parentOrigin);
          return;
        }
        document.getElementById("status").textContent = "Document ouvert";
        document.getElementById("title").textContent = result.body.title;
        document.getElementById("size").textContent = result.body.size + " octets";
        document.getElementById("mode").textContent = result.body.mode;
        document.getElementById("key").textContent = result.body.key;
        window.parent.postMessage({ type: "documentReady" }, parentOrigin);
      });
  });
</script></body></html>`;
