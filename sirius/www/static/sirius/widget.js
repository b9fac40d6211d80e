// Sirius widget loader (docs/widget.md): each <div data-sirius-formation="CLE" data-format="score|list">
// of the host page gets an iframe of Sirius's card, sized to its content. No dependency, no eval,
// no inline style sheet: it runs under a strict Content-Security-Policy.
(function () {
  "use strict";
  var script = document.currentScript || document.querySelector('script[src$="/widget.js"]');
  if (!script || !window.URL) return;
  var origin = new URL(script.src, document.baseURI).origin;
  var mounted = [];

  function mount(element) {
    var cle = element.getAttribute("data-sirius-formation");
    element.setAttribute("data-sirius-ready", "");
    if (!cle) return;
    var format = element.getAttribute("data-format") === "list" ? "list" : "score";
    var iframe = document.createElement("iframe");
    iframe.src = origin + "/widget/formations/" + encodeURIComponent(cle) + "/?format=" + format;
    iframe.title = "Avis des apprentis sur Sirius";
    iframe.loading = "lazy";
    iframe.width = "100%";
    iframe.style.border = "0";
    iframe.style.display = "block";
    iframe.style.width = "100%";
    element.textContent = "";
    element.appendChild(iframe);
    mounted.push({ element: element, iframe: iframe, cle: cle });
  }

  function scan() {
    var elements = document.querySelectorAll("[data-sirius-formation]:not([data-sirius-ready])");
    for (var i = 0; i < elements.length; i++) mount(elements[i]);
  }

  function mountedFor(source) {
    for (var i = 0; i < mounted.length; i++) {
      if (mounted[i].iframe.contentWindow === source) return mounted[i];
    }
    return null;
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || typeof data !== "object") return;
    var widget = mountedFor(event.source);
    if (!widget || data.cle !== widget.cle) return;
    if (data.type === "sirius:resize" && typeof data.height === "number" && data.height > 0) {
      widget.iframe.style.height = Math.ceil(data.height) + "px";
      // The card's own title names the formation: each frame of the page gets a distinct one.
      if (typeof data.title === "string" && data.title) widget.iframe.title = data.title;
    } else if (data.type === "sirius:empty") {
      if (widget.iframe.parentNode) widget.iframe.parentNode.removeChild(widget.iframe);
      mounted.splice(mounted.indexOf(widget), 1);
      widget.element.dispatchEvent(
        new CustomEvent("sirius:empty", { bubbles: true, detail: { formation: widget.cle } })
      );
    }
  });

  window.SiriusWidget = { scan: scan };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
  else scan();
})();
