/* The visitor's chat: one WebSocket, resumed after a reload or a dropped network.

   The token lives in sessionStorage ("linija-chat-token"), so the quick exit forgets it.
   Every message gets a client id and waits in an outbox (also in sessionStorage) until the
   server acknowledges it; after a reconnect the outbox is sent again and the server keeps
   each message once. Messages are always shown with textContent, never as HTML. */
(function () {
  "use strict";

  var root = document.getElementById("chat");
  if (!root) {
    return;
  }

  var TOKEN_KEY = "linija-chat-token";
  var OUTBOX_KEY = "linija-chat-outbox";
  var START_KEY = "linija-chat-start";
  var PING_MS = 25000;
  var TYPING_REPEAT_MS = 3000;
  var TYPING_IDLE_MS = 4000;
  var TYPING_SHOWN_MS = 7000;
  var RETRY_SENDING_MS = 5000;
  var RETRY_FIRST_MS = 1000;
  var RETRY_LAST_MS = 15000;
  var BACK_SHOWN_MS = 5000;

  var gettext = window.gettext || function (text) { return text; };
  var format = function (text, values) {
    return window.interpolate ? window.interpolate(text, values, true) : text;
  };
  var ngettext = window.ngettext || function (singular, plural, count) {
    return count === 1 ? singular : plural;
  };

  var embedded = root.dataset.embed === "1";
  var maxLength = parseInt(root.dataset.maxLength, 10);
  var $ = function (id) { return document.getElementById(id); };
  var panels = {
    offline: $("chat-offline"),
    prechat: $("chat-prechat"),
    conversation: $("chat-conversation"),
    ended: $("chat-ended"),
  };
  var log = $("chat-log");
  var input = $("chat-input");

  var socket = null;
  var retryDelay = RETRY_FIRST_MS;
  var pingTimer = null;
  var dropped = false; // the socket was lost and the server has not answered since
  var backHide = null;
  var leaving = false;
  var chat = null; // the chat's state from the server, or null before a chat
  var startedToken = null; // the token of the chat started here, should storage be refused
  var availability = null;
  var shown = {}; // message id -> element
  var pendingShown = {}; // client id -> element of a message not yet acknowledged
  var specialistReadUpTo = 0;
  var visitorReadSent = 0;
  var lastTypingSent = 0;
  var typingIdle = null;
  var typingHide = null;
  var hiddenByHost = false;
  var unread = 0;

  // --- Storage: forgiving, as the browser may refuse it ------------------------------------

  function load(key, fallback) {
    try {
      var value = window.sessionStorage.getItem(key);
      return value === null ? fallback : JSON.parse(value);
    } catch (error) {
      return fallback;
    }
  }

  function store(key, value) {
    try {
      if (value === null) {
        window.sessionStorage.removeItem(key);
      } else {
        window.sessionStorage.setItem(key, JSON.stringify(value));
      }
    } catch (error) {
      /* Without storage the chat still works; it only cannot be resumed after a reload. */
    }
  }

  function outbox() {
    return load(OUTBOX_KEY, []);
  }

  function newId(prefix) {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return prefix + Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  // --- The socket -------------------------------------------------------------------------

  function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  function setConnection(text) {
    var element = $("chat-connection");
    window.clearTimeout(backHide);
    element.textContent = text;
    element.hidden = !text;
  }

  // The server answered: the retries start again from the shortest wait (an open socket is
  // not enough: with Redis down the server opens it and closes it at once), and a visitor who
  // saw the connection lost is told it is back.
  function connected() {
    retryDelay = RETRY_FIRST_MS;
    if (!dropped) {
      setConnection("");
      return;
    }
    dropped = false;
    setConnection(gettext("Connected again."));
    backHide = window.setTimeout(function () { setConnection(""); }, BACK_SHOWN_MS);
  }

  function connect() {
    if (leaving || (socket && socket.readyState <= WebSocket.OPEN)) {
      return;
    }
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var own = new WebSocket(scheme + window.location.host + root.dataset.ws);
    socket = own;
    own.addEventListener("open", function () {
      send({ type: "hello", token: load(TOKEN_KEY, null), lang: root.dataset.lang });
      window.clearInterval(pingTimer);
      pingTimer = window.setInterval(function () { send({ type: "ping" }); }, PING_MS);
    });
    own.addEventListener("message", function (event) {
      var frame;
      try {
        frame = JSON.parse(event.data);
      } catch (error) {
        return;
      }
      var handler = handlers[frame.type];
      if (handler) {
        handler(frame);
      }
    });
    own.addEventListener("close", function () {
      if (leaving || own !== socket) {
        return;
      }
      window.clearInterval(pingTimer);
      if (!dropped) {
        dropped = true;
        setConnection(gettext("The connection was lost. Reconnecting…"));
      }
      window.setTimeout(connect, retryDelay + Math.random() * 500);
      retryDelay = Math.min(retryDelay * 2, RETRY_LAST_MS);
    });
  }

  window.addEventListener("online", function () {
    retryDelay = RETRY_FIRST_MS;
    connect();
  });
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) {
      connect();
      markRead();
    }
  });

  // --- Panels -----------------------------------------------------------------------------

  function show(name, focus) {
    Object.keys(panels).forEach(function (key) {
      var visible = key === name || (name === "ended" && key === "conversation");
      panels[key].hidden = !visible;
    });
    if (focus) {
      var heading = panels[name].querySelector("h2");
      heading.focus();
    }
  }

  function showLobby(focus) {
    if (availability && !availability.available) {
      panels.offline.querySelectorAll("[data-reason]").forEach(function (element) {
        element.hidden = element.dataset.reason !== availability.reason;
      });
      $("chat-next-opening").textContent = availability.next_opening || "";
      show("offline", focus);
    } else {
      show("prechat", focus);
    }
  }

  // --- Messages ---------------------------------------------------------------------------

  function clock(iso) {
    var date = iso ? new Date(iso) : new Date();
    return ("0" + date.getHours()).slice(-2) + ":" + ("0" + date.getMinutes()).slice(-2);
  }

  function deliveryText(state) {
    return { sending: gettext("Sending…"), stored: gettext("Delivered"), read: gettext("Read") }[state];
  }

  function setDelivery(element, state) {
    element.dataset.delivery = state;
    element.querySelector(".chat-msg-state").textContent = deliveryText(state);
  }

  function messageElement(own, author, body, iso) {
    var item = document.createElement("li");
    item.className = "chat-msg " + (own ? "chat-msg-own" : "chat-msg-theirs");
    var meta = document.createElement("p");
    meta.className = "chat-msg-meta";
    var who = document.createElement("span");
    who.className = "chat-msg-author";
    who.textContent = own ? gettext("You") : author;
    var time = document.createElement("time");
    time.textContent = clock(iso);
    if (iso) {
      time.dateTime = iso;
    }
    meta.append(who, " ", time);
    var text = document.createElement("p");
    text.className = "chat-msg-body";
    text.textContent = body;
    item.append(meta, text);
    if (own) {
      var state = document.createElement("p");
      state.className = "chat-msg-state";
      item.append(state);
    }
    return item;
  }

  function systemLine(text) {
    var item = document.createElement("li");
    item.className = "chat-msg chat-msg-system";
    item.textContent = text;
    log.append(item);
    scrollDown();
  }

  function scrollDown() {
    log.scrollTop = log.scrollHeight;
  }

  function showMessage(message) {
    if (shown[message.id]) {
      return;
    }
    var own = message.direction === "in";
    var element = own && message.client_id ? pendingShown[message.client_id] : null;
    if (element) {
      delete pendingShown[message.client_id];
    } else {
      element = messageElement(own, message.author, message.body, message.created_at);
      log.append(element);
    }
    element.dataset.id = message.id;
    shown[message.id] = element;
    if (own) {
      setDelivery(element, message.id <= specialistReadUpTo ? "read" : "stored");
    } else {
      hideTyping();
      if (hiddenByHost || document.hidden) {
        unread += 1;
        tellHost({ type: "linija-chat:unread", count: unread });
      }
    }
    scrollDown();
  }

  function showPending(entry) {
    if (pendingShown[entry.client_id]) {
      return;
    }
    var element = messageElement(true, "", entry.body, null);
    element.dataset.clientId = entry.client_id;
    setDelivery(element, "sending");
    pendingShown[entry.client_id] = element;
    log.append(element);
    scrollDown();
  }

  function markReadUpTo(upTo) {
    specialistReadUpTo = Math.max(specialistReadUpTo, upTo);
    Object.keys(shown).forEach(function (id) {
      var element = shown[id];
      if (element.classList.contains("chat-msg-own") && Number(id) <= specialistReadUpTo) {
        setDelivery(element, "read");
      }
    });
  }

  function markRead() {
    if (!chat || document.hidden || hiddenByHost) {
      return;
    }
    var latest = 0;
    Object.keys(shown).forEach(function (id) {
      if (!shown[id].classList.contains("chat-msg-own")) {
        latest = Math.max(latest, Number(id));
      }
    });
    if (latest > visitorReadSent && send({ type: "read", up_to: latest })) {
      visitorReadSent = latest;
    }
  }

  function flushOutbox() {
    outbox().forEach(function (entry) {
      showPending(entry);
      send({ type: "message", client_id: entry.client_id, body: entry.body });
    });
  }

  function dropFromOutbox(clientId) {
    store(OUTBOX_KEY, outbox().filter(function (entry) { return entry.client_id !== clientId; }));
  }

  // --- The chat's state -------------------------------------------------------------------

  function minutesText(seconds) {
    if (seconds < 60) {
      return gettext("less than a minute");
    }
    var minutes = Math.round(seconds / 60);
    return format(ngettext("about %(count)s minute", "about %(count)s minutes", minutes), { count: minutes });
  }

  // A visitor still waiting when the line closes is told so, and offered the offline panel's
  // message and call back (shown above the chat, which stays until they leave it).
  function showClosedChoices(lineAvailability) {
    if (lineAvailability) {
      panels.offline.querySelectorAll("[data-reason]").forEach(function (element) {
        element.hidden = element.dataset.reason !== "closed";
      });
      $("chat-next-opening").textContent = lineAvailability.next_opening || "";
    }
    panels.offline.hidden = !lineAvailability;
  }

  function showQueue(position, seconds, lineAvailability) {
    var heading = $("chat-status-heading");
    var detail = $("chat-status-detail");
    var closed = Boolean(lineAvailability && !lineAvailability.available && lineAvailability.reason === "closed");
    heading.textContent = closed ? gettext("The line has closed") : gettext("You are in the queue");
    showClosedChoices(closed ? lineAvailability : null);
    if (closed) {
      detail.textContent = gettext("Nobody can answer this chat now. Leave us a message or ask us to call you back.");
    } else if (lineAvailability && !lineAvailability.available) {
      detail.textContent = gettext("Nobody can answer right now. You can keep waiting, or end the chat and leave a message.");
    } else if (position) {
      detail.textContent = format(gettext("You are number %(position)s. Estimated wait: %(wait)s."), {
        position: position,
        wait: minutesText(position * seconds),
      });
    } else {
      detail.textContent = "";
    }
  }

  function applyState(next, announce) {
    var before = chat;
    chat = next;
    var active = next.state === "active";
    $("chat-compose").hidden = next.state === "ended";
    $("chat-actions").hidden = next.state === "ended";
    markReadUpTo(next.read_up_to || 0);
    if (next.state === "waiting") {
      show("conversation", false);
      showQueue(next.position, next.position ? next.estimate / next.position : 0, null);
      if (announce && before && before.state === "active") {
        systemLine(gettext("The chat was passed back to the queue. The next free specialist will answer."));
      }
    } else if (active) {
      show("conversation", false);
      $("chat-status-heading").textContent = format(gettext("You are talking with %(name)s"), { name: next.specialist });
      $("chat-status-detail").textContent = "";
      if (announce && (!before || before.state === "waiting")) {
        systemLine(format(gettext("%(name)s joined the chat."), { name: next.specialist }));
      } else if (announce && before.specialist !== next.specialist) {
        systemLine(format(gettext("You are now talking with %(name)s."), { name: next.specialist }));
      }
    } else {
      $("chat-status-heading").textContent = gettext("The chat has ended");
      $("chat-status-detail").textContent = "";
      if (announce && before && before.state !== "ended") {
        systemLine(next.ended_by === "specialist" ? gettext("The specialist ended the chat.") : gettext("The chat has ended."));
      }
      $("chat-survey").hidden = Boolean(next.survey_done);
      $("chat-survey-done").hidden = !next.survey_done;
      show("ended", announce || !before);
      hideTyping();
    }
    if (next.state !== "ended" && (!before || (active && before.state !== "active"))) {
      input.focus();
    }
  }

  function hideTyping() {
    $("chat-typing").hidden = true;
    window.clearTimeout(typingHide);
  }

  function resetChat() {
    chat = null;
    shown = {};
    pendingShown = {};
    specialistReadUpTo = 0;
    visitorReadSent = 0;
    log.textContent = "";
    startedToken = null;
    store(TOKEN_KEY, null);
    store(OUTBOX_KEY, null);
    store(START_KEY, null);
    $("chat-survey").hidden = false;
    $("chat-survey").reset();
    $("chat-survey-done").hidden = true;
    $("chat-transcript").hidden = false;
    $("chat-transcript").reset();
    $("chat-transcript-done").hidden = true;
  }

  // --- Frames from the server -------------------------------------------------------------

  var handlers = {
    welcome: function (frame) {
      connected();
      availability = frame.availability;
      var pendingStart = load(START_KEY, null);
      if (frame.expired) {
        resetChat();
        $("chat-expired").hidden = false;
      }
      if (pendingStart && !frame.expired) {
        send(Object.assign({ type: "start" }, pendingStart));
        return;
      }
      if (!chat) {
        showLobby(false);
      }
    },
    chat: function (frame) {
      connected();
      if (frame.token) {
        startedToken = frame.token;
        store(TOKEN_KEY, frame.token);
        store(START_KEY, null);
      }
      var pending = {};
      outbox().forEach(function (entry) { pending[entry.client_id] = entry; });
      frame.messages.forEach(function (message) {
        if (message.client_id && pending[message.client_id]) {
          dropFromOutbox(message.client_id);
        }
        showMessage(message);
      });
      applyState(frame.state, false);
      flushOutbox();
      markRead();
    },
    ack: function (frame) {
      dropFromOutbox(frame.client_id);
      var element = pendingShown[frame.client_id];
      if (element) {
        delete pendingShown[frame.client_id];
        element.dataset.id = frame.id;
        shown[frame.id] = element;
        setDelivery(element, frame.id <= specialistReadUpTo ? "read" : "stored");
      }
    },
    message: function (frame) {
      showMessage(frame.message);
      markRead();
    },
    typing: function (frame) {
      var element = $("chat-typing");
      window.clearTimeout(typingHide);
      if (frame.active && chat && chat.state === "active") {
        element.textContent = format(gettext("%(name)s is typing…"), { name: chat.specialist });
        element.hidden = false;
        typingHide = window.setTimeout(hideTyping, TYPING_SHOWN_MS);
      } else {
        hideTyping();
      }
    },
    read: function (frame) {
      markReadUpTo(frame.up_to);
    },
    state: function (frame) {
      applyState(frame.state, true);
    },
    queue: function (frame) {
      if (chat && chat.state === "waiting") {
        showQueue(frame.position, frame.seconds_per_place, frame.availability);
      }
    },
    availability: function (frame) {
      availability = frame;
      if (!chat && panels.conversation.hidden && !isFilling()) {
        showLobby(false);
      }
    },
    survey_saved: function () {
      hideError(panels.ended);
      $("chat-survey").hidden = true;
      $("chat-survey-done").hidden = false;
      $("chat-survey-done").focus();
    },
    transcript_sent: function () {
      hideError(panels.ended);
      $("chat-transcript").hidden = true;
      $("chat-transcript-done").hidden = false;
    },
    offline_saved: function (frame) {
      var done = $("chat-offline-done");
      done.textContent = frame.form === "message"
        ? gettext("Thank you. Your message is with us; we will answer by e-mail.")
        : gettext("Thank you. A specialist will call you at the time you chose.");
      done.hidden = false;
      var form = panels.offline.querySelector('form[data-form="' + frame.form + '"]');
      form.reset();
      form.hidden = true;
      panels.offline.querySelector('[data-toggle="' + form.id + '"]').setAttribute("aria-expanded", "false");
      done.focus();
    },
    error: function (frame) {
      if (frame.code === "rate_limited" && frame.client_id) {
        window.setTimeout(flushOutbox, RETRY_SENDING_MS);
      }
      if (frame.client_id && frame.code !== "rate_limited") {
        dropFromOutbox(frame.client_id);
        var element = pendingShown[frame.client_id];
        if (element) {
          element.classList.add("chat-msg-failed");
          element.querySelector(".chat-msg-state").textContent = gettext("Not sent");
        }
      }
      if (frame.code === "closed" || frame.code === "busy" || frame.code === "expired") {
        store(START_KEY, null);
        availability = { available: frame.code === "expired", reason: frame.code, next_opening: "" };
        showLobby(true);
        return;
      }
      if (frame.fields) {
        showFieldErrors(frame.form || "start", frame.fields);
        return;
      }
      showError(frame.message);
    },
    pong: function () {},
  };

  function showError(text) {
    var visible = Object.keys(panels).filter(function (key) { return !panels[key].hidden; });
    var panel = panels[visible[visible.length - 1] || "prechat"];
    var target = panel.querySelector("[data-error]");
    target.textContent = text;
    target.hidden = false;
    window.clearTimeout(target.hideTimer);
    target.hideTimer = window.setTimeout(function () { target.hidden = true; }, 8000);
  }

  // An answer the server took: an error from an earlier try no longer stands.
  function hideError(panel) {
    var target = panel.querySelector("[data-error]");
    window.clearTimeout(target.hideTimer);
    target.hidden = true;
    target.textContent = "";
  }

  // --- Forms ------------------------------------------------------------------------------

  function isFilling() {
    var active = document.activeElement;
    return Boolean(active && active.form && !panels.prechat.hidden && panels.prechat.contains(active));
  }

  function formValues(form) {
    var prefix = form.dataset.prefix + "-";
    var values = {};
    new FormData(form).forEach(function (value, name) {
      values[name.indexOf(prefix) === 0 ? name.slice(prefix.length) : name] = String(value);
    });
    return values;
  }

  function clearFieldErrors(form) {
    form.querySelectorAll(".errorlist").forEach(function (list) { list.remove(); });
    form.querySelectorAll("[aria-invalid]").forEach(function (field) {
      field.removeAttribute("aria-invalid");
    });
  }

  function showFieldErrors(formName, fields) {
    var form = root.querySelector('form[data-form="' + formName + '"]');
    clearFieldErrors(form);
    var first = null;
    Object.keys(fields).forEach(function (name) {
      var wrapper = form.querySelector('[data-field="' + form.dataset.prefix + "-" + name + '"]');
      var control = wrapper && wrapper.querySelector("input, select, textarea");
      var list = document.createElement("ul");
      list.className = "errorlist";
      list.id = (control ? control.id : formName + "-" + name) + "_errors";
      fields[name].forEach(function (text) {
        var item = document.createElement("li");
        item.textContent = text;
        list.append(item);
      });
      (wrapper || form).prepend(list);
      if (control) {
        control.setAttribute("aria-invalid", "true");
        control.setAttribute("aria-describedby", list.id);
        first = first || control;
      }
    });
    if (first) {
      first.focus();
    }
  }

  $("chat-start-form").addEventListener("submit", function (event) {
    event.preventDefault();
    clearFieldErrors(event.target);
    var values = formValues(event.target);
    var start = {
      start_key: newId("s-"),
      nickname: values.nickname || "",
      caller_category: values.caller_category || "",
      topic: values.topic || "",
    };
    store(START_KEY, start);
    $("chat-expired").hidden = true;
    send(Object.assign({ type: "start" }, start));
  });

  panels.offline.querySelectorAll("[data-toggle]").forEach(function (button) {
    button.addEventListener("click", function () {
      $("chat-offline-done").hidden = true;
      panels.offline.querySelectorAll("[data-toggle]").forEach(function (other) {
        var form = $(other.dataset.toggle);
        var open = other === button;
        form.hidden = !open;
        other.setAttribute("aria-expanded", String(open));
      });
      var form = $(button.dataset.toggle);
      var first = form.querySelector("input, select, textarea");
      if (first) {
        first.focus();
      }
    });
  });

  panels.offline.querySelectorAll("form[data-form]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearFieldErrors(form);
      var frame = Object.assign(
        { type: form.dataset.form === "message" ? "offline_message" : "callback" },
        formValues(form)
      );
      if (!send(frame)) {
        showError(gettext("No connection. Try again in a moment."));
      }
    });
  });

  function sendMessage() {
    var body = input.value;
    if (!body.trim()) {
      return;
    }
    if (Linija.length(body) > maxLength) {
      showError(format(gettext("A message can have at most %(count)s characters."), { count: Linija.number(maxLength) }));
      return;
    }
    var entry = { client_id: newId("v-"), body: body };
    store(OUTBOX_KEY, outbox().concat([entry]));
    showPending(entry);
    send({ type: "message", client_id: entry.client_id, body: body });
    input.value = "";
    stopTyping();
    input.focus();
  }

  $("chat-compose").addEventListener("submit", function (event) {
    event.preventDefault();
    sendMessage();
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      sendMessage();
    }
  });

  function stopTyping() {
    window.clearTimeout(typingIdle);
    if (lastTypingSent) {
      lastTypingSent = 0;
      send({ type: "typing", active: false });
    }
  }

  input.addEventListener("input", function () {
    var now = Date.now();
    if (input.value.trim() && now - lastTypingSent > TYPING_REPEAT_MS && chat && chat.state !== "ended") {
      lastTypingSent = now;
      send({ type: "typing", active: true });
    }
    window.clearTimeout(typingIdle);
    typingIdle = window.setTimeout(stopTyping, TYPING_IDLE_MS);
  });

  $("chat-end").addEventListener("click", function () {
    $("chat-end").hidden = true;
    $("chat-end-confirm").hidden = false;
    $("chat-end-no").focus();
  });
  $("chat-end-no").addEventListener("click", function () {
    $("chat-end-confirm").hidden = true;
    $("chat-end").hidden = false;
    $("chat-end").focus();
  });
  $("chat-end-yes").addEventListener("click", function () {
    $("chat-end-confirm").hidden = true;
    $("chat-end").hidden = false;
    send({ type: "end", quick_exit: false });
  });

  $("chat-survey").addEventListener("submit", function (event) {
    event.preventDefault();
    var choice = event.target.querySelector("input[name=rating]:checked");
    if (!choice) {
      showError(gettext("Choose a rating from 1 to 5."));
      event.target.querySelector("input[name=rating]").focus();
      return;
    }
    if (!send({ type: "survey", rating: Number(choice.value), comment: $("chat-survey-comment").value })) {
      showError(gettext("No connection. Try again in a moment."));
    }
  });

  $("chat-transcript").addEventListener("submit", function (event) {
    event.preventDefault();
    send({ type: "transcript", email: $("chat-transcript-email").value });
  });

  $("chat-new").addEventListener("click", function () {
    resetChat();
    var old = socket;
    socket = null;
    if (old) {
      old.close();
    }
    setConnection(gettext("Connecting…"));
    connect();
  });

  // --- Quick exit and the host page of the widget -----------------------------------------

  // The widget's host page, checked by the server against the sites allowed to frame the chat.
  var hostOrigin = root.dataset.hostOrigin;

  function tellHost(message) {
    if (embedded && hostOrigin && window.parent !== window) {
      window.parent.postMessage(message, hostOrigin);
    }
  }

  // Every quick exit (its button, Esc twice, the widget's host page) ends the chat with one
  // beacon, which outlives the page: the server ends the chat and forgets the token.
  function quickExit() {
    var token = load(TOKEN_KEY, null) || startedToken;
    if (token) {
      navigator.sendBeacon(root.dataset.leaveUrl, new URLSearchParams({ token: token, quick_exit: "1" }));
    }
    leaving = true;
    log.textContent = "";
    store(TOKEN_KEY, null);
    store(OUTBOX_KEY, null);
    store(START_KEY, null);
    tellHost({ type: "linija-chat:exit", url: root.dataset.exitUrl });
  }

  document.addEventListener("linija:quick-exit", quickExit);

  if (embedded) {
    $("chat-hide").addEventListener("click", function () {
      tellHost({ type: "linija-chat:hide" });
    });
    window.addEventListener("message", function (event) {
      if (event.origin !== hostOrigin || event.source !== window.parent || !event.data) {
        return;
      }
      if (event.data.type === "linija-chat:quick-exit") {
        quickExit();
        return;
      }
      if (event.data.type !== "linija-chat:shown") {
        return;
      }
      hiddenByHost = !event.data.shown;
      if (!hiddenByHost) {
        unread = 0;
        markRead();
        (chat && chat.state !== "ended" ? input : panels.prechat.hidden ? $("main") : $("chat-prechat-heading")).focus();
      }
    });
    tellHost({ type: "linija-chat:ready" });
  }

  connect();
})();
