// Keeps the line's open/closed status in the page header current: every minute it asks the
// server (in the page's language) and updates #line-status. No status element, no requests.
(() => {
  "use strict";

  const INTERVAL_MS = 60 * 1000;

  function update(element, status) {
    const text = element.querySelector(".line-status-text");
    const reason = element.querySelector(".line-status-reason");
    if (text && text.textContent !== status.text) {
      text.textContent = status.text;
    }
    if (reason) {
      reason.textContent = status.reason ? "(" + status.reason + ")" : "";
      reason.hidden = !status.reason;
    }
    element.classList.toggle("open", status.open);
    element.classList.toggle("closed", !status.open);
  }

  async function refresh(element) {
    const url = new URL(element.dataset.url, window.location.href);
    url.searchParams.set("lang", document.documentElement.lang || "lt");
    try {
      update(element, await Linija.getJson(url.toString()));
    } catch (error) {
      // Offline or a server hiccup: keep the last known status and try again next minute.
    }
  }

  Linija.ready(() => {
    const element = document.getElementById("line-status");
    if (!element || !element.dataset.url) {
      return;
    }
    const refreshShown = () => {
      if (!document.hidden) {
        refresh(element);
      }
    };
    window.setInterval(refreshShown, INTERVAL_MS);
    document.addEventListener("visibilitychange", refreshShown);
  });
})();
