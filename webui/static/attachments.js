// Photo review: draw a rectangle on the photo to fill the x/y/w/h fields of the chosen row
// (the new-box row by default), and outline every box. Optional: without JavaScript, type
// the boxes and press "Update preview".
(function () {
  "use strict";
  var frame = document.getElementById("photo-frame");
  var img = document.getElementById("photo");
  if (!frame || !img) { return; }
  var width = parseInt(frame.getAttribute("data-width"), 10);
  var height = parseInt(frame.getAttribute("data-height"), 10);
  var overlays = [];
  var drag = null;

  function scale() { return img.clientWidth / width; }
  function rows() { return Array.prototype.slice.call(document.querySelectorAll("tr.box-row")); }
  function field(row, key) { return row.querySelector('input[data-k="' + key + '"]'); }
  function values(row) {
    return ["x", "y", "w", "h"].map(function (k) { return parseInt(field(row, k).value, 10); });
  }

  function place(div, x, y, w, h) {
    var s = scale();
    div.style.left = (x * s) + "px";
    div.style.top = (y * s) + "px";
    div.style.width = (w * s) + "px";
    div.style.height = (h * s) + "px";
  }

  function draw() {
    overlays.forEach(function (div) { frame.removeChild(div); });
    overlays = [];
    rows().forEach(function (row, index) {
      var v = values(row);
      var removed = row.querySelector("input.box-remove");
      if (v.some(isNaN) || v[2] <= 0 || v[3] <= 0 || (removed && removed.checked)) { return; }
      var div = document.createElement("div");
      div.className = "box-overlay" + (row.classList.contains("new-box") ? " new" : "");
      div.textContent = row.classList.contains("new-box") ? "+" : String(index + 1);
      place(div, v[0], v[1], v[2], v[3]);
      frame.appendChild(div);
      overlays.push(div);
    });
  }

  function target() {
    var chosen = document.querySelector("input.box-target:checked");
    var row = chosen ? chosen.closest("tr") : null;
    return row || document.getElementById("box-new");
  }

  function point(event) {
    var rect = img.getBoundingClientRect();
    var s = scale();
    var x = Math.round((event.clientX - rect.left) / s);
    var y = Math.round((event.clientY - rect.top) / s);
    return [Math.max(0, Math.min(width, x)), Math.max(0, Math.min(height, y))];
  }

  frame.addEventListener("pointerdown", function (event) {
    event.preventDefault();
    var start = point(event);
    var div = document.createElement("div");
    div.className = "box-overlay drawing";
    frame.appendChild(div);
    drag = { start: start, div: div };
    frame.setPointerCapture(event.pointerId);
  });
  frame.addEventListener("pointermove", function (event) {
    if (!drag) { return; }
    var p = point(event);
    place(drag.div, Math.min(p[0], drag.start[0]), Math.min(p[1], drag.start[1]),
          Math.abs(p[0] - drag.start[0]), Math.abs(p[1] - drag.start[1]));
  });
  frame.addEventListener("pointerup", function (event) {
    if (!drag) { return; }
    var p = point(event);
    frame.removeChild(drag.div);
    var x = Math.min(p[0], drag.start[0]), y = Math.min(p[1], drag.start[1]);
    var w = Math.abs(p[0] - drag.start[0]), h = Math.abs(p[1] - drag.start[1]);
    drag = null;
    if (w < 2 || h < 2) { return; }
    var row = target();
    field(row, "x").value = String(x);
    field(row, "y").value = String(y);
    field(row, "w").value = String(w);
    field(row, "h").value = String(h);
    var removed = row.querySelector("input.box-remove");
    if (removed) { removed.checked = false; }
    draw();
  });

  document.addEventListener("input", function (event) {
    if (event.target && event.target.closest && event.target.closest("#boxes")) { draw(); }
  });
  document.addEventListener("change", draw);
  window.addEventListener("resize", draw);
  function ready() { draw(); frame.setAttribute("data-ready", ""); }
  if (img.complete) { ready(); } else { img.addEventListener("load", ready); }
}());
