// The staff pages' live connection. Every server event arrives as a DOM event on document:
// "linija:<event>" with the event's data as `detail`. Reconnects with back-off.
(function () {
  "use strict";
  var delay = 1000;
  var socket = null;
  var pingTimer = null;

  function url() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    return scheme + window.location.host + "/ws/staff/";
  }

  function setState(state) {
    document.documentElement.dataset.live = state;
    document.dispatchEvent(new CustomEvent("linija:live", { detail: { state: state } }));
  }

  function connect() {
    socket = new WebSocket(url());
    socket.addEventListener("open", function () {
      delay = 1000;
      setState("connected");
      pingTimer = window.setInterval(function () {
        if (socket.readyState === WebSocket.OPEN) {
          socket.send(JSON.stringify({ type: "ping" }));
        }
      }, 25000);
    });
    socket.addEventListener("message", function (message) {
      var frame;
      try {
        frame = JSON.parse(message.data);
      } catch (error) {
        return;
      }
      if (frame.type === "event") {
        document.dispatchEvent(new CustomEvent("linija:" + frame.event, { detail: frame.data }));
      }
    });
    socket.addEventListener("close", function (event) {
      window.clearInterval(pingTimer);
      setState("disconnected");
      if (event.code === 4403) {
        return;
      }
      if (event.code === 4401) {
        // The session ended (idle or logged out): reloading shows the login page.
        window.location.reload();
        return;
      }
      window.setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    });
  }

  window.LinijaLive = {
    send: function (frame) {
      if (socket && socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify(frame));
        return true;
      }
      return false;
    },
  };
  connect();
})();
