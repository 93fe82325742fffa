// Names for three of Django's admin widgets that build elements without one.
(function () {
  "use strict";

  function nameAutocompletes() {
    // Select2's box (autocomplete_fields) is a combobox named by its empty placeholder: give
    // it, and the text shown in it, the name of the field's label.
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = document.querySelector('label[for="' + select.id + '"]');
      var box = select.nextElementSibling;
      if (!label || !box) {
        return;
      }
      var name = label.textContent.replace(/:\s*$/, "").trim();
      box.querySelectorAll("[role=combobox], [role=textbox]").forEach(function (element) {
        element.removeAttribute("aria-labelledby");
        element.setAttribute("aria-label", name);
      });
    });
  }

  function nameFilterIcons() {
    // SelectFilter (filter_horizontal) puts aria-label on a bare span, where it is not allowed.
    document.querySelectorAll("span.help-tooltip[aria-label]").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  function nameDateTimeParts() {
    // A date-time field is two inputs after the texts "Date:" and "Time:", with a label that
    // points at neither: each is named by the field's label and its own text.
    document.querySelectorAll("p.datetime").forEach(function (row) {
      var label = row.parentElement.querySelector("label");
      var field = label ? label.textContent.replace(/:\s*$/, "").trim() : "";
      row.querySelectorAll("input").forEach(function (input) {
        var text = input.previousSibling;
        var part = text && text.nodeType === Node.TEXT_NODE ? text.textContent : "";
        part = part.replace(/:\s*$/, "").trim();
        input.setAttribute("aria-label", [field, part].filter(Boolean).join(", "));
      });
    });
  }

  // Django builds these widgets on DOMContentLoaded or load; this runs after them.
  window.addEventListener("load", function () {
    nameAutocompletes();
    nameFilterIcons();
    nameDateTimeParts();
  });
})();
