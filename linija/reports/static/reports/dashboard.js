// The reports dashboard keeps itself up to date: it asks for fresh figures when the staff
// connection announces a change (debounced), and every 30 seconds in any case.
(function () {
  "use strict";
  var root = document.getElementById("dashboard");
  if (!root) {
    return;
  }
  var url = root.dataset.url;
  var POLL_MS = 30000;
  var pending = null;

  function show(data) {
    Object.keys(data.figures).forEach(function (key) {
      var element = root.querySelector('[data-figure="' + key + '"]');
      if (element) {
        element.textContent = data.figures[key];
      }
    });
    data.comparison.forEach(function (row, rowIndex) {
      row.forEach(function (value, columnIndex) {
        var cell = root.querySelector('[data-cell="' + rowIndex + "-" + columnIndex + '"]');
        if (cell) {
          cell.textContent = value;
        }
      });
    });
    var updated = document.getElementById("dashboard-updated");
    if (updated) {
      updated.textContent = data.updated;
    }
  }

  function refresh() {
    pending = null;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data) {
          show(data);
        }
      })
      .catch(function () {});
  }

  function soon() {
    if (pending === null) {
      pending = window.setTimeout(refresh, 1500);
    }
  }

  // The events come from the server: the inbox's and the apps' ``dashboard_events``.
  root.dataset.refreshEvents.split(" ").forEach(function (name) {
    if (name) {
      document.addEventListener("linija:" + name, soon);
    }
  });
  window.setInterval(refresh, POLL_MS);
})();
