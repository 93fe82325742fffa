// The report filter shows only the fields the chosen period needs: a day for the day, week,
// month, quarter and year; two days for "from – to"; the list for a project period.
(() => {
  "use strict";
  const form = document.getElementById("report-filters");
  if (!form) {
    return;
  }
  const period = form.querySelector('select[name="period"]');
  const NEEDS = {
    on: ["day", "week", "month", "quarter", "year"],
    start: ["custom"],
    end: ["custom"],
    project: ["project"],
  };

  function update() {
    Object.entries(NEEDS).forEach(([name, periods]) => {
      const field = form.querySelector('[data-field="' + name + '"]');
      if (field) {
        field.hidden = !periods.includes(period.value);
      }
    });
  }

  period.addEventListener("change", update);
  update();
})();
