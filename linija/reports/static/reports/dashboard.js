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
  var EVENTS = [
    "inbox.changed",
    "phone.call_incoming",
    "phone.call_answered",
    "phone.call_ended",
    "phone.callback_changed",
    "chat.queue_changed",
    "chat.board_changed",
    "chat.presence_changed",
    "mail.received",
  ];

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

  EVENTS.forEach(function (name) {
    document.addEventListener("linija:" + name, soon);
  });
  window.setInterval(refresh, POLL_MS);
})();
