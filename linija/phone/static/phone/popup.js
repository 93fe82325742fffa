// The call pop-up on every staff page. The staff socket (staff-live.js) announces call events
// ("linija:phone.call_incoming", "…call_answered", "…call_ended") with the call's id only;
// this script asks the server what this person may see of the call (the pop-up's HTML, or
// nothing) and shows it in a corner region. It never steals the focus: the pop-up is announced
// to screen readers and comes in the Tab order after the navigation. On the call's record page
// it fills in the end time once the call ends. When a page opens, it shows the calls still
// ringing (or going on for this person).
(() => {
  "use strict";
  const script = document.currentScript;
  let region = null;
  let announcer = null;
  const latest = {};
  const timers = {};

  // The pages' URLs carry the language ("/en/…") except for the default language.
  function base() {
    const first = window.location.pathname.split("/")[1];
    const prefix = first && first === document.documentElement.lang ? "/" + first : "";
    return prefix + "/staff/phone/calls/";
  }

  function focusFirst(popup) {
    const target = popup.querySelector("a, button");
    if (target) {
      target.focus();
    }
  }

  function ensureRegion() {
    if (region) {
      return;
    }
    if (script && script.src) {
      const sheet = document.createElement("link");
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
    const main = document.getElementById("main");
    document.body.insertBefore(region, main && main.parentNode === document.body ? main : null);
    document.body.appendChild(announcer);
    // A form marked data-phone-stay is sent without leaving the page (a record being
    // written stays open); the pop-up is then asked for again.
    region.addEventListener("submit", async (event) => {
      const form = event.target.closest("form[data-phone-stay]");
      if (!form) {
        return;
      }
      event.preventDefault();
      const id = form.closest(".phone-popup").dataset.call;
      try {
        await Linija.postForm(form);
      } catch (error) {
        return;
      }
      refresh(id);
    });
    region.addEventListener("click", (event) => {
      const button = event.target.closest("[data-phone-dismiss]");
      if (button) {
        remove(button.closest(".phone-popup"));
      }
    });
  }

  function announce(text) {
    if (text) {
      Linija.say(announcer, text);
    }
  }

  function remove(popup) {
    if (!popup) {
      return;
    }
    window.clearTimeout(timers[popup.dataset.call]);
    const next = popup.nextElementSibling || popup.previousElementSibling;
    const hadFocus = popup.contains(document.activeElement);
    popup.remove();
    if (hadFocus && next) {
      focusFirst(next);
    }
  }

  function linger(popup) {
    const id = popup.dataset.call;
    window.clearTimeout(timers[id]);
    const seconds = Number(popup.dataset.linger || 0);
    if (seconds > 0) {
      timers[id] = window.setTimeout(() => {
        if (!popup.contains(document.activeElement)) {
          remove(popup);
        }
      }, seconds * 1000);
    }
  }

  function fillEnd(popup) {
    const path = popup.dataset.recordPath;
    if (!path || path !== window.location.pathname) {
      return;
    }
    const input = document.getElementById("id_ended_at");
    if (input && !input.value) {
      input.value = popup.dataset.endedAt;
      input.dispatchEvent(new Event("change", { bubbles: true }));
      announce(popup.dataset.endedAnnounce);
    }
  }

  function render(id, html) {
    ensureRegion();
    const existing = document.getElementById("phone-popup-" + id);
    if (!html) {
      remove(existing);
      return;
    }
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    const popup = template.content.firstElementChild;
    if (!popup) {
      return;
    }
    if (existing) {
      const hadFocus = existing.contains(document.activeElement);
      existing.replaceWith(popup);
      if (hadFocus) {
        focusFirst(popup);
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

  async function refresh(id) {
    const ticket = (latest[id] || 0) + 1;
    latest[id] = ticket;
    let html;
    try {
      html = await Linija.getHtml(base() + encodeURIComponent(id) + "/popup/");
    } catch (error) {
      if (!error.status) {
        return;
      }
      // Refused or gone: this person has nothing to see of the call (any more).
      html = "";
    }
    if (latest[id] === ticket) {
      render(id, html);
    }
  }

  function onCallEvent(event) {
    const data = event.detail || {};
    if (data.id !== undefined && data.direction === "in") {
      refresh(data.id);
    }
  }

  async function showLive() {
    try {
      (await Linija.getJson(base() + "live/")).calls.forEach(refresh);
    } catch (error) {
      // The next connection asks again.
    }
  }

  Linija.on(["phone.call_incoming", "phone.call_answered", "phone.call_ended"], onCallEvent);
  document.addEventListener("linija:live", (event) => {
    if (event.detail && event.detail.state === "connected") {
      showLive();
    }
  });
})();
