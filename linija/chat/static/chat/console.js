/* The specialist's chat console: presence, the queue, several chats at once as tabs.

   The queue arrives over the staff page's live connection (events "linija:chat.*", then the
   state is fetched over HTTP); each chat's messages, typing and read receipts over the chat
   socket. Messages wait in an outbox until the server acknowledges them and are sent again
   after a reconnect; they are shown with textContent only. */
(function () {
  "use strict";

  var root = document.getElementById("console");
  if (!root) {
    return;
  }

  var PING_MS = 25000;
  var REFRESH_MS = 30000;
  var TYPING_REPEAT_MS = 3000;
  var TYPING_IDLE_MS = 4000;
  var TYPING_SHOWN_MS = 7000;

  var gettext = window.gettext || function (text) { return text; };
  var ngettext = window.ngettext || function (singular, plural, count) {
    return count === 1 ? singular : plural;
  };
  var format = function (text, values) {
    return window.interpolate ? window.interpolate(text, values, true) : text;
  };
  var $ = function (id) { return document.getElementById(id); };
  var me = Number(root.dataset.user);
  var maxLength = parseInt(root.dataset.maxLength, 10);

  var state = null;
  var panes = {};
  var current = null;
  var outbox = {};
  var socket = null;
  var retryDelay = 1000;
  var pingTimer = null;
  var refreshTimer = null;
  var wantedOpen = Number(root.dataset.open) || null;
  var wantedPresence = null;

  // --- Helpers ----------------------------------------------------------------------------

  function newId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return "s-" + Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function clock(iso) {
    var date = iso ? new Date(iso) : new Date();
    return ("0" + date.getHours()).slice(-2) + ":" + ("0" + date.getMinutes()).slice(-2);
  }

  function waited(iso) {
    var seconds = Math.max(0, Math.floor((Date.now() - new Date(iso).getTime()) / 1000));
    var minutes = Math.floor(seconds / 60);
    return minutes + ":" + ("0" + (seconds % 60)).slice(-2);
  }

  function showError(text) {
    var element = $("console-error");
    element.textContent = text;
    element.hidden = false;
    window.clearTimeout(showError.timer);
    showError.timer = window.setTimeout(function () { element.hidden = true; }, 8000);
  }

  function getJson(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      });
  }

  function sessionUrl(id) {
    return root.dataset.sessionUrl.replace("/0/", "/" + id + "/");
  }

  // --- The socket -------------------------------------------------------------------------

  function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  // An action the person clicked: said to fail at once when there is no connection.
  function act(frame) {
    if (!send(frame)) {
      showError(gettext("Not connected yet. Wait a moment and try again."));
      return false;
    }
    return true;
  }

  function setConnection(text) {
    var element = $("console-connection");
    element.textContent = text;
    element.hidden = !text;
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var own = new WebSocket(scheme + window.location.host + root.dataset.ws);
    socket = own;
    own.addEventListener("open", function () {
      retryDelay = 1000;
      setConnection("");
      pingTimer = window.setInterval(function () { send({ type: "ping" }); }, PING_MS);
      Object.keys(outbox).forEach(function (clientId) { send(outbox[clientId].frame); });
      if (wantedPresence) {
        send({ type: "presence", status: wantedPresence });
      }
      if (root.dataset.watch) {
        send({ type: "watch", session: Number(root.dataset.watch) });
      }
      refresh();
      Object.keys(panes).forEach(function (id) { loadHistory(panes[id]); });
    });
    own.addEventListener("message", function (event) {
      var frame;
      try {
        frame = JSON.parse(event.data);
      } catch (error) {
        return;
      }
      if (handlers[frame.type]) {
        handlers[frame.type](frame);
      }
    });
    own.addEventListener("close", function (event) {
      window.clearInterval(pingTimer);
      if (own !== socket) {
        return;
      }
      if (event.code === 4403) {
        setConnection(gettext("The console cannot connect: log in again."));
        return;
      }
      setConnection(gettext("The connection was lost. Reconnecting…"));
      window.setTimeout(connect, retryDelay + Math.random() * 500);
      retryDelay = Math.min(retryDelay * 2, 15000);
    });
  }

  // --- Presence, load and the queue -------------------------------------------------------

  function refresh() {
    window.clearTimeout(refreshTimer);
    refreshTimer = window.setTimeout(refresh, REFRESH_MS);
    return getJson(root.dataset.stateUrl).then(render).catch(function () {
      setConnection(gettext("The console could not load. Retrying…"));
    });
  }

  var refreshSoon = (function () {
    var timer = null;
    return function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 250);
    };
  })();

  function render(next) {
    state = next;
    var mine = state.me;
    document.querySelectorAll("input[name=presence]").forEach(function (radio) {
      radio.checked = radio.value === (wantedPresence || mine.status);
    });
    $("console-presence-state").textContent = presenceText(mine);
    $("console-load").textContent = format(gettext("%(load)s of %(limit)s chats"), { load: mine.load, limit: mine.limit });
    renderQueue();
    state.chats.forEach(function (row) {
      if (!panes[row.id]) {
        openPane(row, false);
      }
    });
    Object.keys(panes).forEach(function (id) {
      var pane = panes[id];
      var stillMine = state.chats.some(function (row) { return row.id === pane.id; });
      if (!stillMine && !pane.watching && pane.row.state === "active") {
        closePane(pane);
      }
    });
    Object.keys(panes).forEach(function (id) { fillTransfer(panes[id]); });
    if (wantedOpen && panes[wantedOpen]) {
      select(panes[wantedOpen], false);
      wantedOpen = null;
    }
  }

  function presenceText(mine) {
    if (wantedPresence && wantedPresence !== mine.status) {
      return gettext("Changing your status…");
    }
    if (mine.status !== "offline" && mine.effective === "offline") {
      return gettext("Connecting your console…");
    }
    return {
      online: gettext("You are online: new chats can come to you."),
      away: gettext("You are away: you keep your chats, but new ones do not come to you."),
      offline: gettext("You are offline: no chats come to you."),
    }[mine.effective];
  }

  function acceptBlocked() {
    if (state.me.effective !== "online") {
      return gettext("Set yourself online to accept chats.");
    }
    if (state.me.load >= state.me.limit) {
      return gettext("You are at your limit of chats. End one to accept another.");
    }
    return "";
  }

  var announced = null;

  function announceArrivals() {
    var ids = state.queue.map(function (row) { return row.id; });
    if (announced) {
      var arrived = state.queue.filter(function (row) { return announced.indexOf(row.id) === -1; });
      if (arrived.length) {
        $("console-announce").textContent = format(
          ngettext("%(count)s new chat waiting: %(names)s", "%(count)s new chats waiting: %(names)s", arrived.length),
          { count: arrived.length, names: arrived.map(function (row) { return row.name; }).join(", ") }
        );
      }
    }
    announced = ids;
  }

  function renderQueue() {
    announceArrivals();
    var list = $("queue");
    var blocked = acceptBlocked();
    list.textContent = "";
    $("queue-count").textContent = String(state.queue.length);
    $("queue-empty").hidden = state.queue.length > 0;
    $("queue-hint").textContent = blocked;
    $("queue-hint").hidden = !blocked || state.queue.length === 0;
    state.queue.forEach(function (row) {
      var item = document.createElement("li");
      item.className = "console-queue-item" + (row.priority ? " priority" : "");
      var title = document.createElement("p");
      title.className = "console-queue-name";
      title.textContent = row.name;
      if (row.priority) {
        var badge = document.createElement("span");
        badge.className = "badge warn";
        badge.textContent = gettext("Safeguarding");
        title.append(" ", badge);
      }
      var meta = document.createElement("p");
      meta.className = "muted";
      meta.textContent = [row.category, row.topic].filter(Boolean).join(" · ") || gettext("No category or topic given");
      var wait = document.createElement("p");
      var since = document.createElement("span");
      since.dataset.since = row.queued_at;
      since.textContent = waited(row.queued_at);
      wait.append(gettext("Waiting") + " ", since);
      if (!row.visitor_connected) {
        wait.append(" · " + gettext("the person is not connected"));
      }
      item.append(title, meta, wait);
      if (row.preview) {
        var preview = document.createElement("blockquote");
        preview.className = "console-preview";
        preview.textContent = row.preview;
        item.append(preview);
      }
      var accept = document.createElement("button");
      accept.type = "button";
      accept.className = "button primary";
      accept.textContent = gettext("Accept");
      accept.setAttribute("aria-label", format(gettext("Accept the chat with %(name)s"), { name: row.name }));
      accept.disabled = Boolean(blocked);
      accept.addEventListener("click", function () {
        accept.disabled = act({ type: "accept", session: row.id });
      });
      item.append(accept);
      list.append(item);
    });
  }

  document.querySelectorAll("input[name=presence]").forEach(function (radio) {
    radio.addEventListener("change", function () {
      wantedPresence = radio.value;
      if (state) {
        $("console-presence-state").textContent = presenceText(state.me);
      }
      send({ type: "presence", status: radio.value });
    });
  });

  window.setInterval(function () {
    document.querySelectorAll("[data-since]").forEach(function (element) {
      element.textContent = waited(element.dataset.since);
    });
  }, 1000);

  ["chat.queue_changed", "chat.presence_changed", "chat.board_changed"].forEach(function (name) {
    document.addEventListener("linija:" + name, refreshSoon);
  });

  // --- Chat panes -------------------------------------------------------------------------

  // The canned answers in the visitor's language only (the page has every language's); none
  // at all when that language has none.
  function keepCannedIn(element, language) {
    var canned = element.querySelector(".pane-canned");
    if (!canned) {
      return;
    }
    canned.querySelectorAll("option[lang]").forEach(function (option) {
      if (option.lang !== language.slice(0, 2)) {
        option.remove();
      }
    });
    if (!canned.querySelector("option[lang]")) {
      canned.closest(".field").remove();
    }
  }

  function openPane(row, watching) {
    var fragment = $("pane-template").content.cloneNode(true);
    var element = fragment.querySelector(".chat-pane");
    element.querySelectorAll("[id], [for], [aria-describedby]").forEach(function (node) {
      ["id", "for", "aria-describedby"].forEach(function (name) {
        var value = node.getAttribute(name);
        if (value) {
          node.setAttribute(name, value.replace("__ID__", row.id));
        }
      });
    });
    element.id = "pane-" + row.id;
    keepCannedIn(element, row.language);
    var tab = document.createElement("button");
    tab.type = "button";
    tab.id = "tab-" + row.id;
    tab.setAttribute("role", "tab");
    tab.setAttribute("aria-controls", element.id);
    tab.className = "console-tab";
    element.setAttribute("aria-labelledby", tab.id);
    var pane = {
      id: row.id,
      row: row,
      watching: watching,
      element: element,
      tab: tab,
      log: element.querySelector(".chat-log"),
      input: element.querySelector(".pane-input"),
      shown: {},
      pending: {},
      unread: 0,
      readSent: 0,
      visitorReadUpTo: 0,
      lastTyping: 0,
      typingIdle: null,
      typingHide: null,
      endRequested: false,
    };
    panes[row.id] = pane;
    $("chat-tabs").append(tab);
    $("chat-panes").append(element);
    wirePane(pane);
    updatePane(pane, row);
    fillTransfer(pane);
    loadHistory(pane);
    $("chats-empty").hidden = true;
    if (!current) {
      select(pane, false);
    } else {
      element.hidden = true;
      tab.setAttribute("aria-selected", "false");
      tab.tabIndex = -1;
    }
    return pane;
  }

  function closePane(pane) {
    pane.tab.remove();
    pane.element.remove();
    delete panes[pane.id];
    if (current === pane) {
      current = null;
      var next = Object.keys(panes)[0];
      if (next) {
        select(panes[next], false);
      }
    }
    $("chats-empty").hidden = Object.keys(panes).length > 0;
    updateTitle();
  }

  function select(pane, focus) {
    Object.keys(panes).forEach(function (id) {
      var other = panes[id];
      var chosen = other === pane;
      other.element.hidden = !chosen;
      other.tab.setAttribute("aria-selected", String(chosen));
      other.tab.tabIndex = chosen ? 0 : -1;
    });
    current = pane;
    pane.unread = 0;
    updateTab(pane);
    markRead(pane);
    if (focus) {
      pane.tab.focus();
    }
  }

  function updateTab(pane) {
    pane.tab.textContent = pane.row.name + (pane.watching ? " (" + gettext("watching") + ")" : "");
    if (pane.unread) {
      var badge = document.createElement("span");
      badge.className = "badge warn";
      badge.textContent = String(pane.unread);
      pane.tab.append(" ", badge);
    }
    updateTitle();
  }

  function updateTitle() {
    var total = Object.keys(panes).reduce(function (sum, id) { return sum + panes[id].unread; }, 0);
    document.dispatchEvent(new CustomEvent("linija:unread", { detail: { count: total } }));
  }

  function updatePane(pane, row) {
    pane.row = row;
    var element = pane.element;
    element.querySelector(".pane-title").textContent = row.name;
    var meta = [row.category, row.topic].filter(Boolean);
    if (row.accepted_at) {
      meta.push(format(gettext("since %(time)s"), { time: clock(row.accepted_at) }));
    }
    if (row.assignee && row.assignee.id !== me) {
      meta.push(format(gettext("with %(name)s"), { name: row.assignee.name }));
    }
    element.querySelector(".pane-meta").textContent = meta.join(" · ");
    element.querySelector(".pane-visitor").textContent = row.state === "ended"
      ? ""
      : row.visitor_connected ? gettext("The person is connected.") : gettext("The person has left the page; they can still come back.");
    pane.visitorReadUpTo = Math.max(pane.visitorReadUpTo, row.visitor_read_up_to || 0);
    markVisitorRead(pane);
    var ended = row.state === "ended";
    var mineNow = row.assignee && row.assignee.id === me;
    element.querySelector(".pane-compose").hidden = ended;
    element.querySelector(".pane-transfer").hidden = ended || row.state !== "active";
    element.querySelector(".pane-end").hidden = ended;
    var note = element.querySelector(".pane-note");
    note.checked = note.checked || !mineNow;
    note.disabled = !mineNow;
    var endedBox = element.querySelector(".pane-ended");
    endedBox.hidden = !ended;
    if (ended) {
      element.querySelector(".pane-ended-text").textContent = row.ended_at
        ? format(gettext("The chat ended at %(time)s."), { time: clock(row.ended_at) })
        : gettext("The chat has ended.");
      var record = element.querySelector(".pane-record");
      record.href = row.record_url;
      record.hidden = !mineNow;
      showTyping(pane, false);
      if (pane.endRequested && mineNow) {
        pane.endRequested = false;
        record.focus();
      }
    }
    updateTab(pane);
  }

  function fillTransfer(pane) {
    var select = pane.element.querySelector(".pane-to");
    var chosen = select.value;
    select.textContent = "";
    var queue = document.createElement("option");
    queue.value = "";
    queue.textContent = gettext("Back to the queue");
    select.append(queue);
    (state ? state.colleagues : []).forEach(function (colleague) {
      var option = document.createElement("option");
      option.value = String(colleague.id);
      var full = colleague.load >= colleague.limit;
      var away = colleague.effective !== "online";
      option.textContent = colleague.name + (away ? " (" + gettext("away") + ")" : full ? " (" + gettext("no free place") + ")" : format(gettext(" (%(load)s of %(limit)s)"), { load: colleague.load, limit: colleague.limit }));
      option.disabled = away || full;
      select.append(option);
    });
    select.value = chosen;
  }

  function loadHistory(pane) {
    getJson(sessionUrl(pane.id)).then(function (data) {
      data.messages.forEach(function (message) { showMessage(pane, message, false); });
      updatePane(pane, data.row);
      markRead(pane);
    }).catch(function () {
      showError(gettext("This chat could not be loaded."));
    });
  }

  function messageElement(pane, message) {
    var item = document.createElement("li");
    var own = message.direction === "out";
    var kind = message.direction === "note" ? "chat-msg-note" : own ? "chat-msg-own" : "chat-msg-theirs";
    item.className = "chat-msg " + kind;
    var meta = document.createElement("p");
    meta.className = "chat-msg-meta";
    var who = document.createElement("span");
    who.className = "chat-msg-author";
    who.textContent = message.direction === "in"
      ? pane.row.name
      : message.direction === "note" ? format(gettext("Note · %(name)s"), { name: message.author }) : message.author;
    var time = document.createElement("time");
    time.textContent = clock(message.created_at);
    meta.append(who, " ", time);
    var text = document.createElement("p");
    text.className = "chat-msg-body";
    text.textContent = message.body;
    item.append(meta, text);
    if (own) {
      var delivery = document.createElement("p");
      delivery.className = "chat-msg-state";
      item.append(delivery);
    }
    return item;
  }

  function setDelivery(pane, element, id) {
    var state = !id ? "sending" : id <= pane.visitorReadUpTo ? "read" : "stored";
    element.dataset.delivery = state;
    element.querySelector(".chat-msg-state").textContent = {
      sending: gettext("Sending…"),
      stored: gettext("Delivered"),
      read: gettext("Seen by the person"),
    }[state];
  }

  function showMessage(pane, message, live) {
    if (pane.shown[message.id]) {
      return;
    }
    var element = message.client_id ? pane.pending[message.client_id] : null;
    if (element) {
      delete pane.pending[message.client_id];
    } else {
      element = messageElement(pane, message);
      insertInOrder(pane, element, message.id);
    }
    element.dataset.id = message.id;
    pane.shown[message.id] = element;
    if (message.direction === "out") {
      setDelivery(pane, element, message.id);
    }
    if (message.direction === "in") {
      showTyping(pane, false);
      if (live && (current !== pane || document.hidden)) {
        pane.unread += 1;
        updateTab(pane);
      }
    }
    pane.log.scrollTop = pane.log.scrollHeight;
  }

  function insertInOrder(pane, element, id) {
    var after = null;
    pane.log.querySelectorAll("[data-id]").forEach(function (node) {
      if (Number(node.dataset.id) > id && !after) {
        after = node;
      }
    });
    pane.log.insertBefore(element, after);
  }

  function markVisitorRead(pane) {
    Object.keys(pane.shown).forEach(function (id) {
      var element = pane.shown[id];
      if (element.classList.contains("chat-msg-own")) {
        setDelivery(pane, element, Number(id));
      }
    });
  }

  function markRead(pane) {
    if (current !== pane || document.hidden || pane.watching || pane.row.state === "ended") {
      return;
    }
    var latest = 0;
    Object.keys(pane.shown).forEach(function (id) {
      if (pane.shown[id].classList.contains("chat-msg-theirs")) {
        latest = Math.max(latest, Number(id));
      }
    });
    if (latest > pane.readSent && send({ type: "read", session: pane.id, up_to: latest })) {
      pane.readSent = latest;
    }
  }

  function showTyping(pane, active) {
    var element = pane.element.querySelector(".chat-typing");
    window.clearTimeout(pane.typingHide);
    element.hidden = !active;
    if (active) {
      element.textContent = format(gettext("%(name)s is typing…"), { name: pane.row.name });
      pane.typingHide = window.setTimeout(function () { element.hidden = true; }, TYPING_SHOWN_MS);
    }
  }

  function sendMessage(pane) {
    var body = pane.input.value;
    if (!body.trim()) {
      return;
    }
    if (Linija.length(body) > maxLength) {
      showError(format(gettext("A message can have at most %(count)s characters."), { count: Linija.number(maxLength) }));
      return;
    }
    var note = pane.element.querySelector(".pane-note").checked;
    var clientId = newId();
    var frame = { type: "message", session: pane.id, client_id: clientId, body: body, note: note };
    outbox[clientId] = { pane: pane, frame: frame };
    var element = messageElement(pane, {
      direction: note ? "note" : "out", body: body, author: gettext("You"), created_at: null,
    });
    pane.pending[clientId] = element;
    pane.log.append(element);
    if (!note) {
      setDelivery(pane, element, null);
    }
    pane.log.scrollTop = pane.log.scrollHeight;
    send(frame);
    pane.input.value = "";
    stopTyping(pane);
  }

  function stopTyping(pane) {
    window.clearTimeout(pane.typingIdle);
    if (pane.lastTyping) {
      pane.lastTyping = 0;
      send({ type: "typing", session: pane.id, active: false });
    }
  }

  function wirePane(pane) {
    var element = pane.element;
    pane.tab.addEventListener("click", function () { select(pane, false); });
    pane.tab.addEventListener("keydown", function (event) {
      var ids = Object.keys(panes);
      var index = ids.indexOf(String(pane.id));
      if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
        var step = event.key === "ArrowRight" ? 1 : -1;
        select(panes[ids[(index + step + ids.length) % ids.length]], true);
        event.preventDefault();
      }
    });
    element.querySelector(".pane-compose").addEventListener("submit", function (event) {
      event.preventDefault();
      sendMessage(pane);
    });
    pane.input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        sendMessage(pane);
      }
    });
    pane.input.addEventListener("input", function () {
      var now = Date.now();
      var note = element.querySelector(".pane-note").checked;
      if (!note && pane.input.value.trim() && now - pane.lastTyping > TYPING_REPEAT_MS) {
        pane.lastTyping = now;
        send({ type: "typing", session: pane.id, active: true });
      }
      window.clearTimeout(pane.typingIdle);
      pane.typingIdle = window.setTimeout(function () { stopTyping(pane); }, TYPING_IDLE_MS);
    });
    pane.input.addEventListener("focus", function () { markRead(pane); });
    var canned = element.querySelector(".pane-canned");
    if (canned) {
      canned.addEventListener("change", function () {
        var option = canned.options[canned.selectedIndex];
        if (option && option.dataset.text) {
          pane.input.value = option.dataset.text;
          pane.input.focus();
        }
        canned.value = "";
      });
    }
    element.querySelector(".pane-transfer-form").addEventListener("submit", function (event) {
      event.preventDefault();
      var to = element.querySelector(".pane-to").value;
      act({
        type: "transfer",
        session: pane.id,
        to: to ? Number(to) : null,
        note: element.querySelector(".pane-transfer-note").value,
      });
    });
    var endButton = element.querySelector(".pane-end-button");
    var confirmBox = element.querySelector(".pane-end-confirm");
    endButton.addEventListener("click", function () {
      endButton.hidden = true;
      confirmBox.hidden = false;
      element.querySelector(".pane-end-no").focus();
    });
    element.querySelector(".pane-end-no").addEventListener("click", function () {
      confirmBox.hidden = true;
      endButton.hidden = false;
      endButton.focus();
    });
    element.querySelector(".pane-end-yes").addEventListener("click", function () {
      confirmBox.hidden = true;
      endButton.hidden = false;
      pane.endRequested = act({ type: "end", session: pane.id });
    });
    element.querySelector(".pane-close").addEventListener("click", function () {
      closePane(pane);
    });
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && current) {
      markRead(current);
    }
  });

  // --- Frames from the server -------------------------------------------------------------

  var handlers = {
    ack: function (frame) {
      var entry = outbox[frame.client_id];
      delete outbox[frame.client_id];
      var pane = panes[frame.session];
      if (!pane) {
        return;
      }
      var element = pane.pending[frame.client_id];
      if (element) {
        delete pane.pending[frame.client_id];
        element.dataset.id = frame.id;
        pane.shown[frame.id] = element;
        if (entry && !entry.frame.note) {
          setDelivery(pane, element, frame.id);
        }
      }
    },
    message: function (frame) {
      var pane = panes[frame.session];
      if (pane) {
        showMessage(pane, frame.message, true);
        markRead(pane);
      }
    },
    typing: function (frame) {
      var pane = panes[frame.session];
      if (pane && pane.row.state !== "ended") {
        showTyping(pane, frame.active);
      }
    },
    read: function (frame) {
      var pane = panes[frame.session];
      if (pane && frame.side === "visitor") {
        pane.visitorReadUpTo = Math.max(pane.visitorReadUpTo, frame.up_to);
        markVisitorRead(pane);
      }
    },
    session: function (frame) {
      var pane = panes[frame.row.id];
      if (pane) {
        updatePane(pane, frame.row);
      }
      refreshSoon();
    },
    accepted: function (frame) {
      wantedOpen = frame.session;
      refresh();
    },
    assigned: function (frame) {
      if (!panes[frame.session]) {
        getJson(sessionUrl(frame.session)).then(function (data) {
          if (!panes[frame.session]) {
            openPane(data.row, false);
          }
          refresh();
        });
      }
    },
    unassigned: function (frame) {
      var pane = panes[frame.session];
      if (pane && !pane.watching) {
        closePane(pane);
      }
      refreshSoon();
    },
    transferred: function () {
      refreshSoon();
    },
    watching: function (frame) {
      getJson(sessionUrl(frame.session)).then(function (data) {
        var pane = panes[frame.session] || openPane(data.row, true);
        select(pane, true);
      });
    },
    presence: function () {
      wantedPresence = null;
      refresh();
    },
    error: function (frame) {
      if (frame.client_id && outbox[frame.client_id]) {
        var entry = outbox[frame.client_id];
        delete outbox[frame.client_id];
        var element = entry.pane.pending[frame.client_id];
        if (element) {
          element.classList.add("chat-msg-failed");
          var delivery = element.querySelector(".chat-msg-state");
          if (delivery) {
            delivery.textContent = gettext("Not sent");
          }
        }
      }
      showError(frame.message);
      refreshSoon();
    },
    pong: function () {},
  };

  connect();
})();
