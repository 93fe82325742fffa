// Keeps the line's open/closed status in the page header current: every minute it asks the
// server (in the page's language) and updates #line-status. No status element, no requests.
(function () {
  "use strict";

  var INTERVAL_MS = 60 * 1000;

  function update(element, status) {
    var text = element.querySelector(".line-status-text");
    var reason = element.querySelector(".line-status-reason");
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

  function refresh(element) {
    var url = new URL(element.dataset.url, window.location.href);
    url.searchParams.set("lang", document.documentElement.lang || "lt");
    return fetch(url.toString(), {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.json();
      })
      .then(function (status) {
        update(element, status);
      })
      .catch(function () {
        // Offline or a server hiccup: keep the last known status and try again next minute.
      });
  }

  function start() {
    var element = document.getElementById("line-status");
    if (!element || !element.dataset.url) {
      return;
    }
    window.setInterval(function () {
      if (!document.hidden) {
        refresh(element);
      }
    }, INTERVAL_MS);
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden) {
        refresh(element);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
