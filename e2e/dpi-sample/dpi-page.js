// The DPI page's script: asks its own backend for an editing session, frames the one-time embed
// URL, and speaks the portal's postMessage API — commands to the portal's exact origin only,
// events accepted only from the portal's frame at that origin. `window.dpi` exposes what happened
// to the end-to-end test.
(function () {
  "use strict";
  var PORTAL_ORIGIN = document.body.getAttribute("data-portal-origin");
  var slot = document.getElementById("frame-slot");
  var log = document.getElementById("events");
  var frame = null;
  var counter = 0;
  var state = { events: [], session: null, ignored: 0 };
  window.dpi = state;

  function show(line) {
    log.textContent += line + "\n";
  }

  function openFrame(url) {
    if (frame) frame.remove();
    frame = document.createElement("iframe");
    frame.id = "portal-frame";
    frame.name = "portal-editor";
    frame.title = "Compte-rendu d'hospitalisation (portail)";
    frame.src = url;
    slot.insertBefore(frame, slot.firstChild);
  }
  state.openFrame = openFrame;

  /** A hostile frame beside the editor (test): it posts forged commands to the portal's frame. */
  state.addForgingFrame = function (url) {
    var hostile = document.createElement("iframe");
    hostile.className = "hostile-frame";
    hostile.title = "cadre hostile";
    hostile.src = url;
    hostile.style.display = "none";
    slot.appendChild(hostile);
  };

  async function startSession(mode) {
    var response = await fetch("/api/discharge-summaries", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ mode: mode }),
    });
    if (!response.ok) {
      show("erreur de création : HTTP " + response.status);
      return;
    }
    state.session = await response.json();
    state.events = [];
    show("session " + state.session.sessionId);
    openFrame(state.session.embedUrl);
  }

  function send(command, extra) {
    if (!frame) return;
    counter += 1;
    var message = Object.assign(
      { type: "portal.embed", version: 1, command: command, requestId: "dpi-" + counter },
      extra,
    );
    frame.contentWindow.postMessage(message, PORTAL_ORIGIN);
  }
  state.send = send;

  window.addEventListener("message", function (event) {
    if (!frame || event.source !== frame.contentWindow || event.origin !== PORTAL_ORIGIN) {
      state.ignored += 1;
      return;
    }
    var data = event.data;
    if (!data || data.type !== "portal.embed" || data.version !== 1 || typeof data.event !== "string") return;
    state.events.push(data);
    show(data.event + (data.code ? " (" + data.code + (data.reason ? ": " + data.reason : "") + ")" : ""));
  });

  document.getElementById("new-summary").addEventListener("click", function () {
    void startSession("edit");
  });
  document.getElementById("view-summary").addEventListener("click", function () {
    void startSession("view");
  });
  document.getElementById("insert-results").addEventListener("click", function () {
    send("insertText", { text: "Hémoglobine 13,2 g/dL" });
  });
  document.getElementById("save").addEventListener("click", function () {
    send("save", { label: "Compte-rendu validé" });
  });
  document.getElementById("close").addEventListener("click", function () {
    send("close", {});
  });
})();
