// The list of e-mail conversations: say when a new letter arrives while the page is open.
(function () {
  "use strict";
  var notice = document.getElementById("mail-live");
  if (notice) {
    document.addEventListener("linija:mail.received", function () { notice.hidden = false; });
  }
})();
