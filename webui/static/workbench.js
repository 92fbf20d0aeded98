// Redaction workbench: selecting text in the original fills the "add a span" fields.
// Optional: without JavaScript, type positions or the string by hand.
(function () {
  "use strict";
  var doc = document.getElementById("original-text");
  var startField = document.getElementById("manual_start");
  var endField = document.getElementById("manual_end");
  var stringField = document.getElementById("manual_string");
  var note = document.getElementById("selection-note");
  if (!doc || !startField || !endField) { return; }

  // Python string indices count code points; JavaScript counts UTF-16 units.
  function codePoints(text) { return Array.from(text).length; }

  function offsetOf(node, offset) {
    var element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    while (element && element !== doc && !element.hasAttribute("data-start")) {
      element = element.parentElement;
    }
    if (!element || element === doc) { return null; }
    var base = parseInt(element.getAttribute("data-start"), 10);
    if (element.hasAttribute("data-chars")) {  // a visible marker standing for one invisible character
      return offset === 0 ? base : base + parseInt(element.getAttribute("data-chars"), 10);
    }
    if (node.nodeType !== Node.TEXT_NODE) {
      return offset === 0 ? base : base + codePoints(element.textContent);
    }
    return base + codePoints(node.textContent.slice(0, offset));
  }

  // Keyboard: Tab from a highlighted passage goes to the control that decides it, and Tab
  // from that control goes on to the next passage (Shift+Tab walks back the same way).
  // Enter on a passage also moves to its control. After the last passage, Tab leaves as usual.
  var marks = Array.prototype.slice.call(doc.querySelectorAll("mark[data-control]"));
  var cameFrom = null;
  function controlOf(mark) { return document.getElementById(mark.getAttribute("data-control")); }
  marks.forEach(function (mark, index) {
    mark.addEventListener("keydown", function (event) {
      var control = controlOf(mark);
      if (event.key === "Tab" && event.shiftKey && index > 0) {
        var before = controlOf(marks[index - 1]);
        if (before) { event.preventDefault(); cameFrom = marks[index - 1]; before.focus(); }
      } else if ((event.key === "Tab" && !event.shiftKey) || event.key === "Enter") {
        if (control) { event.preventDefault(); cameFrom = mark; control.focus(); }
      }
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Tab" || !cameFrom || event.target !== controlOf(cameFrom)) { return; }
    var index = marks.indexOf(cameFrom);
    var target = event.shiftKey ? cameFrom : marks[index + 1];
    cameFrom = null;
    if (target) { event.preventDefault(); target.focus(); }
  });
  document.addEventListener("focusin", function (event) {
    if (cameFrom && event.target !== controlOf(cameFrom)) { cameFrom = null; }
  });

  document.addEventListener("selectionchange", function () {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) { return; }
    var range = selection.getRangeAt(0);
    if (!doc.contains(range.startContainer) || !doc.contains(range.endContainer)) { return; }
    var start = offsetOf(range.startContainer, range.startOffset);
    var end = offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) { return; }
    startField.value = String(start);
    endField.value = String(end);
    if (stringField) { stringField.value = ""; }
    if (note) { note.textContent = "\u00ab" + selection.toString().slice(0, 60) + "\u00bb"; }
  });
}());

// Live preview: when an action changes (keep, mask, pseudonym, generalise, or back as it was),
// the server renders the extract for the choices on the page, not yet saved, with the same
// renderer as the saved page (POST .../preview, same origin, CSRF token; it changes nothing),
// and the preview pane shows it. Without JavaScript, "Save decisions" shows the new preview.
(function () {
  "use strict";
  var form = document.getElementById("decisions-form");
  var pane = document.getElementById("rendered-extract");
  var status = document.getElementById("preview-status");
  var undo = document.getElementById("undo-choices");
  if (!form || !pane || !status || !window.fetch || !window.FormData) { return; }
  var url = form.getAttribute("data-preview-url");
  var timer = null, asked = 0;

  function choices() {
    var data = new FormData(form);
    ["manual_start", "manual_end", "manual_string", "bulk_label", "bulk_action"].forEach(function (name) {
      data.delete(name);  // spans to add and bulk actions apply when saved, not in the preview
    });
    return data;
  }

  function refresh(changed) {
    var ticket = ++asked;
    fetch(url, {
      method: "POST", body: choices(), credentials: "same-origin",
      headers: {"X-CSRF-Token": form.querySelector("input[name=csrf_token]").value}
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.text();
    }).then(function (html) {
      if (ticket !== asked) { return; }  // a later change is on its way
      pane.innerHTML = html;  // the server's template output, escaped there
      status.textContent = changed ? status.getAttribute("data-unsaved") : "";
      status.classList.remove("preview-failed");
      if (undo) { undo.hidden = !changed; }
    }, function () {
      if (ticket !== asked) { return; }
      status.textContent = status.getAttribute("data-failed");
      status.classList.add("preview-failed");
    });
  }

  function soon(changed) {
    if (timer !== null) { clearTimeout(timer); }
    timer = setTimeout(function () { timer = null; refresh(changed); }, 150);
  }

  form.addEventListener("change", function (event) {
    var target = event.target;
    if (target && target.tagName === "SELECT" && /^(group_|action_)/.test(target.name || "")) { soon(true); }
  });
  if (undo) {  // it throws away choices not yet saved: ask once, naming what stays
    undo.addEventListener("click", function (event) {
      if (!window.confirm(undo.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  }
  form.addEventListener("reset", function () {
    setTimeout(function () { soon(false); }, 0);  // after the browser has put the saved choices back
  });
}());
