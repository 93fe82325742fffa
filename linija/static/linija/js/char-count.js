/* Character counters: a long text is never cut. Each [data-char-count] paragraph counts the
   characters of its textarea (data-for) against data-limit; it shows from the last tenth of the
   limit on, says clearly when the text is over, and keeps its form from being sent then. The
   server refuses an over-long text with the same limit. */
(() => {
  "use strict";

  const NEAR_SHARE = 0.9;

  function attach(counter) {
    const field = document.getElementById(counter.dataset.for);
    const limit = parseInt(counter.dataset.limit, 10);
    if (!field || !limit) {
      return;
    }
    const described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    described.push(counter.id);
    field.setAttribute("aria-describedby", described.join(" "));

    function update() {
      const count = Linija.length(field.value);
      const over = count > limit;
      counter.hidden = count < limit * NEAR_SHARE;
      counter.classList.toggle("over", over);
      counter.textContent = counter.hidden
        ? ""
        : Linija.format(over ? counter.dataset.over : counter.dataset.near, {
            count: Linija.number(count),
            limit: Linija.number(limit),
          });
      if (over) {
        field.setAttribute("aria-invalid", "true");
      } else {
        field.removeAttribute("aria-invalid");
      }
      return over;
    }

    field.addEventListener("input", update);
    if (field.form) {
      field.form.addEventListener("submit", (event) => {
        if (update()) {
          event.preventDefault();
          field.focus();
        }
      });
    }
    update();
  }

  Linija.ready(() => document.querySelectorAll("[data-char-count]").forEach(attach));
})();
