/* A "Print" button for a page with a print stylesheet (app.css, @media print).
 * The button is hidden without JavaScript (the browser's own Print works the same).
 * Local file only (CSP script-src 'self'); no network, no storage.
 */
(function () {
  'use strict';
  var button = document.getElementById('print-page');
  if (!button) return;
  button.hidden = false;
  button.addEventListener('click', function () { window.print(); });
})();
