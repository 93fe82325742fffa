// An export being prepared: poll its state until the file is ready (or failed), moving the
// progress bar, then offer the download.
(() => {
  "use strict";
  const root = document.getElementById("export-job");
  if (!root) {
    return;
  }
  document.documentElement.classList.add("js");
  const progress = document.getElementById("export-progress");
  const status = document.getElementById("export-status");
  const ready = document.getElementById("export-ready");
  const link = document.getElementById("export-download");
  const failure = document.getElementById("export-error");

  async function poll() {
    let job;
    try {
      job = await Linija.getJson(root.dataset.url);
    } catch (error) {
      // The server refused (the job is gone or not this person's): stop; a lost network: wait.
      if (!error.status) {
        window.setTimeout(poll, 5000);
      }
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
  }
  poll();
})();
