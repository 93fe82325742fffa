// The unified inbox: rows re-read on live events and filter changes (no reload), actions
// posted in the background, ages kept current, and keyboard shortcuts:
// j/k move, Enter opens, c claims, a goes to "assign to", / goes to the filters, ? shows help.
(() => {
  "use strict";
  const root = document.getElementById("inbox");
  if (!root) {
    return;
  }
  const text = root.dataset;
  const filters = document.getElementById("inbox-filters");
  const announcer = document.getElementById("inbox-announce");
  const feedback = document.getElementById("inbox-feedback");
  const alertBox = document.getElementById("inbox-error");
  const help = document.getElementById("inbox-help");
  const language = document.documentElement.lang || "lt";
  const relative = new Intl.RelativeTimeFormat(language, { numeric: "auto", style: "short" });
  let currentKey = null;
  let loading = false;
  let again = false;

  const body = () => document.getElementById("inbox-rows");
  const rows = () => Array.from(body().querySelectorAll("tr[data-key]"));
  const rowOf = (element) =>
    element && element.closest ? element.closest("#inbox-rows tr[data-key]") : null;

  const say = (message) => Linija.say(announcer, message);

  function tell(message, failed) {
    feedback.textContent = failed ? "" : message;
    alertBox.textContent = failed ? message : "";
  }

  // --- Ages ------------------------------------------------------------------------------
  function age(date) {
    const seconds = (date.getTime() - Date.now()) / 1000;
    const size = Math.abs(seconds);
    if (size < 3600) {
      return relative.format(Math.trunc(seconds / 60), "minute");
    }
    if (size < 86400) {
      return relative.format(Math.trunc(seconds / 3600), "hour");
    }
    return relative.format(Math.trunc(seconds / 86400), "day");
  }

  function updateAges(scope) {
    scope.querySelectorAll("time.age").forEach((element) => {
      const date = new Date(element.getAttribute("datetime"));
      if (!Number.isNaN(date.getTime())) {
        element.textContent = age(date);
      }
    });
  }

  // --- The current row ------------------------------------------------------------------
  function currentRow() {
    return rowOf(document.activeElement) || rows().find((row) => row.dataset.key === currentKey);
  }

  function mark(row) {
    currentKey = row ? row.dataset.key : null;
    rows().forEach((each) => each.classList.toggle("is-current", each === row));
  }

  function focusIn(row, control) {
    mark(row);
    const target =
      (control && row.querySelector('[data-control="' + control + '"]')) ||
      row.querySelector('[data-control="link"]');
    if (target) {
      target.focus();
      row.scrollIntoView({ block: "nearest" });
    }
  }

  function move(step) {
    const list = rows();
    if (!list.length) {
      return;
    }
    const index = list.indexOf(currentRow());
    let next = index + step;
    if (index < 0) {
      next = step > 0 ? 0 : list.length - 1;
    }
    focusIn(list[Math.max(0, Math.min(list.length - 1, next))]);
  }

  root.addEventListener("focusin", (event) => {
    const row = rowOf(event.target);
    if (row) {
      mark(row);
    }
  });

  // --- Reading the rows again -----------------------------------------------------------
  async function refresh(reason) {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    try {
      const before = new Set(rows().map((row) => row.dataset.key));
      const focused = rowOf(document.activeElement);
      const control = focused && document.activeElement.dataset.control;
      const position = focused ? rows().indexOf(focused) : -1;
      const template = document.createElement("template");
      template.innerHTML = (await Linija.getHtml(text.rowsUrl + window.location.search)).trim();
      const fresh = template.content.querySelector("tbody");
      if (!fresh) {
        throw new Error("no rows");
      }
      body().replaceWith(fresh);
      updateAges(fresh);
      const after = rows();
      const added = after.filter((row) => !before.has(row.dataset.key));
      if (reason === "filter") {
        say(text.textShown + " " + after.length);
      } else if (added.length && reason === "live") {
        added.forEach((row) => row.classList.add("is-new"));
        say(text.textNew + " " + added.map((row) => row.dataset.title).join("; "));
      }
      const kept = after.find((row) => row.dataset.key === currentKey);
      if (focused) {
        const fallback = after[Math.min(position, after.length - 1)];
        if (kept || fallback) {
          // After an action the keys work on the list again: back to the item's link.
          focusIn(kept || fallback, kept && reason !== "action" ? control : null);
        }
      } else {
        mark(kept || null);
      }
    } catch (error) {
      tell(text.textFailed, true);
    } finally {
      loading = false;
      if (again) {
        again = false;
        refresh("live");
      }
    }
  }

  const soon = Linija.debounce(() => refresh("live"), 150);

  Linija.on(text.refreshEvents, soon);
  // After a lost connection, catch up with what was missed.
  let wasConnected = false;
  document.addEventListener("linija:live", (event) => {
    if (event.detail.state === "connected" && wasConnected) {
      soon();
    }
    wasConnected = wasConnected || event.detail.state === "connected";
  });

  // --- Filters --------------------------------------------------------------------------
  function applyFilters() {
    const query = new URLSearchParams();
    new FormData(filters).forEach((value, name) => {
      if (value) {
        query.append(name, value);
      }
    });
    const search = query.toString();
    window.history.replaceState(null, "", search ? "?" + search : window.location.pathname);
    refresh("filter");
  }

  filters.addEventListener("change", applyFilters);
  filters.addEventListener("submit", (event) => {
    event.preventDefault();
    applyFilters();
  });

  // --- Actions (claim, assign) ------------------------------------------------------------
  root.addEventListener("submit", async (event) => {
    const form = event.target.closest("form.js-action");
    if (!form) {
      return;
    }
    event.preventDefault();
    try {
      const answer = await Linija.postForm(form);
      if (answer.ok) {
        tell(answer.data.message || "", false);
      } else {
        tell(answer.data.error || text.textFailed, true);
      }
    } catch (error) {
      tell(text.textFailed, true);
    }
    refresh("action");
  });

  function submitIn(row, selector, missing) {
    const form = row && row.querySelector(selector);
    if (form) {
      form.requestSubmit();
    } else {
      tell(missing, true);
    }
  }

  // --- Keys -------------------------------------------------------------------------------
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || help.open) {
      return;
    }
    const target = event.target;
    const typing = target.closest && target.closest("input, select, textarea, [contenteditable]");
    if (typing) {
      if (event.key === "Enter" && target.matches('select[data-control="assign"]')) {
        event.preventDefault();
        target.form.requestSubmit();
      } else if (event.key === "Escape") {
        const row = currentRow() || rows()[0];
        if (row) {
          event.preventDefault();
          focusIn(row);
        }
      }
      return;
    }
    const row = currentRow();
    switch (event.key) {
      case "j":
        move(1);
        break;
      case "k":
        move(-1);
        break;
      case "Enter":
        if (target.closest("a, button") || !row) {
          return;
        }
        row.querySelector('[data-control="link"]').click();
        break;
      case "c":
        submitIn(row, "form.claim-form", text.textNoClaim);
        break;
      case "a": {
        const choice = row && row.querySelector('select[data-control="assign"]');
        if (choice) {
          choice.focus();
        } else {
          tell(text.textNoAssign, true);
        }
        break;
      }
      case "/":
        filters.querySelector("select, input").focus();
        break;
      case "?":
        help.showModal();
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  document.getElementById("inbox-help-open").addEventListener("click", () => help.showModal());

  updateAges(body());
  window.setInterval(() => updateAges(body()), 30000);
})();
