/* Quick exit: the "Quick exit" link, or Esc pressed twice within a second, forgets this
   site's stored keys and replaces the current page with a neutral one (no history entry).
   Just before, it fires "linija:quick-exit" on the document, so a page can tell the server
   first (the chat ends itself). */
(() => {
  "use strict";

  const PREFIX = "linija";
  let lastEscape = 0;

  function forget(storageName) {
    try {
      const storage = window[storageName];
      for (let i = storage.length - 1; i >= 0; i -= 1) {
        const key = storage.key(i);
        if (key && key.startsWith(PREFIX)) {
          storage.removeItem(key);
        }
      }
    } catch (error) {
      /* Storage can be blocked by the browser: there is nothing to forget then. */
    }
  }

  function exitUrl() {
    const link = document.getElementById("quick-exit");
    return document.body.dataset.quickExitUrl || (link && link.href) || "about:blank";
  }

  function leave() {
    document.dispatchEvent(new CustomEvent("linija:quick-exit"));
    forget("sessionStorage");
    forget("localStorage");
    window.location.replace(exitUrl());
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("#quick-exit");
    if (link) {
      event.preventDefault();
      leave();
    }
  });

  document.addEventListener("keydown", (event) => {
    if ((event.key !== "Escape" && event.key !== "Esc") || !document.getElementById("quick-exit")) {
      return;
    }
    const now = Date.now();
    if (now - lastEscape <= 1000) {
      leave();
    } else {
      lastEscape = now;
    }
  });
})();
