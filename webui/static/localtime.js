/* Times in the visitor's own time zone and language.
 *
 * The server writes every time as UTC, in words of the page's language, inside
 * <time datetime="2026-12-05T03:20:00Z">. Here each one is rewritten in the device's time
 * zone; the UTC wording stays in its title. Without JavaScript the UTC wording stays.
 * Local file only (CSP script-src 'self'); no network, no storage.
 */
(function () {
  'use strict';
  var lang = document.documentElement.lang === 'ko' ? 'ko-KR' : 'en-GB';
  var format;
  try {
    format = new Intl.DateTimeFormat(lang, {
      year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
    });
  } catch (e) {
    return;
  }
  var times = document.querySelectorAll('time[datetime$="Z"]');
  for (var i = 0; i < times.length; i++) {
    var el = times[i];
    var when = new Date(el.getAttribute('datetime'));
    if (isNaN(when.getTime())) continue;
    el.title = el.textContent;
    el.textContent = format.format(when);
    el.classList.add('local-time');
  }
})();
