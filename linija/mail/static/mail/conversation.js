// An e-mail conversation: size the letter frames to their content, insert canned answers at
// the cursor, and say when something changes while the page is open.
(() => {
  "use strict";
  const page = document.querySelector(".mail-conversation");
  if (!page) {
    return;
  }
  const conversation = page.dataset.conversation;

  function fit(frame) {
    try {
      const body = frame.contentDocument && frame.contentDocument.body;
      if (body) {
        frame.style.height = Math.min(Math.max(body.scrollHeight + 32, 160), 1600) + "px";
      }
    } catch (error) {
      // A frame we cannot read keeps its CSS height.
    }
  }
  document.querySelectorAll(".mail-frame").forEach((frame) => {
    frame.addEventListener("load", () => fit(frame));
  });
  document.querySelectorAll(".mail-html").forEach((details) => {
    details.addEventListener("toggle", () => {
      const frame = details.querySelector(".mail-frame");
      if (details.open && frame) {
        fit(frame);
      }
    });
  });

  const answer = document.getElementById("id_body");
  document.querySelectorAll("[data-canned]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => {
      const source = document.getElementById(button.dataset.canned);
      if (!source || !answer) {
        return;
      }
      const text = source.textContent;
      const start = answer.selectionStart || 0;
      const end = answer.selectionEnd || 0;
      answer.value = answer.value.slice(0, start) + text + answer.value.slice(end);
      answer.focus();
      answer.selectionStart = answer.selectionEnd = start + text.length;
    });
  });

  function changed(event) {
    const detail = event.detail || {};
    if (String(detail.conversation) === conversation || detail.key === "conversation-" + conversation) {
      document.getElementById("mail-live").hidden = false;
    }
  }
  Linija.on(["mail.received", "mail.outbox", "inbox.changed"], changed);
})();
