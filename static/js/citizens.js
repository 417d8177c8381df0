/* Citizens pages: the print button on the agreement's print view (no inline handlers: the CSP forbids them). */
(function () {
  'use strict';
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('[data-citizens-print]');
    if (button) {
      event.preventDefault();
      window.print();
    }
  });
})();
