// The list of e-mail conversations: say when a new letter arrives while the page is open.
(() => {
  "use strict";
  const notice = document.getElementById("mail-live");
  if (notice) {
    Linija.on("mail.received", () => {
      notice.hidden = false;
    });
  }
})();
