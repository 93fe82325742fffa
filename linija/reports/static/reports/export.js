// An export being prepared: poll its state until the file is ready (or failed), moving the
// progress bar, then offer the download.
(function () {
  "use strict";
  var root = document.getElementById("export-job");
  if (!root) {
    return;
  }
  document.documentElement.classList.add("js");
  var progress = document.getElementById("export-progress");
  var status = document.getElementById("export-status");
  var ready = document.getElementById("export-ready");
  var link = document.getElementById("export-download");
  var failure = document.getElementById("export-error");

  function poll() {
    fetch(root.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (job) {
        if (!job) {
          return;
        }
        progress.value = job.progress;
        progress.textContent = job.progress + " %";
        status.textContent = job.status_label;
        if (job.ready) {
          link.href = job.download_url;
          ready.hidden = false;
        }
        if (job.error) {
          failure.hidden = false;
        }
        if (!job.finished) {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }
  poll();
})();
