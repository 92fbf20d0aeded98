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

// Preview of unsaved choices: "Show preview" sends the form (an ordinary post; this script sends
// nothing) and the page comes back with the choices as made and the extract they give. Here, when
// an action changes, the line under the preview says it does not show that change yet, and "Undo
// unsaved choices" appears. Undo opens the page with the saved choices; it asks first.
// Leaving the page after changing an action on it (a link, a reload, closing the tab) makes the
// browser ask first ("Leave site?"); "Save decisions" and "Show preview" send the form and ask nothing.
(function () {
  "use strict";
  var form = document.getElementById("decisions-form");
  var status = document.getElementById("preview-status");
  var undo = document.getElementById("undo-choices");
  if (!form || !status) { return; }

  var changedHere = false, leaving = false;
  form.addEventListener("change", function (event) {
    var target = event.target;
    if (target && /^(group_|action_|all_)/.test(target.name || "")) {
      changedHere = true;
      status.textContent = status.getAttribute("data-stale");
      status.classList.add("preview-unsaved");
      if (undo) { undo.hidden = false; }
    }
  });
  form.addEventListener("submit", function () { leaving = true; });  // the choices go with the form
  if (undo) {  // it throws away choices not yet saved: ask once, naming what stays
    undo.addEventListener("click", function (event) {
      if (window.confirm(undo.getAttribute("data-confirm"))) {
        leaving = true;  // asked already: the browser need not ask again
      } else {
        event.preventDefault();
      }
    });
  }
  window.addEventListener("beforeunload", function (event) {
    if (!changedHere || leaving) { return undefined; }
    event.preventDefault();  // the browser asks its own "leave site?" question (it shows no text of ours)
    event.returnValue = "";
    return "";
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { leaving = false; }  // back from the cache: the choices are here again
  });
}());
