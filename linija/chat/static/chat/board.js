/* The supervisor's live chat board: the queue, the active chats and every specialist's
   status and load. Fetched again on every chat event of the staff connection, and every
   15 seconds in any case; the wait times tick every second. */
(function () {
  "use strict";

  var root = document.getElementById("board");
  if (!root) {
    return;
  }
  var gettext = window.gettext || function (text) { return text; };
  var format = function (text, values) {
    return window.interpolate ? window.interpolate(text, values, true) : text;
  };
  var $ = function (id) { return document.getElementById(id); };
  var STATUS = { online: gettext("Online"), away: gettext("Away"), offline: gettext("Offline") };
  var timer = null;

  function duration(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    var minutes = Math.floor(seconds / 60);
    return minutes + ":" + ("0" + (seconds % 60)).slice(-2);
  }

  function since(iso) {
    var span = document.createElement("span");
    span.dataset.since = iso;
    span.textContent = duration((Date.now() - new Date(iso).getTime()) / 1000);
    return span;
  }

  function cell(row, content) {
    var td = document.createElement("td");
    td.append(content);
    row.append(td);
    return td;
  }

  function connected(value) {
    return value ? gettext("yes") : gettext("no");
  }

  function fill(body, rows, columns, empty) {
    body.textContent = "";
    if (!rows.length) {
      var tr = document.createElement("tr");
      var td = cell(tr, empty);
      td.colSpan = columns;
      td.className = "muted";
      body.append(tr);
    }
    return rows;
  }

  function render(state) {
    $("board-error").hidden = true;
    var online = state.specialists.filter(function (person) { return person.effective === "online"; });
    $("board-waiting").textContent = String(state.queue.length);
    $("board-active").textContent = String(state.active.length);
    $("board-online").textContent = String(online.length);
    $("board-median").textContent = duration(state.median_wait);

    fill($("board-queue"), state.queue, 4, gettext("Nobody is waiting.")).forEach(function (chat) {
      var tr = document.createElement("tr");
      cell(tr, chat.name + (chat.priority ? " · " + gettext("Safeguarding") : ""));
      cell(tr, [chat.category, chat.topic].filter(Boolean).join(" · ") || "–");
      cell(tr, since(chat.queued_at));
      cell(tr, connected(chat.visitor_connected));
      $("board-queue").append(tr);
    });

    fill($("board-chats"), state.active, 6, gettext("No active chats.")).forEach(function (chat) {
      var tr = document.createElement("tr");
      cell(tr, chat.name);
      cell(tr, chat.assignee ? chat.assignee.name : "–");
      cell(tr, duration((new Date(chat.accepted_at) - new Date(chat.queued_at)) / 1000));
      cell(tr, since(chat.accepted_at));
      cell(tr, connected(chat.visitor_connected));
      var link = document.createElement("a");
      link.href = root.dataset.consoleUrl + "?watch=" + chat.id;
      link.textContent = gettext("Watch");
      link.setAttribute("aria-label", format(gettext("Watch the chat with %(name)s"), { name: chat.name }));
      cell(tr, link);
      $("board-chats").append(tr);
    });

    fill($("board-people"), state.specialists, 4, gettext("No specialist has opened the console yet.")).forEach(function (person) {
      var tr = document.createElement("tr");
      cell(tr, person.name);
      var badge = document.createElement("span");
      badge.className = "badge " + (person.effective === "online" ? "ok" : person.effective === "away" ? "warn" : "muted");
      badge.textContent = STATUS[person.effective];
      cell(tr, badge);
      cell(tr, format(gettext("%(load)s of %(limit)s"), { load: person.load, limit: person.limit }));
      cell(tr, person.last_seen_at ? new Date(person.last_seen_at).toLocaleTimeString() : "–");
      $("board-people").append(tr);
    });
  }

  function refresh() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 15000);
    fetch(root.dataset.stateUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(render)
      .catch(function () { $("board-error").hidden = false; });
  }

  var soon = null;
  function refreshSoon() {
    window.clearTimeout(soon);
    soon = window.setTimeout(refresh, 250);
  }

  ["chat.queue_changed", "chat.presence_changed", "chat.board_changed"].forEach(function (name) {
    document.addEventListener("linija:" + name, refreshSoon);
  });
  window.setInterval(function () {
    document.querySelectorAll("#board [data-since]").forEach(function (element) {
      element.textContent = duration((Date.now() - new Date(element.dataset.since).getTime()) / 1000);
    });
  }, 1000);
  refresh();
})();
