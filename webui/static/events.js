/* "Add event": one more empty row in the testimony form's events table.
 *
 * The new row is a copy of the last one with the next index in every name, id and label
 * reference, emptied. Without JavaScript the button stays hidden and saving the draft
 * gives more empty rows, as before. Local file only (CSP script-src 'self').
 */
(function () {
  'use strict';
  var button = document.getElementById('add-event');
  var body = document.querySelector('#events tbody');
  if (!button || !body) return;
  var most = parseInt(button.getAttribute('data-max'), 10) || 50;
  var label = button.getAttribute('data-row-label') || 'Event {n}';
  function renumber(el, from, to) {
    ['name', 'id', 'aria-labelledby', 'for'].forEach(function (attr) {
      var value = el.getAttribute(attr);
      if (value) {
        el.setAttribute(attr, value.split('event_' + from + '_').join('event_' + to + '_')
          .split('event-row-' + from).join('event-row-' + to));
      }
    });
  }
  function add() {
    var rows = body.querySelectorAll('tr');
    if (rows.length >= most) return;
    var last = rows[rows.length - 1];
    var from = rows.length - 1, to = rows.length;
    var row = last.cloneNode(true);
    renumber(row.querySelector('th'), from, to);
    row.querySelector('th').textContent = label.replace('{n}', String(to + 1));
    row.querySelectorAll('.field-error').forEach(function (p) { p.remove(); });
    row.querySelectorAll('input, select').forEach(function (el) {
      renumber(el, from, to);
      el.removeAttribute('aria-invalid');
      el.removeAttribute('aria-describedby');
      if (el.tagName === 'SELECT') { el.selectedIndex = 0; } else { el.value = ''; }
    });
    body.appendChild(row);
    if (body.querySelectorAll('tr').length >= most) button.hidden = true;
    row.querySelector('select').focus();
  }
  button.hidden = false;
  button.addEventListener('click', add);
})();
