/* Mentorordning: starts DKFDS's components. It lives in a file because the Content-Security-Policy
   forbids inline scripts; it is loaded with `defer` after dkfds.min.js and htmx.min.js, so the page
   is parsed and window.DKFDS exists when it runs. */
(function () {
  'use strict';

  var DKFDS = window.DKFDS;
  if (!DKFDS) {
    return;
  }

  DKFDS.init();

  // A checkbox picker (mentorship.widgets.PickerCheckboxSelectMultiple): the filter hides the choices whose label
  // does not contain the typed text; "Vælg alle"/"Fravælg alle" tick or clear the choices that are shown.
  function picker(tools) {
    var list = tools.parentNode.querySelector("[data-picker-list]");
    var filter = tools.querySelector("[data-picker-filter]");
    var count = tools.querySelector("[data-picker-count]");
    var items = Array.prototype.slice.call(list.querySelectorAll(".form-group-checkbox"));
    // The labels in lower case, once: a new cohort's list has thousands of candidates.
    var labels = items.map(function (item) {
      return item.querySelector("label").textContent.toLocaleLowerCase("da");
    });
    function shown() {
      return items.filter(function (item) {
        return !item.hidden;
      });
    }
    function update() {
      var needle = filter.value.trim().toLocaleLowerCase("da");
      items.forEach(function (item, index) {
        item.hidden = needle !== "" && labels[index].indexOf(needle) === -1;
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

  /* The elements in `scope` (scope itself included) that match `selector`. */
  function within(scope, selector) {
    var found = Array.prototype.slice.call(scope.querySelectorAll(selector));
    if (scope.matches && scope.matches(selector)) {
      found.unshift(scope);
    }
    return found;
  }

  document.querySelectorAll('[data-picker-tools]').forEach(picker);

  /* Content that htmx swaps in needs its components started too. DKFDS.init() would also start the
     page-wide header navigation again, so that every menu button would get a second click handler
     and open and close at once: start only the components inside the new content instead. */
  function initComponents(scope) {
    within(scope, '.accordion, .accordion-bordered').forEach(function (el) { new DKFDS.Accordion(el).init(); });
    within(scope, '.alert.has-close').forEach(function (el) { new DKFDS.Alert(el).init(); });
    within(scope, '.form-limit').forEach(function (el) { new DKFDS.CharacterLimit(el).init(); });
    within(scope, '.js-checkbox-toggle-content').forEach(function (el) { new DKFDS.CheckboxToggleContent(el).init(); });
    within(scope, '.js-radio-toggle-group').forEach(function (el) { new DKFDS.RadioToggleGroup(el).init(); });
    within(scope, '.js-dropdown').forEach(function (el) { new DKFDS.Dropdown(el).init(); });
    within(scope, 'div.tab-container').forEach(function (el) { new DKFDS.Tabs(el).init(); });
    within(scope, '.tooltip-wrapper').forEach(function (el) { new DKFDS.Tooltip(el).init(); });
    within(scope, '[data-module="error-summary"]').forEach(function (el) { new DKFDS.ErrorSummary(el).init(); });
    within(scope, '[data-picker-tools]').forEach(picker);
  }

  /* A request htmx sends (a list's filters, a select that narrows another field) that the server answered by
     sending the browser elsewhere (the session ran out: the log-in page) would swap part of that page, or
     nothing, into this one. Go where the server sent the browser instead. */
  document.addEventListener('htmx:beforeSwap', function (event) {
    var xhr = event.detail.xhr;
    var config = event.detail.requestConfig;
    if (!xhr || !xhr.responseURL || !config || !config.path) {
      return;
    }
    var asked = new URL(config.path, window.location.href);
    var answered = new URL(xhr.responseURL);
    if (answered.pathname !== asked.pathname) {
      event.detail.shouldSwap = false;
      window.location.assign(xhr.responseURL);
    }
  });

  document.addEventListener('htmx:load', function (event) {
    var element = event.target;
    if (element && element !== document.body && element.nodeType === Node.ELEMENT_NODE) {
      initComponents(element);
    }
  });
})();
