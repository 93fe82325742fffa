/* Linija's chat widget for other sites. One tag puts a chat button on the page:

     <script src="https://LINIJA-ADDRESS/chat/widget.js" data-lang="lt" defer></script>

   The button opens Linija's chat in a frame (the site must be listed in Linija's
   LINIJA_CHAT_ALLOWED_ORIGINS). The chat keeps going while the frame is hidden and after the
   visitor moves to another page of the site; the quick exit inside the frame, or Esc pressed
   twice on the site's page, ends the chat, leaves the whole site for a neutral one and forgets
   the chat. */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || window.linijaChatWidget) {
    return;
  }
  window.linijaChatWidget = true;

  var LABELS = {{ labels|safe }};
  var OPEN_KEY = "linija-chat-widget-open";
  var lang = script.getAttribute("data-lang") === "en" ? "en" : "lt";
  var labels = LABELS[lang];
  var origin = new URL(script.src, window.location.href).origin;
  var frameUrl = origin + (lang === "en" ? "/en" : "") + "/pokalbis/?embed=1&host=" +
    encodeURIComponent(window.location.origin);
  var button = null;
  var badge = null;
  var frame = null;
  var ready = false;
  var open = false;
  var small = window.matchMedia("(max-width: 30rem)");

  function style(element, rules) {
    Object.keys(rules).forEach(function (name) {
      element.style[name] = rules[name];
    });
  }

  function remember(value) {
    try {
      if (value) {
        window.sessionStorage.setItem(OPEN_KEY, "1");
      } else {
        window.sessionStorage.removeItem(OPEN_KEY);
      }
    } catch (error) {
      /* Storage blocked: the widget simply starts closed on the next page. */
    }
  }

  function wasOpen() {
    try {
      return window.sessionStorage.getItem(OPEN_KEY) === "1";
    } catch (error) {
      return false;
    }
  }

  function place() {
    if (!frame) {
      return;
    }
    // Open on a phone the chat fills the screen: the launcher would cover its buttons, and
    // the chat's own "Hide" button closes it.
    button.style.display = open && small.matches ? "none" : "";
    if (small.matches) {
      style(frame, { top: "0", left: "0", right: "0", bottom: "0", width: "100%", height: "100%", borderRadius: "0" });
    } else {
      style(frame, {
        top: "auto", left: "auto", right: "1rem", bottom: "5rem", width: "24rem",
        height: "min(40rem, calc(100vh - 7rem))", borderRadius: "12px",
      });
    }
  }

  // Until the chat says it is ready the frame still holds a blank page of this site's origin,
  // which a message addressed to Linija's origin cannot reach.
  function tellFrame() {
    if (ready && frame.contentWindow) {
      frame.contentWindow.postMessage({ type: "linija-chat:shown", shown: open }, origin);
    }
  }

  function createFrame() {
    frame = document.createElement("iframe");
    frame.id = "linija-chat-frame";
    frame.title = labels.title;
    frame.src = frameUrl;
    style(frame, {
      position: "fixed", zIndex: "2147483646", border: "1px solid #d5dbe3", background: "#fff",
      boxShadow: "0 6px 24px rgba(0, 0, 0, .25)", display: "none",
    });
    place();
    document.body.appendChild(frame);
    button.setAttribute("aria-controls", frame.id);
  }

  function setBadge(count) {
    badge.textContent = count > 0 ? String(count) : "";
    badge.style.display = count > 0 ? "inline-block" : "none";
    button.setAttribute("aria-label", count > 0 ? labels.open + " (" + count + " " + labels.unread + ")" : labels.open);
  }

  function show(value, focus) {
    if (!frame) {
      createFrame();
    }
    open = value;
    frame.style.display = open ? "block" : "none";
    place();
    button.setAttribute("aria-expanded", String(open));
    remember(open);
    if (open) {
      setBadge(0);
    }
    if (focus) {
      (open ? frame : button).focus();
    }
    tellFrame();
  }

  function forgetAll() {
    [window.sessionStorage, window.localStorage].forEach(function (storage) {
      try {
        for (var i = storage.length - 1; i >= 0; i -= 1) {
          var key = storage.key(i);
          if (key && key.indexOf("linija") === 0) {
            storage.removeItem(key);
          }
        }
      } catch (error) {
        /* Nothing stored, nothing to forget. */
      }
    });
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== origin || !frame || event.source !== frame.contentWindow || !event.data) {
      return;
    }
    var data = event.data;
    if (data.type === "linija-chat:ready") {
      ready = true;
      tellFrame();
    } else if (data.type === "linija-chat:hide") {
      show(false, true);
    } else if (data.type === "linija-chat:unread" && !open) {
      setBadge(data.count);
    } else if (data.type === "linija-chat:exit") {
      forgetAll();
      frame.remove();
      button.remove();
      window.location.replace(typeof data.url === "string" && /^https?:/.test(data.url) ? data.url : "about:blank");
    }
  });

  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if ((event.key !== "Escape" && event.key !== "Esc") || !ready) {
      return;
    }
    var now = Date.now();
    if (now - lastEscape <= 1000) {
      frame.contentWindow.postMessage({ type: "linija-chat:quick-exit" }, origin);
    }
    lastEscape = now;
  });

  function start() {
    button = document.createElement("button");
    button.type = "button";
    button.id = "linija-chat-button";
    button.textContent = labels.open;
    button.setAttribute("aria-expanded", "false");
    style(button, {
      position: "fixed", right: "1rem", bottom: "1rem", zIndex: "2147483647",
      font: "600 1rem/1.2 system-ui, sans-serif", color: "#fff", background: "#1f5f8b",
      border: "0", borderRadius: "999px", padding: ".8rem 1.2rem", minHeight: "2.75rem",
      boxShadow: "0 2px 10px rgba(0, 0, 0, .3)", cursor: "pointer",
    });
    badge = document.createElement("span");
    badge.setAttribute("aria-hidden", "true");
    style(badge, {
      display: "none", marginLeft: ".5rem", background: "#a3261c", borderRadius: "999px",
      padding: "0 .45rem", fontSize: ".85rem",
    });
    button.appendChild(badge);
    button.addEventListener("click", function () {
      show(!open, true);
    });
    document.body.appendChild(button);
    small.addEventListener("change", place);
    if (wasOpen()) {
      show(true, false);
    }
  }

  if (document.body) {
    start();
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
