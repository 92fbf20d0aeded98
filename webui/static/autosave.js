/* Auto-save of the testimony form: the draft is saved about every 30 seconds while the
 * interviewer types, and when they leave the page, into the same encrypted draft storage as
 * "Save draft" (POST /interviewer/autosave, same origin, with the page's CSRF token).
 *
 * Only what was typed since the last save is sent; attachments never are (a draft holds
 * none). Nothing is kept in the browser (no localStorage, no IndexedDB, no cache): the text
 * lives on this page and, encrypted, in the archive. The words shown come from the page
 * (the server's catalogue, in the visitor's language). Without JavaScript nothing changes:
 * "Save draft" works as before. Local file only (CSP script-src 'self', connect-src 'self').
 */
(function () {
  'use strict';
  var form = document.getElementById('testimony-form');
  var status = document.getElementById('autosave-status');
  if (!form || !status || !window.fetch || !window.FormData) return;
  var url = form.getAttribute('data-autosave-url');
  var newId = form.getAttribute('data-new-draft-id');
  var every = (parseInt(form.getAttribute('data-autosave-seconds'), 10) || 30) * 1000;
  var draftField = document.getElementById('draft_id');
  var lang = document.documentElement.lang === 'ko' ? 'ko-KR' : 'en-GB';
  var dirty = false, busy = false, again = false, leaving = false, timer = null;

  function clock(when) {
    try {
      return new Intl.DateTimeFormat(lang, {hour: '2-digit', minute: '2-digit', hourCycle: 'h23'}).format(when);
    } catch (e) {
      return when.toISOString().slice(11, 16) + ' UTC';
    }
  }

  function say(key, when, failed) {
    status.textContent = (status.getAttribute('data-' + key) || '').replace('{time}', clock(when || new Date()));
    status.classList.toggle('autosave-failed', !!failed);
  }

  function payload() {
    var data = new FormData(form);
    data.delete('attachments');  // a draft holds no attachments
    data.delete('confirm_submit');
    if (!data.get('draft_id')) data.set('draft_id', newId);
    return data;
  }

  function saved(answer) {
    if (draftField.value !== answer.draft_id) {
      draftField.value = answer.draft_id;  // "Save draft" and "Seal and submit" now name this draft
      if (window.history && history.replaceState) history.replaceState(null, '', answer.url);  // a reload opens it
    }
    say('saved', new Date(answer.saved_at));
  }

  function failed(response, answer) {
    if (answer && answer.error) {
      status.textContent = answer.error;
      status.classList.add('autosave-failed');
    } else {
      say(response && (response.status === 400 || response.status === 403) ? 'signed-out' : 'failed', null, true);
    }
  }

  function save(onLeaving) {
    if (!dirty || leaving && !onLeaving) return;
    if (busy && !onLeaving) { again = true; return; }
    dirty = false;
    busy = true;
    say('saving');
    fetch(url, {
      method: 'POST', body: payload(), credentials: 'same-origin', keepalive: !!onLeaving,
      headers: {'X-CSRF-Token': form.querySelector('input[name=csrf_token]').value, 'Accept': 'application/json'}
    }).then(function (response) {
      return response.json().then(function (answer) {
        if (response.ok) { saved(answer); } else { dirty = true; failed(response, answer); }
      }, function () { dirty = true; failed(response, null); });
    }, function () { dirty = true; failed(null, null); }).then(function () {
      busy = false;
      if (again) { again = false; save(false); }
    });
  }

  function typed() {
    dirty = true;
    if (timer === null) {
      timer = setTimeout(function () { timer = null; save(false); }, every);
    }
  }

  form.addEventListener('input', typed);
  form.addEventListener('change', typed);
  form.addEventListener('submit', function () { leaving = true; dirty = false; });  // the form itself goes
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') save(true);
  });
  window.addEventListener('pagehide', function () { save(true); });
  status.textContent = status.getAttribute('data-on');
})();
