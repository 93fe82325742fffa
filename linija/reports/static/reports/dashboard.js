// The reports dashboard keeps itself up to date: it asks for fresh figures when the staff
// connection announces a change (debounced), and every 30 seconds in any case.
(() => {
  "use strict";
  const root = document.getElementById("dashboard");
  if (!root) {
    return;
  }
  const POLL_MS = 30000;

  function show(data) {
    Object.entries(data.figures).forEach(([key, value]) => {
      const element = root.querySelector('[data-figure="' + key + '"]');
      if (element) {
        element.textContent = value;
      }
    });
    data.comparison.forEach((row, rowIndex) => {
      row.forEach((value, columnIndex) => {
        const cell = root.querySelector('[data-cell="' + rowIndex + "-" + columnIndex + '"]');
        if (cell) {
          cell.textContent = value;
        }
      });
    });
    const updated = document.getElementById("dashboard-updated");
    if (updated) {
      updated.textContent = data.updated;
    }
  }

  async function refresh() {
    try {
      show(await Linija.getJson(root.dataset.url));
    } catch (error) {
      // The next change or the next poll asks again.
    }
  }

  // The events come from the server: the inbox's and the apps' ``dashboard_events``.
  Linija.on(root.dataset.refreshEvents, Linija.debounce(refresh, 1500));
  window.setInterval(refresh, POLL_MS);
})();
