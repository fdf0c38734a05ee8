/* Overstap werkplek: small enhancements; every page works without them.
 * - Copy buttons: <button data-copy="ID"> copies the value of the field with that id.
 */
(function () {
  "use strict";

  var TEXT = { copied: "Gekopieerd.", failed: "Kopiëren lukte niet: selecteer de tekst en kopieer hem zelf." };

  function fallbackCopy(field) {
    field.focus();
    field.select();
    try {
      return document.execCommand("copy");
    } catch (e) {
      return false;
    }
  }

  function initCopyButtons() {
    var buttons = document.querySelectorAll("button[data-copy]");
    Array.prototype.forEach.call(buttons, function (button) {
      var field = document.getElementById(button.getAttribute("data-copy"));
      var box = button.closest(".newlink");
      var status = box ? box.querySelector(".copy-status") : null;
      if (!field) {
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        function done(ok) {
          if (status) {
            status.textContent = ok ? TEXT.copied : TEXT.failed;
          }
        }
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(field.value).then(function () { done(true); }, function () {
            done(fallbackCopy(field));
          });
        } else {
          done(fallbackCopy(field));
        }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initCopyButtons);
  } else {
    initCopyButtons();
  }
})();
