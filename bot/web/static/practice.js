/* Practice session page: after each turn the page reloads, and a live region that is
 * already filled on load is not read out. So the persona's latest reply is put into an
 * empty status region just after load: screen readers announce it. */
(function () {
  "use strict";
  function announce() {
    var status = document.getElementById("persona-reply");
    var last = document.getElementById("laatste");
    if (!status || !last || !last.classList.contains("coach")) {
      return;
    }
    var who = last.querySelector(".who");
    var text = last.textContent.slice(who ? who.textContent.length : 0).trim();
    window.setTimeout(function () {
      status.textContent = (who ? who.textContent + ": " : "") + text;
    }, 300);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", announce);
  } else {
    announce();
  }
})();
