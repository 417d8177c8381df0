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
    }
    radios.forEach(function (radio) {
      radio.addEventListener("change", update);
    });
    update();
  }

  // A checkbox picker (courses.forms.PickerCheckboxSelectMultiple): the filter hides the choices whose label
  // does not contain the typed text; "Vælg alle"/"Fravælg alle" tick or clear the choices that are shown.
  function picker(tools) {
    var list = tools.parentNode.querySelector("[data-picker-list]");
    var filter = tools.querySelector("[data-picker-filter]");
    var count = tools.querySelector("[data-picker-count]");
    var items = Array.prototype.slice.call(list.querySelectorAll(".form-group-checkbox"));
    function shown() {
      return items.filter(function (item) {
        return !item.hidden;
      });
    }
    function update() {
      var needle = filter.value.trim().toLocaleLowerCase("da");
      items.forEach(function (item) {
        var label = item.querySelector("label");
        item.hidden = needle !== "" && label.textContent.toLocaleLowerCase("da").indexOf(needle) === -1;
      });
      count.textContent = needle === "" ? "" : (count.dataset.template || "").replace("%s", String(shown().length));
    }
    function tick(value) {
      shown().forEach(function (item) {
        item.querySelector("input").checked = value;
      });
    }
    filter.addEventListener("input", update);
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
      }
    });
    tools.querySelector("[data-picker-all]").addEventListener("click", function () {
      tick(true);
    });
    tools.querySelector("[data-picker-none]").addEventListener("click", function () {
      tick(false);
    });
    tools.hidden = false;
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-picker-tools]").forEach(picker);
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
