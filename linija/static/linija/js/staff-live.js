// The staff pages' live connection (lib.js's socket to /ws/staff/). Every server event arrives
// as a DOM event on document: "linija:<event>" with the event's data as `detail`; the
// connection's state is html[data-live] and the event "linija:live".
(() => {
  "use strict";
  const live = Linija.socket("/ws/staff/", {
    frame(frame) {
      if (frame.type === "event") {
        document.dispatchEvent(new CustomEvent("linija:" + frame.event, { detail: frame.data }));
      }
    },
    state(name) {
      const state = name === "connected" ? "connected" : "disconnected";
      document.documentElement.dataset.live = state;
      document.dispatchEvent(new CustomEvent("linija:live", { detail: { state } }));
    },
  });
  window.LinijaLive = { send: live.send };
})();
