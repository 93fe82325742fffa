/* The supervisor's live chat board: the queue, the active chats and every specialist's
   status and load. Fetched again on every chat event of the staff connection, and every
   15 seconds in any case; the wait times tick every second. */
(() => {
  "use strict";

  const root = document.getElementById("board");
  if (!root) {
    return;
  }
  const { gettext, format, duration, secondsSince } = Linija;
  const $ = (id) => document.getElementById(id);
  const STATUS = { online: gettext("Online"), away: gettext("Away"), offline: gettext("Offline") };
  let timer = null;

  function since(iso) {
    const span = document.createElement("span");
    span.dataset.since = iso;
    span.textContent = duration(secondsSince(iso));
    return span;
  }

  function cell(row, content) {
    const td = document.createElement("td");
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
      const tr = document.createElement("tr");
      const td = cell(tr, empty);
      td.colSpan = columns;
      td.className = "muted";
      body.append(tr);
    }
    return rows;
  }

  function render(state) {
    $("board-error").hidden = true;
    const online = state.specialists.filter((person) => person.effective === "online");
    $("board-waiting").textContent = String(state.queue.length);
    $("board-active").textContent = String(state.active.length);
    $("board-online").textContent = String(online.length);
    $("board-median").textContent = duration(state.median_wait);

    fill($("board-queue"), state.queue, 4, gettext("Nobody is waiting.")).forEach((chat) => {
      const tr = document.createElement("tr");
      cell(tr, chat.name + (chat.priority ? " · " + gettext("Safeguarding") : ""));
      cell(tr, [chat.category, chat.topic].filter(Boolean).join(" · ") || "–");
      cell(tr, since(chat.queued_at));
      cell(tr, connected(chat.visitor_connected));
      $("board-queue").append(tr);
    });

    fill($("board-chats"), state.active, 6, gettext("No active chats.")).forEach((chat) => {
      const tr = document.createElement("tr");
      cell(tr, chat.name);
      cell(tr, chat.assignee ? chat.assignee.name : "–");
      cell(tr, duration((new Date(chat.accepted_at) - new Date(chat.queued_at)) / 1000));
      cell(tr, since(chat.accepted_at));
      cell(tr, connected(chat.visitor_connected));
      const link = document.createElement("a");
      link.href = root.dataset.consoleUrl + "?watch=" + chat.id;
      link.textContent = gettext("Watch");
      link.setAttribute("aria-label", format(gettext("Watch the chat with %(name)s"), { name: chat.name }));
      cell(tr, link);
      $("board-chats").append(tr);
    });

    fill($("board-people"), state.specialists, 4, gettext("No specialist has opened the console yet.")).forEach((person) => {
      const tr = document.createElement("tr");
      cell(tr, person.name);
      const badge = document.createElement("span");
      badge.className = "badge " + (person.effective === "online" ? "ok" : person.effective === "away" ? "warn" : "muted");
      badge.textContent = STATUS[person.effective];
      cell(tr, badge);
      cell(tr, format(gettext("%(load)s of %(limit)s"), { load: person.load, limit: person.limit }));
      cell(tr, person.last_seen_at ? new Date(person.last_seen_at).toLocaleTimeString() : "–");
      $("board-people").append(tr);
    });
  }

  async function refresh() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 15000);
    let state;
    try {
      state = await Linija.getJson(root.dataset.stateUrl);
    } catch (error) {
      $("board-error").hidden = false;
      return;
    }
    render(state);
  }

  Linija.on(["chat.queue_changed", "chat.presence_changed", "chat.board_changed"], Linija.debounce(refresh, 250));
  window.setInterval(() => {
    document.querySelectorAll("#board [data-since]").forEach((element) => {
      element.textContent = duration(secondsSince(element.dataset.since));
    });
  }, 1000);
  refresh();
})();
