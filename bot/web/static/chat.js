/* Overstap chat page. Plain JavaScript, no framework, no external resources.
 *
 * - conversation_id: random, kept in sessionStorage (one conversation per browser tab) on
 *   the open chat; on a personal chat link in localStorage, so the link opened again in a
 *   new tab continues the open conversation, until it has been idle as long as the coach's
 *   session (data-idle-minutes; after that the coach starts a new conversation anyway).
 * - client_id: random pseudonymous id, kept in localStorage.
 * - The shown log is kept next to the conversation_id so a reload shows the conversation so far.
 * - message_id: random, one per message, the same for every resend of that message: the
 *   coach handles each id once, so a resend never stores or answers a message twice.
 * - When the server says the message could not be handled (503 with "retry": true, or no
 *   connection, or no answer in time), the same message is sent again after 1, 2, 4 and
 *   8 seconds; only then the Dutch error shows and the text goes back into the box (sent
 *   again unchanged, it keeps its id).
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
  // Longer than the web app's timeout toward Rasa (bot.web.app.RASA_TIMEOUT, 40 s), which
  // is longer than Rasa's handling of one message: a slow answer is waited for.
  var CLIENT_TIMEOUT_MS = 50000;
  var RETRY_DELAYS_MS = [1000, 2000, 4000, 8000];

  // User-facing texts (Dutch).
  var TEXT = {
    you: "U: ",
    coach: "Coach: ",
    typing: "Coach typt…",
    retrying: "Even geduld, de coach wordt opnieuw geprobeerd…",
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
    var unsent = null;  // {text, id} of a message that failed: sent again unchanged, it keeps its id
    var retryDelays = parseDelays(main.getAttribute("data-retry-ms")) || RETRY_DELAYS_MS;

    function parseDelays(value) {
      if (!value) {
        return null;
      }
      var delays = value.split(",").map(function (v) { return parseInt(v, 10); });
      return delays.every(function (d) { return d >= 0; }) ? delays : null;
    }

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
        return { ok: response.ok, status: response.status, data: data };
      });
    }

    // A failure worth sending the same message again for: the server said so (503 with
    // "retry"), a gateway error, no connection, or no answer in time.
    function retryable(result) {
      if (!result) {
        return true;
      }
      if (result.status === 502 || result.status === 504) {
        return true;
      }
      return result.status === 503 && !!(result.data && result.data.retry);
    }

    // Send one message. hidden=true for "/greet": no client bubble, retry button on error.
    // messageId: the message's id, the same for every attempt of this message.
    function send(text, hidden, messageId) {
      if (inflight) {
        return false;
      }
      var request = { controller: null, timedOut: false, attempt: 0, timer: null };
      inflight = request;
      clearError();
      clearChoices();
      setBusy(true);

      var bubble = null;
      if (!hidden) {
        bubble = addMessage("client", text);
      }

      function finish() {
        if (inflight === request) {
          inflight = null;
          setBusy(false);
        }
      }

      function fail(message) {
        finish();
        if (hidden) {
          showError(message, function () {
            clearError();
            send(GREET, true, messageId);
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
        unsent = { text: text, id: messageId };
        showError(message);
        restoreText(text);
      }

      function succeed(data) {
        finish();
        unsent = null;
        var choices = null;
        data.messages.forEach(function (m) {
          if (m && typeof m.text === "string") {
            addMessage("coach", m.text, m.buttons);
            choices = m.buttons || null;
          }
        });
        showChoices(choices);
      }

      function errorText(result) {
        if (!result) {
          return request.timedOut ? TEXT.timeout : TEXT.network;
        }
        var data = result.data;
        return data && typeof data.error === "string" && data.error ? data.error : TEXT.generic;
      }

      function attempt() {
        request.timedOut = false;
        request.controller = typeof AbortController === "function" ? new AbortController() : null;
        var timer = window.setTimeout(function () {
          request.timedOut = true;
          if (request.controller) {
            request.controller.abort();
          }
        }, CLIENT_TIMEOUT_MS);

        function settle(result) {  // result: {ok, status, data}, or null without an answer
          window.clearTimeout(timer);
          if (inflight !== request) {
            return;  // conversation was reset meanwhile
          }
          if (result && result.ok && result.data && Array.isArray(result.data.messages)) {
            succeed(result.data);
            return;
          }
          if (retryable(result) && request.attempt < retryDelays.length) {
            var delay = retryDelays[request.attempt];
            request.attempt += 1;
            typingEl.textContent = TEXT.retrying;
            request.timer = window.setTimeout(function () {
              if (inflight === request) {
                attempt();
              }
            }, delay);
            return;
          }
          fail(errorText(result));
        }

        fetch(apiUrl, {
          method: "POST",
          headers: { "Content-Type": "application/json", "Accept": "application/json" },
          body: JSON.stringify({
            conversation_id: conversationId,
            client_id: clientId,
            message_id: messageId,
            text: text
          }),
          credentials: "same-origin",
          cache: "no-store",
          signal: request.controller ? request.controller.signal : undefined
        })
          .then(readResponse)
          .then(settle, function () { settle(null); });
      }

      attempt();
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
      var messageId = unsent && unsent.text === text ? unsent.id : randomId();
      unsent = null;
      textarea.value = "";
      updateCounter();
      send(text, false, messageId);
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
        window.clearTimeout(old.timer);
        if (old.controller) {
          old.controller.abort();
        }
        setBusy(false);
      }
      unsent = null;
      conversationId = randomId();
      safeSet(conversationStore, KEY_CONVERSATION, conversationId);
      messages = [];
      saveLog();
      logEl.textContent = "";
      clearError();
      clearChoices();
      textarea.focus();
      send(GREET, true, randomId());
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
      send(GREET, true, randomId());
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
