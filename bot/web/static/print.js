/* The print view of a conversation: the print button (hidden until this script runs). */
(function () {
  "use strict";
  function init() {
    var button = document.getElementById("print-button");
    if (!button || typeof window.print !== "function") {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
