/**
 * The sample vendor's pages: the "DPI" patient record (a header, the discharge-summary button, the
 * portal's iframe, the vendor's own buttons sending postMessage commands, and the events received),
 * a page that frames a given portal URL (served from the unregistered origin: the browser must
 * refuse to render the portal in it), and a page that posts forged commands to its parent's first
 * frame (a hostile frame next to the editor: the editor must ignore it).
 *
 * The DPI page's script is dpi-page.js, a plain browser script as a vendor would write it.
 */

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function dpiPage(portalOrigin: string): string {
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>DPI de démonstration</title>
<style>
  body { font-family: sans-serif; margin: 0; }
  header { background: #0b3d5c; color: #fff; padding: 8px 16px; }
  main { display: grid; grid-template-columns: 1fr 18rem; gap: 12px; padding: 12px; }
  iframe { width: 100%; height: 80vh; border: 1px solid #888; }
  button { margin: 2px; }
  #events { font-family: monospace; font-size: 12px; white-space: pre-wrap; }
</style></head>
<body data-portal-origin="${escapeHtml(portalOrigin)}">
<header><strong>DPI de démonstration</strong> — Patient : DUPONT Jeanne, née le 02/03/1950 — Séjour SEJ-2026-0042</header>
<main>
  <section>
    <button id="new-summary" type="button">Rédiger le compte-rendu d'hospitalisation</button>
    <button id="view-summary" type="button">Consulter (lecture seule)</button>
    <div id="frame-slot"></div>
  </section>
  <aside>
    <h2>Commandes</h2>
    <button id="insert-results" type="button">Insérer les résultats de biologie</button>
    <button id="save" type="button">Enregistrer</button>
    <button id="close" type="button">Fermer</button>
    <h2>Événements reçus</h2>
    <div id="events" role="log"></div>
  </aside>
</main>
<script src="/dpi-page.js"></script>
</body></html>`;
}

export function framingPage(src: string): string {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Page tierce</title></head>
<body><h1>Page d'un site non enregistré</h1>
<iframe id="portal-frame" title="portail" src="${escapeHtml(src)}" style="width:100%;height:70vh"></iframe>
</body></html>`;
}

/** Posts forged commands to the parent's first frame (the portal's iframe in the DPI page). */
export function forgingPage(): string {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Cadre hostile</title></head>
<body><script>
  var target = window.parent.frames[0];
  var forged = [
    { type: "portal.embed", version: 1, command: "insertText", text: "TEXTE-PIRATE", requestId: "forged-1" },
    { type: "portal.embed", version: 1, command: "close", requestId: "forged-2" }
  ];
  forged.forEach(function (message) { target.postMessage(message, "*"); });
  document.body.setAttribute("data-sent", String(forged.length));
</script></body></html>`;
}
