// An e-mail conversation: size the letter frames to their content, insert canned answers at
// the cursor, and say when something changes while the page is open.
(function () {
  "use strict";
  var page = document.querySelector(".mail-conversation");
  if (!page) {
    return;
  }
  var conversation = page.dataset.conversation;

  function fit(frame) {
    try {
      var body = frame.contentDocument && frame.contentDocument.body;
      if (body) {
        frame.style.height = Math.min(Math.max(body.scrollHeight + 32, 160), 1600) + "px";
      }
    } catch (error) {
      // A frame we cannot read keeps its CSS height.
    }
  }
  document.querySelectorAll(".mail-frame").forEach(function (frame) {
    frame.addEventListener("load", function () { fit(frame); });
  });
  document.querySelectorAll(".mail-html").forEach(function (details) {
    details.addEventListener("toggle", function () {
      var frame = details.querySelector(".mail-frame");
      if (details.open && frame) { fit(frame); }
    });
  });

  var answer = document.getElementById("id_body");
  document.querySelectorAll("[data-canned]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.dataset.canned);
      if (!source || !answer) { return; }
      var text = source.textContent;
      var start = answer.selectionStart || 0;
      var end = answer.selectionEnd || 0;
      answer.value = answer.value.slice(0, start) + text + answer.value.slice(end);
      answer.focus();
      answer.selectionStart = answer.selectionEnd = start + text.length;
    });
  });

  function changed(event) {
    var detail = event.detail || {};
    if (String(detail.conversation) === conversation || detail.key === "conversation-" + conversation) {
      document.getElementById("mail-live").hidden = false;
    }
  }
  ["linija:mail.received", "linija:mail.outbox", "linija:inbox.changed"].forEach(function (name) {
    document.addEventListener(name, changed);
  });
})();
