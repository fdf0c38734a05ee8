/* Overstap chat page. Plain JavaScript, no framework, no external resources.
 *
 * - conversation_id: random, kept in sessionStorage (one conversation per browser tab) on
 *   the open chat; on a personal chat link in localStorage, so the link opened again in a
 *   new tab continues the open conversation, until it has been idle as long as the coach's
 *   session (data-idle-minutes; after that the coach starts a new conversation anyway).
 * - client_id: random pseudonymous id, kept in localStorage.
 * - The shown log is kept next to the conversation_id so a reload shows the conversation so far.
 * - Messages are always rendered with textContent, never as HTML.
 */
(function () {
  "use strict";

  // Each personal chat link keeps its own conversation state (data-storage-scope).
  var chatRoot = document.getElementById("chat");
  var SCOPE = (chatRoot && chatRoot.getAttribute("data-storage-scope")) || "";
  var KEY_CONVERSATION = "overstap." + SCOPE + "conversationId";
  var KEY_LOG = "overstap." + SCOPE + "log";
  var KEY_CLIENT = "overstap." + SCOPE + "clientId";
  var KEY_ACTIVE = "overstap." + SCOPE + "lastActive";
  var IDLE_MS = (parseInt(chatRoot && chatRoot.getAttribute("data-idle-minutes"), 10) || 60) * 60000;
  var ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
  var GREET = "/greet";
  // The longest message the coach reads (data-max-chars, the server's input guard); the
  // page refuses longer ones itself, so the page and the coach agree on one limit.
  var COUNTER_FROM_SHARE = 0.9;  // show the counter from 90 % of the limit on
  var CLIENT_TIMEOUT_MS = 60000;

  // User-facing texts (Dutch).
  var TEXT = {
    you: "U: ",
    coach: "Coach: ",
    typing: "Coach typt…",
    tooLong: "Uw bericht is te lang. Maak het wat korter, of stuur het in een paar kortere berichten.",
    generic: "Er ging iets mis. Uw bericht is niet verloren: probeer het zo nog eens.",
    network: "Er is nu geen verbinding met de coach. Controleer uw internetverbinding. " +
      "Uw bericht is niet verloren: probeer het zo nog eens.",
    timeout: "De coach reageert nu niet. Uw bericht is niet verloren: probeer het zo nog eens.",
    retry: "Opnieuw proberen",
    confirmNew: "Wilt u een nieuw gesprek beginnen? Het huidige gesprek verdwijnt dan van dit scherm."
  };

  function formatNumber(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  function counterText(count, max) {
    if (count > max) {
      return "Uw bericht is te lang: " + formatNumber(count) + " tekens. Het maximum is " +
        formatNumber(max) + " tekens.";
    }
    return formatNumber(count) + " van " + formatNumber(max) + " tekens";
  }

  // --- Storage (falls back to memory when storage is blocked) ---------------------------
  function memoryStorage() {
    var data = {};
    return {
      getItem: function (k) { return Object.prototype.hasOwnProperty.call(data, k) ? data[k] : null; },
      setItem: function (k, v) { data[k] = String(v); },
      removeItem: function (k) { delete data[k]; }
    };
  }

  function openStorage(name) {
    try {
      var storage = window[name];
      var probe = "overstap.probe";
      storage.setItem(probe, probe);
      storage.removeItem(probe);
      return storage;
    } catch (e) {
      return memoryStorage();
    }
  }

  function safeSet(storage, key, value) {
    try {
      storage.setItem(key, value);
    } catch (e) {
      /* quota exceeded or blocked: the page keeps working without persistence */
    }
  }

  var session = openStorage("sessionStorage");
  var local = openStorage("localStorage");
  // Where the conversation lives: per tab on the open chat, per link on a personal link.
  var conversationStore = SCOPE ? local : session;

  function forgetIdleConversation() {
    var last = parseInt(conversationStore.getItem(KEY_ACTIVE), 10);
    if (SCOPE && (!last || Date.now() - last > IDLE_MS)) {
      conversationStore.removeItem(KEY_CONVERSATION);
      conversationStore.removeItem(KEY_LOG);
    }
  }

  function touch() {
    safeSet(conversationStore, KEY_ACTIVE, String(Date.now()));
  }

  // --- Ids --------------------------------------------------------------------------------
  function randomId() {
    // 18 random bytes -> 24 base64url characters.
    var bytes = new Uint8Array(18);
    window.crypto.getRandomValues(bytes);
    var binary = "";
    for (var i = 0; i < bytes.length; i++) {
      binary += String.fromCharCode(bytes[i]);
    }
    return window.btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function storedId(storage, key) {
    var value = null;
    try {
      value = storage.getItem(key);
    } catch (e) {
      value = null;
    }
    if (!value || !ID_PATTERN.test(value)) {
      value = randomId();
      safeSet(storage, key, value);
    }
    return value;
  }

  // Count characters the way the server does (code points, not UTF-16 units).
  function charCount(text) {
    var n = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        var d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          i++;
        }
      }
      n++;
    }
    return n;
  }

  // --- Page ------------------------------------------------------------------------------
  function init() {
    var main = document.getElementById("chat");
    var logEl = document.getElementById("log");
    var typingEl = document.getElementById("typing");
    var errorEl = document.getElementById("error");
    var form = document.getElementById("composer");
    var textarea = document.getElementById("message");
    var sendButton = document.getElementById("send");
    var newButton = document.getElementById("new-conversation");
    var counterEl = document.getElementById("message-counter");
    var choicesEl = document.getElementById("choices");
    if (!main || !logEl || !form || !textarea || !sendButton) {
      return;
    }

    var apiUrl = main.getAttribute("data-api-url") || "/api/message";
    var maxChars = parseInt(main.getAttribute("data-max-chars"), 10) || 2000;
    var errorKind = null;  // "tooLong" while the box shows that error
    var reducedMotion = window.matchMedia &&
      window.matchMedia("(prefers-reduced-motion: reduce)").matches;

    var clientId = storedId(local, KEY_CLIENT);
    forgetIdleConversation();
    var conversationId = storedId(conversationStore, KEY_CONVERSATION);
    touch();
    var messages = loadLog(conversationId);
    var inflight = null;

    function loadLog(id) {
      try {
        var saved = JSON.parse(conversationStore.getItem(KEY_LOG) || "null");
        if (saved && saved.conversationId === id && Array.isArray(saved.messages)) {
          return saved.messages.filter(function (m) {
            return m && (m.from === "client" || m.from === "coach") && typeof m.text === "string";
          });
        }
      } catch (e) {
        /* corrupt entry: start with an empty log */
      }
      return [];
    }

    function saveLog() {
      touch();
      safeSet(conversationStore, KEY_LOG, JSON.stringify({
        conversationId: conversationId,
        messages: messages
      }));
    }

    function scrollToEnd() {
      if (typeof logEl.scrollTo === "function") {
        logEl.scrollTo({ top: logEl.scrollHeight, behavior: reducedMotion ? "auto" : "smooth" });
      } else {
        logEl.scrollTop = logEl.scrollHeight;
      }
    }

    function renderMessage(from, text) {
      var item = document.createElement("div");
      item.className = "message " + (from === "client" ? "message--client" : "message--coach");
      var who = document.createElement("span");
      who.className = "visually-hidden";
      who.textContent = from === "client" ? TEXT.you : TEXT.coach;
      var body = document.createElement("span");
      body.textContent = text;  // plain text, never parsed as HTML: "<script>" shows as text
      item.appendChild(who);
      item.appendChild(body);
      logEl.appendChild(item);
      return item;
    }

    // Answer buttons (the consent question): each sends its payload as a typed answer would.
    function clearChoices() {
      if (choicesEl) {
        choicesEl.textContent = "";
        choicesEl.hidden = true;
      }
    }

    function validChoices(buttons) {
      return (Array.isArray(buttons) ? buttons : []).filter(function (b) {
        return b && typeof b.title === "string" && typeof b.payload === "string" && b.payload.charAt(0) !== "/";
      });
    }

    function showChoices(buttons) {
      clearChoices();
      buttons = validChoices(buttons);
      if (!choicesEl || !buttons.length) {
        return;
      }
      buttons.forEach(function (b) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button button--secondary";
        button.textContent = b.title;
        button.addEventListener("click", function () {
          if (!inflight) {
            send(b.payload, false);
          }
        });
        choicesEl.appendChild(button);
      });
      choicesEl.hidden = false;
    }

    function addMessage(from, text, buttons) {
      var entry = { from: from, text: text };
      if (validChoices(buttons).length) {
        entry.buttons = validChoices(buttons);
      }
      messages.push(entry);
      saveLog();
      var el = renderMessage(from, text);
      scrollToEnd();
      return { entry: entry, el: el };
    }

    function clearError() {
      errorKind = null;
      errorEl.textContent = "";
    }

    function showError(message, retry, kind) {
      errorKind = kind || null;
      errorEl.textContent = "";
      var p = document.createElement("p");
      p.className = "chat__error-text";
      p.textContent = message;
      errorEl.appendChild(p);
      if (retry) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button button--secondary";
        button.textContent = TEXT.retry;
        button.addEventListener("click", retry);
        errorEl.appendChild(button);
      }
    }

    function setBusy(busy) {
      sendButton.disabled = busy;
      typingEl.textContent = busy ? TEXT.typing : "";
      main.setAttribute("aria-busy", busy ? "true" : "false");
    }

    function updateCounter() {
      var count = charCount(textarea.value);
      if (errorKind === "tooLong" && count <= maxChars) {
        clearError();  // the text is fixed: the error goes
      }
      if (count < Math.floor(maxChars * COUNTER_FROM_SHARE)) {
        counterEl.hidden = true;
        counterEl.textContent = "";
        counterEl.classList.remove("chat__counter--over");
        return;
      }
      counterEl.hidden = false;
      counterEl.textContent = counterText(count, maxChars);
      counterEl.classList.toggle("chat__counter--over", count > maxChars);
    }

    function restoreText(text) {
      // Put the unsent text back; keep anything typed in the meantime after it.
      var current = textarea.value;
      textarea.value = current && current !== text ? text + "\n" + current : text;
      updateCounter();
      textarea.focus();
      try {
        textarea.setSelectionRange(textarea.value.length, textarea.value.length);
      } catch (e) {
        /* not supported: ignore */
      }
    }

    function readResponse(response) {
      return response.text().then(function (body) {
        var data = null;
        try {
          data = JSON.parse(body);
        } catch (e) {
          data = null;
        }
        return { ok: response.ok, data: data };
      });
    }

    // Send one message. hidden=true for "/greet": no client bubble, retry button on error.
    function send(text, hidden) {
      if (inflight) {
        return false;
      }
      var request = {
        controller: typeof AbortController === "function" ? new AbortController() : null,
        timedOut: false
      };
      inflight = request;
      clearError();
      clearChoices();
      setBusy(true);

      var bubble = null;
      if (!hidden) {
        bubble = addMessage("client", text);
      }

      var timer = window.setTimeout(function () {
        request.timedOut = true;
        if (request.controller) {
          request.controller.abort();
        }
      }, CLIENT_TIMEOUT_MS);

      function fail(message) {
        if (hidden) {
          showError(message, function () {
            clearError();
            send(GREET, true);
          });
          return;
        }
        // Undo the bubble and give the text back: nothing is lost.
        if (bubble) {
          var index = messages.indexOf(bubble.entry);
          if (index >= 0) {
            messages.splice(index, 1);
            saveLog();
          }
          if (bubble.el.parentNode) {
            bubble.el.parentNode.removeChild(bubble.el);
          }
        }
        showError(message);
        restoreText(text);
      }

      fetch(apiUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify({
          conversation_id: conversationId,
          client_id: clientId,
          text: text
        }),
        credentials: "same-origin",
        cache: "no-store",
        signal: request.controller ? request.controller.signal : undefined
      })
        .then(readResponse)
        .then(function (result) {
          if (inflight !== request) {
            return;  // conversation was reset meanwhile
          }
          var data = result.data;
          if (result.ok && data && Array.isArray(data.messages)) {
            var choices = null;
            data.messages.forEach(function (m) {
              if (m && typeof m.text === "string") {
                addMessage("coach", m.text, m.buttons);
                choices = m.buttons || null;
              }
            });
            showChoices(choices);
            return;
          }
          fail(data && typeof data.error === "string" && data.error ? data.error : TEXT.generic);
        })
        .catch(function () {
          if (inflight !== request) {
            return;
          }
          fail(request.timedOut ? TEXT.timeout : TEXT.network);
        })
        .then(function () {
          window.clearTimeout(timer);
          if (inflight === request) {
            inflight = null;
            setBusy(false);
          }
        });
      return true;
    }

    function submit() {
      var text = textarea.value;
      if (!text.trim()) {
        textarea.focus();
        return;
      }
      if (inflight) {
        return;  // still waiting for the coach; the text stays in the box
      }
      if (charCount(text) > maxChars) {
        showError(TEXT.tooLong, null, "tooLong");
        textarea.focus();
        return;
      }
      textarea.value = "";
      updateCounter();
      send(text, false);
      textarea.focus();  // keep the box (and a phone's keyboard) open for the next message
    }

    function newConversation() {
      var hasClientMessages = messages.some(function (m) { return m.from === "client"; });
      if (hasClientMessages && !window.confirm(TEXT.confirmNew)) {
        return;
      }
      if (inflight) {
        var old = inflight;
        inflight = null;
        if (old.controller) {
          old.controller.abort();
        }
        setBusy(false);
      }
      conversationId = randomId();
      safeSet(conversationStore, KEY_CONVERSATION, conversationId);
      messages = [];
      saveLog();
      logEl.textContent = "";
      clearError();
      clearChoices();
      textarea.focus();
      send(GREET, true);
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      submit();
    });

    textarea.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
        event.preventDefault();
        submit();
      }
    });

    textarea.addEventListener("input", updateCounter);

    if (newButton) {
      newButton.addEventListener("click", newConversation);
    }

    // Restore the conversation so far, or let the coach introduce itself.
    messages.forEach(function (m) {
      renderMessage(m.from, m.text);
    });
    if (messages.length && messages[messages.length - 1].from === "coach") {
      showChoices(messages[messages.length - 1].buttons);  // still unanswered
    }
    logEl.scrollTop = logEl.scrollHeight;
    updateCounter();
    if (messages.length === 0) {
      saveLog();
      send(GREET, true);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
