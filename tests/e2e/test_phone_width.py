"""Every page of every role on a phone, 390 px wide, in English and Korean.

Walks the screens of the accessibility sweep (``SCREENS`` in tests/e2e/test_accessibility.py)
and fails when

- the page scrolls sideways (it is wider than the window);
- an action cannot be reached: a button, link, field or menu lies outside the window or is cut
  off by a box that scrolls sideways (a table pushing *Retract* off screen);
- a control is squashed: a menu too narrow for the choice it shows, a button whose words do
  not fit (the workbench's action menus shrinking to one letter);
- text is squashed into a column narrower than three characters (a phone number breaking one
  digit per line).
"""
from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.e2e.conftest import Site, screenshot
from tests.e2e.test_accessibility import ROLES, SCREENS, _set_language, _sign_in, sweep_data  # noqa: F401

PHONE = {"width": 390, "height": 844}
LANGUAGES = ("en", "ko")
#: Screens photographed for the guides (docs/screenshots/phone-*.png with UPDATE_SCREENSHOTS=1).
SHOTS = {("queue", "en"), ("releases", "en"), ("workbench-strings", "en"), ("users", "en"), ("new-testimony", "ko")}

#: Checks run in the page; each problem comes back as one line.
PROBLEMS_JS = """() => {
  const W = document.documentElement.clientWidth;
  const out = [];
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
    + ' "' + (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 30) + '"';
  const wide = document.documentElement.scrollWidth - W;
  if (wide > 0) out.push(`the page is ${wide}px wider than the window`);
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    if (!(r.width > 0 || r.height > 0) || getComputedStyle(el).visibility === 'hidden'
        || el.closest('[hidden], .visually-hidden, .skip-link')) return false;
    for (let a = el; a && a !== document.body; a = a.parentElement) {  // hidden from sight, not from screen readers
      const box = a.getBoundingClientRect();
      if (getComputedStyle(a).overflow === 'hidden' && (box.width <= 1 || box.height <= 1)) return false;
    }
    return true;
  };
  const canvas = document.createElement('canvas').getContext('2d');
  const controls = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
  for (const el of document.querySelectorAll(controls)) {
    if (!shown(el)) continue;
    const r = el.getBoundingClientRect();
    let left = 0, right = W;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') {
        const box = a.getBoundingClientRect();
        left = Math.max(left, box.left); right = Math.min(right, box.right);
      }
    }
    if (r.left < left - 1 || r.right > right + 1) {
      out.push(`out of reach: ${name(el)} spans ${Math.round(r.left)}..${Math.round(r.right)}px, `
               + `the visible part is ${Math.round(left)}..${Math.round(right)}px`);
      continue;
    }
    const s = getComputedStyle(el);
    if (el.tagName === 'SELECT' && el.selectedIndex >= 0) {
      canvas.font = s.font;
      const need = canvas.measureText(el.options[el.selectedIndex].text).width;
      const room = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight) - 12;
      if (need > room + 1) out.push(`squashed menu: ${name(el)} is ${Math.round(room)}px for ${Math.round(need)}px of text`);
    } else if ((el.tagName === 'BUTTON' || el.classList.contains('button')) && el.scrollWidth > el.clientWidth + 1) {
      out.push(`squashed button: ${name(el)}`);
    }
  }
  for (const el of document.querySelectorAll('td, th, dd, li, mark, .hl')) {
    if (!shown(el)) continue;
    const text = el.textContent.trim();
    if (text.length < 4) continue;
    const r = el.getBoundingClientRect();
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (r.width < 3 * size && r.height > 3 * size) out.push(`squashed text: ${name(el)} is ${Math.round(r.width)}px wide`);
  }
  return out;
}"""


def phone_problems(page: Page) -> list[str]:
    return page.evaluate(PROBLEMS_JS)


@pytest.mark.parametrize("role", ROLES)
def test_every_page_fits_a_phone(role: str, site: Site, browser: Browser, sweep_data: dict[str, str]) -> None:  # noqa: F811
    screens = [s for s in SCREENS if s.role == role]
    assert screens
    context = browser.new_context(viewport=PHONE, locale="ko-KR", is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        _sign_in(page, site, role)
        found: list[str] = []
        for lang in LANGUAGES:
            _set_language(page, site, lang)
            for screen in screens:
                if screen.once and lang != LANGUAGES[-1]:
                    continue
                page.goto(site.url + screen.path.format(**sweep_data))
                if screen.then is not None:
                    screen.then(page)
                for selector in screen.shows.split(", "):
                    assert page.locator(selector).count() >= 1, (screen.name, selector, page.url)
                found += [f"{screen.name} [{lang}]: {p}" for p in phone_problems(page)]
                if (screen.name, lang) in SHOTS:
                    screenshot(page, f"phone-{screen.name}-{lang}")
        assert not found, f"{len(found)} problems at 390 px:\n" + "\n".join(found)
    finally:
        context.close()


def test_the_check_sees_a_table_pushing_a_button_off_screen(site: Site, browser: Browser) -> None:
    """The check itself: a wide table in a sideways-scrolling box hides its last button."""
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(site.url + "/login")
        page.evaluate("""() => {
            const box = document.createElement('div');
            box.style.overflowX = 'auto';
            // (style attributes in markup are refused by the CSP; CSSOM is not)
            box.innerHTML = '<table><tr><td id="wide">wide</td><td><button id="far">Retract</button></td>'
                + '<td id="thin">0101234567</td></tr></table>';
            document.body.appendChild(box);  // outside main, where tables stay tables
            document.getElementById('wide').style.minWidth = '600px';
            document.getElementById('thin').style.width = '1px';
            document.getElementById('thin').style.wordBreak = 'break-all';
        }""")
        problems = phone_problems(page)
        assert any("out of reach: button#far" in p for p in problems), problems
        assert any("squashed text: td" in p for p in problems), problems
    finally:
        context.close()
