// The call pop-up on every staff page. The staff socket (staff-live.js) announces call events
// ("linija:phone.call_incoming", "…call_answered", "…call_ended") with the call's id only;
// this script asks the server what this person may see of the call (the pop-up's HTML, or
// nothing) and shows it in a corner region. It never steals the focus: the pop-up is announced
// to screen readers and comes in the Tab order after the navigation. On the call's record page
// it fills in the end time once the call ends. When a page opens, it shows the calls still
// ringing (or going on for this person).
(function () {
  "use strict";
  var script = document.currentScript;
  var region = null;
  var announcer = null;
  var latest = {};
  var timers = {};

  // The pages' URLs carry the language ("/en/…") except for the default language.
  function base() {
    var first = window.location.pathname.split("/")[1];
    var prefix = first && first === document.documentElement.lang ? "/" + first : "";
    return prefix + "/staff/phone/calls/";
  }

  function ensureRegion() {
    if (region) {
      return;
    }
    if (script && script.src) {
      var sheet = document.createElement("link");
      sheet.rel = "stylesheet";
      sheet.href = script.src.replace(/popup\.js(\?.*)?$/, "popup.css");
      document.head.appendChild(sheet);
    }
    region = document.createElement("div");
    region.className = "phone-popups";
    region.id = "phone-popups";
    announcer = document.createElement("p");
    announcer.className = "sr-only";
    announcer.setAttribute("role", "status");
    announcer.setAttribute("aria-live", "assertive");
    // Before the page's main content: in the Tab order right after the navigation.
    var main = document.getElementById("main");
    document.body.insertBefore(region, main && main.parentNode === document.body ? main : null);
    document.body.appendChild(announcer);
    region.addEventListener("click", function (event) {
      var button = event.target.closest("[data-phone-dismiss]");
      if (button) {
        remove(button.closest(".phone-popup"));
      }
    });
  }

  function announce(text) {
    if (text) {
      announcer.textContent = "";
      window.setTimeout(function () {
        announcer.textContent = text;
      }, 50);
    }
  }

  function remove(popup) {
    if (!popup) {
      return;
    }
    var id = popup.dataset.call;
    window.clearTimeout(timers[id]);
    var next = popup.nextElementSibling || popup.previousElementSibling;
    var hadFocus = popup.contains(document.activeElement);
    popup.remove();
    if (hadFocus && next) {
      var target = next.querySelector("a, button");
      if (target) {
        target.focus();
      }
    }
  }

  function linger(popup) {
    var id = popup.dataset.call;
    window.clearTimeout(timers[id]);
    var seconds = Number(popup.dataset.linger || 0);
    if (seconds > 0) {
      timers[id] = window.setTimeout(function () {
        if (!popup.contains(document.activeElement)) {
          remove(popup);
        }
      }, seconds * 1000);
    }
  }

  function fillEnd(popup) {
    var path = popup.dataset.recordPath;
    if (!path || path !== window.location.pathname) {
      return;
    }
    var input = document.getElementById("id_ended_at");
    if (input && !input.value) {
      input.value = popup.dataset.endedAt;
      input.dispatchEvent(new Event("change", { bubbles: true }));
      announce(popup.dataset.endedAnnounce);
    }
  }

  function render(id, html) {
    ensureRegion();
    var existing = document.getElementById("phone-popup-" + id);
    if (!html) {
      remove(existing);
      return;
    }
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    var popup = template.content.firstElementChild;
    if (!popup) {
      return;
    }
    if (existing) {
      var hadFocus = existing.contains(document.activeElement);
      existing.replaceWith(popup);
      if (hadFocus) {
        var target = popup.querySelector("a, button");
        if (target) {
          target.focus();
        }
      }
    } else if (popup.dataset.fresh === "1") {
      region.appendChild(popup);
    } else {
      fillEnd(popup);
      return;
    }
    announce(popup.dataset.announce);
    fillEnd(popup);
    linger(popup);
  }

  function refresh(id) {
    var ticket = (latest[id] || 0) + 1;
    latest[id] = ticket;
    window
      .fetch(base() + encodeURIComponent(id) + "/popup/", {
        credentials: "same-origin",
        headers: { Accept: "text/html" },
      })
      .then(function (response) {
        return response.status === 200 ? response.text() : "";
      })
      .then(function (html) {
        if (latest[id] === ticket) {
          render(id, html);
        }
      })
      .catch(function () {});
  }

  function onCallEvent(event) {
    var data = event.detail || {};
    if (data.id !== undefined && data.direction === "in") {
      refresh(data.id);
    }
  }

  function showLive() {
    window
      .fetch(base() + "live/", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : { calls: [] };
      })
      .then(function (data) {
        (data.calls || []).forEach(refresh);
      })
      .catch(function () {});
  }

  ["phone.call_incoming", "phone.call_answered", "phone.call_ended"].forEach(function (name) {
    document.addEventListener("linija:" + name, onCallEvent);
  });
  document.addEventListener("linija:live", function (event) {
    if (event.detail && event.detail.state === "connected") {
      showLive();
    }
  });
})();
