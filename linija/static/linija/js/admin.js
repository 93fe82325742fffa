// Names for three of Django's admin widgets that build elements without one.
(() => {
  "use strict";

  const labelText = (label) => label.textContent.replace(/:\s*$/, "").trim();

  function nameAutocompletes() {
    // Select2's box (autocomplete_fields) is a combobox named by its empty placeholder: give
    // it, and the text shown in it, the name of the field's label.
    for (const select of document.querySelectorAll("select.admin-autocomplete")) {
      const label = document.querySelector(`label[for="${select.id}"]`);
      const box = select.nextElementSibling;
      if (!label || !box) {
        continue;
      }
      for (const element of box.querySelectorAll("[role=combobox], [role=textbox]")) {
        element.removeAttribute("aria-labelledby");
        element.setAttribute("aria-label", labelText(label));
      }
    }
  }

  function nameFilterIcons() {
    // SelectFilter (filter_horizontal) puts aria-label on a bare span, where it is not allowed.
    for (const icon of document.querySelectorAll("span.help-tooltip[aria-label]")) {
      icon.setAttribute("role", "img");
    }
  }

  function nameDateTimeParts() {
    // A date-time field is two inputs after the texts "Date:" and "Time:", with a label that
    // points at neither: each is named by the field's label and its own text.
    for (const row of document.querySelectorAll("p.datetime")) {
      const label = row.parentElement.querySelector("label");
      const field = label ? labelText(label) : "";
      for (const input of row.querySelectorAll("input")) {
        const text = input.previousSibling;
        const part = text && text.nodeType === Node.TEXT_NODE ? labelText(text) : "";
        input.setAttribute("aria-label", [field, part].filter(Boolean).join(", "));
      }
    }
  }

  function nameAll() {
    nameAutocompletes();
    nameFilterIcons();
    nameDateTimeParts();
  }

  // Django builds these widgets on DOMContentLoaded or later: jQuery's ready callbacks (Select2)
  // run from a timer that may come after "load". So name them at load and again whenever the
  // page gains elements (a widget built late, a Select2 box rendered anew, an inline added).
  window.addEventListener("load", () => {
    nameAll();
    new MutationObserver((changes) => {
      if (changes.some((change) => change.addedNodes.length > 0)) {
        nameAll();
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
