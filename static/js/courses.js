// Courses: show only the fields that matter for the chosen option (progressive enhancement; the forms
// work without it). Loaded with the page's CSP nonce; no inline handlers.
(function () {
  "use strict";

  function toggle(form, radioName, groups) {
    var radios = form.querySelectorAll('input[name="' + radioName + '"]');
    function update() {
      var chosen = form.querySelector('input[name="' + radioName + '"]:checked');
      var value = chosen ? chosen.value : "";
      Object.keys(groups).forEach(function (key) {
        groups[key].forEach(function (fieldName) {
          var field = form.querySelector('[name="' + fieldName + '"]');
          var group = field && field.closest(".form-group");
          if (group) {
            group.classList.toggle("courses-hidden", key !== value);
          }
        });
      });
      // Parts shown for one option only (the invitation's lists, fetched by htmx once they show).
      form.querySelectorAll("[data-courses-when]").forEach(function (part) {
        part.classList.toggle("courses-hidden", part.dataset.coursesWhen !== value);
      });
    }
    radios.forEach(function (radio) {
      radio.addEventListener("change", update);
    });
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var invite = document.querySelector("[data-courses-invite]");
    if (invite) {
      toggle(invite, "source", { picked: ["companies", "corps_mentors", "company_mentors", "emails"] });
    }
    var shadowing = document.querySelector("[data-courses-shadowing]");
    if (shadowing) {
      toggle(shadowing, "kind", {
        corps: ["new_corps", "experienced_corps"],
        company: ["new_company", "experienced_company"],
      });
    }
  });
})();
