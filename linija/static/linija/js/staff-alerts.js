// New-item alerts on every staff page. The tab title counts what waits in the inbox (with the
// console's unread messages, "linija:unread"); a new waiting item plays a short tone (unless the
// switch in the header mutes it, remembered in this browser) and, while the page is hidden,
// shows a desktop notification (permission asked once, at the first click). The count is the
// inbox's own: the waiting keys are fetched again after each of the inbox's refresh events on
// the staff socket (staff-live.js).
(() => {
  "use strict";
  const script = document.currentScript;
  const MUTED = "linija-alerts-muted";
  const ASKED = "linija-alerts-asked";
  const baseTitle = document.title;
  let known = null;
  let waiting = 0;
  let unread = 0;
  let audio = null;

  function showTitle() {
    const total = waiting + unread;
    document.title = total ? "(" + total + ") " + baseTitle : baseTitle;
  }

  function audioContext() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!audio && Context) {
      audio = new Context();
    }
    return audio;
  }

  function chime() {
    if (Linija.stored(MUTED) === "1" || !audioContext()) {
      return;
    }
    const now = audio.currentTime;
    const tone = audio.createOscillator();
    const volume = audio.createGain();
    tone.frequency.value = 880;
    volume.gain.setValueAtTime(0.2, now);
    volume.gain.exponentialRampToValueAtTime(0.001, now + 0.4);
    tone.connect(volume);
    volume.connect(audio.destination);
    tone.start(now);
    tone.stop(now + 0.4);
  }

  function notify() {
    if (document.hidden && "Notification" in window && Notification.permission === "granted") {
      new Notification(baseTitle, {
        body: script.dataset.notice.replace("{count}", String(waiting)),
        tag: "linija-waiting",
      });
    }
  }

  function firstClick() {
    // Browsers start sound and permission prompts only after the person did something.
    if (audioContext() && audio.state === "suspended") {
      audio.resume();
    }
    if ("Notification" in window && Notification.permission === "default" && !Linija.stored(ASKED)) {
      Linija.store(ASKED, "1");
      Notification.requestPermission();
    }
  }

  async function refresh() {
    let data;
    try {
      data = await Linija.getJson(script.dataset.waitingUrl);
    } catch (error) {
      return;
    }
    if (known === null) {
      Linija.on(data.events, soon);
    }
    const fresh = known === null ? [] : data.keys.filter((key) => !known.includes(key));
    known = data.keys;
    waiting = data.keys.length;
    showTitle();
    if (fresh.length) {
      chime();
      notify();
    }
  }

  const soon = Linija.debounce(refresh, 250);

  const sound = document.getElementById("staff-alert-sound");
  if (sound) {
    sound.checked = Linija.stored(MUTED) !== "1";
    sound.addEventListener("change", () => Linija.store(MUTED, sound.checked ? "0" : "1"));
    sound.closest("label").hidden = false;
  }
  document.addEventListener("click", firstClick, { once: true });
  document.addEventListener("linija:unread", (event) => {
    unread = event.detail.count;
    showTitle();
  });
  document.addEventListener("linija:live", (event) => {
    if (event.detail.state === "connected") {
      soon();
    }
  });
  refresh();
})();
