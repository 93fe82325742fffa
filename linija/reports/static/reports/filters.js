// The report filter shows only the fields the chosen period needs: a day for the day, week,
// month, quarter and year; two days for "from – to"; the list for a project period.
(function () {
  "use strict";
  var form = document.getElementById("report-filters");
  if (!form) {
    return;
  }
  var period = form.querySelector('select[name="period"]');
  var NEEDS = {
    on: ["day", "week", "month", "quarter", "year"],
    start: ["custom"],
    end: ["custom"],
    project: ["project"],
  };

  function update() {
    Object.keys(NEEDS).forEach(function (name) {
      var field = form.querySelector('[data-field="' + name + '"]');
      if (field) {
        field.hidden = NEEDS[name].indexOf(period.value) === -1;
      }
    });
  }

  period.addEventListener("change", update);
  update();
})();
