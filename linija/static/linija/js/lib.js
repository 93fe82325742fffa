// The helpers every page script shares, as window.Linija (loaded first, by base.html, with
// `defer` like the scripts after it). One socket with one reconnect policy, JSON and form
// requests, the translations with a fallback, ids, clock texts, storage and announcements.
(() => {
  "use strict";

  const PING_MS = 25000;
  const RETRY_FIRST_MS = 1000;
  const RETRY_LAST_MS = 15000;
  const RETRY_SPREAD_MS = 500;
  // Close codes of the server (privacy.sessions.SESSION_ENDED, the consumers' refusal).
  const SESSION_ENDED = 4401;
  const REFUSED = 4403;

  // --- Translations (Django's javascript-catalog when the page loads it) -----------------
  const gettext = (text) => (window.gettext ? window.gettext(text) : text);
  const ngettext = (singular, plural, count) =>
    window.ngettext ? window.ngettext(singular, plural, count) : count === 1 ? singular : plural;
  // "%(name)s" placeholders, as Django's interpolate() with named values.
  const format = (text, values) =>
    text.replace(/%\((\w+)\)s/g, (match, name) => (name in values ? String(values[name]) : match));
  // Numbers as the page's language writes them ("10 000" in Lithuanian, "10,000" in English).
  const language = document.documentElement.lang || undefined;
  const number = (value) => value.toLocaleString(language);
  // Characters as the server counts them (code points: an emoji is one, not two).
  const length = (text) => Array.from(text).length;

  // --- Requests ----------------------------------------------------------------------------
  async function request(url, options, accept) {
    const response = await fetch(url, {
      credentials: "same-origin",
      ...options,
      headers: { Accept: accept },
    });
    if (!response.ok) {
      const error = new Error(String(response.status));
      error.status = response.status;
      error.response = response;
      throw error;
    }
    return response;
  }

  const getJson = async (url) => (await request(url, {}, "application/json")).json();
  const getHtml = async (url) => (await request(url, {}, "text/html")).text();

  // Posts a form (or FormData to a URL) and answers {ok, status, data}: the JSON the server
  // sent (its "message" or "error"), {} when it sent none. Only a lost network throws.
  async function postForm(form, url) {
    const body = form instanceof FormData ? form : new FormData(form);
    const response = await fetch(url || form.action, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    let data = {};
    try {
      data = await response.json();
    } catch (error) {
      data = {};
    }
    return { ok: response.ok, status: response.status, data };
  }

  // --- The socket --------------------------------------------------------------------------
  // A JSON WebSocket to `path` that stays connected: a ping every 25 s, and after a drop a
  // new try after 1 s, doubling to 15 s (with up to 0.5 s added, so pages do not come back
  // all at once), at once when the browser is online again. A session that ended (4401)
  // reloads the page, which shows the login; a refused socket (4403) stops trying.
  // options: hello() the first frame (default a ping), frame(frame) each frame received,
  // state(name) "connected" | "lost" | "refused".
  function socket(path, options) {
    const hello = options.hello || (() => ({ type: "ping" }));
    let current = null;
    let delay = RETRY_FIRST_MS;
    let pinger = null;
    let retry = null;
    let answered = false;
    let stopped = false;

    const setState = (name) => options.state && options.state(name);

    function send(frame) {
      if (current && current.readyState === WebSocket.OPEN) {
        current.send(JSON.stringify(frame));
        return true;
      }
      return false;
    }

    function connect() {
      window.clearTimeout(retry);
      if (stopped || (current && current.readyState <= WebSocket.OPEN)) {
        return;
      }
      const scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
      const own = new WebSocket(scheme + window.location.host + path);
      current = own;
      answered = false;
      own.addEventListener("open", () => {
        send(hello());
        window.clearInterval(pinger);
        pinger = window.setInterval(() => send({ type: "ping" }), PING_MS);
      });
      own.addEventListener("message", (message) => {
        let frame;
        try {
          frame = JSON.parse(message.data);
        } catch (error) {
          return;
        }
        if (!answered) {
          // The server answered: only now the retries start again from the shortest wait
          // (with Redis down the server opens a socket and closes it at once).
          answered = true;
          delay = RETRY_FIRST_MS;
          setState("connected");
        }
        if (options.frame) {
          options.frame(frame);
        }
      });
      own.addEventListener("close", (event) => {
        if (own !== current) {
          return;
        }
        window.clearInterval(pinger);
        if (stopped) {
          return;
        }
        if (event.code === SESSION_ENDED) {
          window.location.reload();
          return;
        }
        if (event.code === REFUSED) {
          stopped = true;
          setState("refused");
          return;
        }
        setState("lost");
        retry = window.setTimeout(connect, delay + Math.random() * RETRY_SPREAD_MS);
        delay = Math.min(delay * 2, RETRY_LAST_MS);
      });
    }

    window.addEventListener("online", () => {
      delay = RETRY_FIRST_MS;
      connect();
    });
    connect();
    return {
      send,
      // For good (the page is leaving): no reconnect after this.
      close() {
        stopped = true;
        window.clearTimeout(retry);
        if (current) {
          current.close();
        }
      },
    };
  }

  // --- Events of the staff socket ----------------------------------------------------------
  // Calls handler on each "linija:<name>" DOM event of the names (a list or a space-separated
  // string, as the pages' data-refresh-events attributes give them).
  function on(names, handler) {
    const list = typeof names === "string" ? names.split(" ") : names;
    list.filter(Boolean).forEach((name) => document.addEventListener("linija:" + name, handler));
  }

  // fn, run once `ms` after the last of a burst of calls.
  function debounce(fn, ms) {
    let timer = null;
    return (...args) => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => fn(...args), ms);
    };
  }

  // --- Ids, clock, storage, page -----------------------------------------------------------
  function newId(prefix) {
    const bytes = window.crypto.getRandomValues(new Uint8Array(12));
    return prefix + Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  }

  const twoDigits = (number) => String(number).padStart(2, "0");
  // "14:05": the time of an ISO date (now without one), in the browser's time zone.
  function clock(iso) {
    const date = iso ? new Date(iso) : new Date();
    return twoDigits(date.getHours()) + ":" + twoDigits(date.getMinutes());
  }

  // "3:07": minutes and seconds of a span.
  function duration(seconds) {
    const whole = Math.max(0, Math.floor(seconds));
    return Math.floor(whole / 60) + ":" + twoDigits(whole % 60);
  }

  const secondsSince = (iso) => (Date.now() - new Date(iso).getTime()) / 1000;

  // localStorage that a blocked browser storage does not break (then nothing is kept).
  function stored(key) {
    try {
      return window.localStorage.getItem(key);
    } catch (error) {
      return null;
    }
  }

  function store(key, value) {
    try {
      window.localStorage.setItem(key, value);
    } catch (error) {
      // Private mode: the value lasts for this page only.
    }
  }

  // Screen readers hear a live region's text when it changes, also to the same text again.
  function say(element, text) {
    element.textContent = "";
    window.setTimeout(() => {
      element.textContent = text;
    }, 50);
  }

  function ready(fn) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }

  window.Linija = {
    gettext,
    ngettext,
    format,
    number,
    length,
    getJson,
    getHtml,
    postForm,
    socket,
    on,
    debounce,
    newId,
    clock,
    duration,
    secondsSince,
    stored,
    store,
    say,
    ready,
  };
})();
