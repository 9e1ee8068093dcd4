// Preview only: reload the page when the site is rebuilt; show the validator's messages on an error.
(function () {
  "use strict";
  var version = Number(document.currentScript.getAttribute("data-version"));
  var edition = document.currentScript.getAttribute("data-edition") || "";
  var overlay = null;

  function show(message) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "preview-error";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:10000;" +
        "margin:0;padding:1em 1.5em;background:#fff3f3;color:#5f0000;border-top:4px solid #b00020;" +
        "font:14px/1.5 monospace;white-space:pre-wrap";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "The last edit was not published; the page shows the last good build.\n\n" + message;
  }

  function handle(state) {
    if (state.error) {
      version = state.version;
      show(state.error);
      return true;
    }
    if (state.version !== version) {
      window.location.reload();
      return false;
    }
    return true;
  }

  function poll(since) {
    var query = "?edition=" + encodeURIComponent(edition) + "&page=" + encodeURIComponent(location.pathname) +
      (since === null ? "" : "&since=" + since);
    fetch("/__preview__/state" + query, { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) { if (handle(state)) { poll(version); } })
      .catch(function () { setTimeout(function () { poll(version); }, 1000); });
  }

  poll(null);
})();
