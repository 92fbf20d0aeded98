"""The audit log for the admin, readable in the web: who did what, when, newest first,
filtered by person, kind of action and days; and, when asked, whether the hash chain is intact.

The log holds ids and hashes only (no testimony text, names or places); accounts are shown
by their user names, objects by their ids. The admin blueprint serves it (webui.admin).
"""
from __future__ import annotations

import re

from flask import render_template, request

from vault import audit
from webui.state import request_vault

AUDIT_PAGE = 100
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _day(name: str) -> str:
    value = request.args.get(name, "")[:10]
    return value if _DAY.match(value) else ""


def audit_log() -> str:
    vault = request_vault()
    names = {str(i): str(n) for i, n in vault.conn.execute("SELECT id, username FROM users")}
    who = request.args.get("who", "")[:64]
    who = who if who in names else ""
    what = request.args.get("what", "")[:40]
    what = what if what in audit.ACTIONS else ""
    since, until = _day("since"), _day("until")
    try:
        page = max(0, int(request.args.get("page", "0")[:6]))
    except ValueError:
        page = 0
    entries, total = audit.find(vault.conn, actor=who or None, action=what or None, since=since or None,
                                until=until or None, limit=AUDIT_PAGE, offset=page * AUDIT_PAGE)
    # Checking the chain reads every entry (about a second per 100,000): only when asked.
    checked = request.args.get("check") == "1"
    problems = audit.verify_chain(audit.entries(vault.conn)) if checked else []
    kept = {k: v for k, v in (("who", who), ("what", what), ("since", since), ("until", until)) if v}
    return render_template("admin/audit.html", entries=entries, total=total, names=names, who=who, what=what,
                           since=since, until=until, actions=sorted(audit.ACTIONS), page=page, kept=kept,
                           more=(page + 1) * AUDIT_PAGE < total, first=page * AUDIT_PAGE + 1, checked=checked,
                           intact=not problems,
                           problems=len(problems), object_words=object_words)


def object_words(obj: str, names: dict[str, str]) -> str:
    """An audit object as shown: a user by name, anything else by its id."""
    if obj.startswith("user:") and obj[5:] in names:
        return names[obj[5:]]
    return obj
