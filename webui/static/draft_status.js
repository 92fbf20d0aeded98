/* The testimony form's status line, and the browser's question before leaving unsaved changes.
 *
 * Nothing is sent from here: a draft is saved only by "Save draft" (an ordinary form post). As
 * soon as something on the form changes, the line under it says it is not saved yet, and leaving
 * the page (a link, a reload, closing the tab) makes the browser ask first ("Leave site?").
 * Pressing "Save draft" or "Seal and submit" sends the form and asks nothing. After a save, the
 * line says when, in the device's own time zone (the server wrote it in UTC). A form the server
 * sent back refused is not saved either: the line says so; the browser asks before leaving it once
 * something on it changes (a reload of it shows the same kept form, so a reload alone need not ask).
 * The words come from the page (the server's catalogue, in the visitor's language). Nothing is
 * kept in the browser. Without JavaScript the line shows the server's words, in UTC.
 * Local file only (CSP script-src 'self'; no connect-src: no request can leave from here).
 */
(function () {
  'use strict';
  var form = document.getElementById('testimony-form');
  var status = document.getElementById('draft-status');
  if (!form || !status) return;
  var lang = document.documentElement.lang === 'ko' ? 'ko-KR' : 'en-GB';
  var unsaved = form.getAttribute('data-unsaved') === '1';
  var changedHere = false, sending = false;

  function clock(when) {
    var now = new Date();
    var options = {hour: '2-digit', minute: '2-digit', hourCycle: 'h23'};
    if (when.toDateString() !== now.toDateString()) {  // saved on another day: say which
      options.year = 'numeric';
      options.month = 'short';
      options.day = 'numeric';
    }
    try {
      return new Intl.DateTimeFormat(lang, options).format(when);
    } catch (e) {
      return when.toISOString().slice(11, 16) + ' UTC';
    }
  }

  function notSaved() {
    status.textContent = status.getAttribute('data-unsaved');
    status.classList.add('draft-unsaved');
  }

  var savedAt = new Date(status.getAttribute('data-saved-at') || '');
  if (unsaved) {
    notSaved();
  } else if (!isNaN(savedAt.getTime())) {
    status.textContent = status.getAttribute('data-saved').replace('{time}', clock(savedAt));
  }

  function changed() {
    changedHere = true;
    if (!unsaved) {
      unsaved = true;
      notSaved();
    }
  }

  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  form.addEventListener('submit', function () { sending = true; });  // the form itself goes: nothing to ask
  window.addEventListener('beforeunload', function (event) {
    if (!changedHere || sending) return undefined;
    event.preventDefault();  // the browser asks its own "leave site?" question (it shows no text of ours)
    event.returnValue = '';
    return '';
  });
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) sending = false;  // back from the cache after leaving: the form is here again
  });
})();
