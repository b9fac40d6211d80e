// The widget card tells the page that frames it its height and title, or that it has nothing
// to show (docs/widget.md). The data is public: any parent origin may read it.
(function () {
  "use strict";
  var root = document.documentElement;
  var cle = root.getAttribute("data-sirius-cle");
  if (window.parent === window) return;
  function post(message) {
    window.parent.postMessage(message, "*");
  }
  if (root.hasAttribute("data-sirius-empty")) {
    post({ type: "sirius:empty", cle: cle });
    return;
  }
  function resize() {
    var height = Math.ceil(root.getBoundingClientRect().height);
    post({ type: "sirius:resize", cle: cle, height: height, title: document.title });
  }
  if (window.ResizeObserver) new ResizeObserver(resize).observe(root);
  else window.addEventListener("resize", resize);
  window.addEventListener("load", resize);
  resize();
})();
