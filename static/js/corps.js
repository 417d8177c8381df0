/* Mentor corps: "select all" in the hours approval table. Loaded with the page's CSP nonce. */
(function () {
  'use strict';
  document.addEventListener('change', function (event) {
    var all = event.target;
    if (!all.classList || !all.classList.contains('corps-select-all')) {
      return;
    }
    var table = all.closest('table');
    Array.prototype.forEach.call(table.querySelectorAll('input.corps-select'), function (box) {
      box.checked = all.checked;
    });
  });
})();
