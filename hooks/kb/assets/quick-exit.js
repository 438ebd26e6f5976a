// Quick exit: the "Leave this site" link in the help bar, and Escape pressed twice quickly, go to a
// neutral page with location.replace, so Back does not return here. Without JS the link still works.
(function () {
  "use strict";

  var DOUBLE_PRESS_MS = 700;
  var lastEscape = 0;

  function exitLink() {
    return document.querySelector("a[data-kb-quick-exit]");
  }

  function leave(link) {
    document.documentElement.style.visibility = "hidden"; // nothing readable stays on screen while the next page loads
    window.location.replace(link.href);
  }

  // Capture, so this runs before any other click handler (such as instant navigation).
  document.addEventListener(
    "click",
    function (event) {
      var link = event.target instanceof Element ? event.target.closest("a[data-kb-quick-exit]") : null;
      if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      leave(link);
    },
    true
  );

  // The first Escape still reaches the page (it closes search); only a quick second one leaves.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.repeat) return;
    var now = Date.now();
    var link = exitLink();
    if (link && now - lastEscape < DOUBLE_PRESS_MS) {
      leave(link);
    }
    lastEscape = now;
  });
})();
