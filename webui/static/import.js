// Import progress: while the import runs, reload the page every second (without JavaScript,
// the "Refresh" link does the same).
(function () {
  "use strict";
  if (document.getElementById("import-running")) {
    window.setTimeout(function () { window.location.reload(); }, 1000);
  }
})();
