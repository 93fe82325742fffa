/* Quick exit: the "Quick exit" link, or Esc pressed twice within a second, forgets this
   site's stored keys and replaces the current page with a neutral one (no history entry). */
(function () {
  "use strict";

  var PREFIX = "linija";
  var lastEscape = 0;

  function forget(storageName) {
    try {
      var storage = window[storageName];
      for (var i = storage.length - 1; i >= 0; i -= 1) {
        var key = storage.key(i);
        if (key && key.indexOf(PREFIX) === 0) {
          storage.removeItem(key);
        }
      }
    } catch (error) {
      /* Storage can be blocked by the browser: there is nothing to forget then. */
    }
  }

  function exitUrl() {
    var link = document.getElementById("quick-exit");
    return document.body.getAttribute("data-quick-exit-url") || (link && link.href) || "about:blank";
  }

  function leave() {
    forget("sessionStorage");
    forget("localStorage");
    window.location.replace(exitUrl());
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("#quick-exit");
    if (link) {
      event.preventDefault();
      leave();
    }
  });

  document.addEventListener("keydown", function (event) {
    if ((event.key !== "Escape" && event.key !== "Esc") || !document.getElementById("quick-exit")) {
      return;
    }
    var now = Date.now();
    if (now - lastEscape <= 1000) {
      leave();
    } else {
      lastEscape = now;
    }
  });
})();
