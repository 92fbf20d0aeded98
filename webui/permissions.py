"""Deny by default (S21): who may call which endpoint with which method.

``TABLE`` is the whole policy. An endpoint/method pair that is not listed is refused
for everyone, and ``tests/webui/test_policy.py`` walks ``app.url_map`` so a
route added without a row here fails the suite.

Principals: ``anonymous`` (not signed in), ``enrolling`` (passphrase accepted, second
factor not enrolled yet) and the four roles. Refusals: anonymous visitors are sent to
the sign-in page; a researcher gets 404 for anything outside the reading room (nothing
there is released, so nothing there exists for them); everyone else gets 403.
"""
from __future__ import annotations

from collections.abc import Mapping

from keys.keyring import Role

ANONYMOUS = "anonymous"
ENROLLING = "enrolling"
# The four roles are those of the keyring (a StrEnum: each equals its name as a string).
ADMIN = Role.ADMIN
ARCHIVIST = Role.ARCHIVIST
RESEARCHER = Role.RESEARCHER
INTERVIEWER = Role.INTERVIEWER

ROLES: frozenset[str] = frozenset(Role)
PRINCIPALS = ROLES | {ANONYMOUS, ENROLLING}
EVERYONE = PRINCIPALS
SIGNED_IN = ROLES
VAULT = frozenset({ADMIN, ARCHIVIST})


# (endpoint, method) -> principals allowed.                      Why
TABLE: Mapping[tuple[str, str], frozenset[str]] = {
    ("static", "GET"): EVERYONE,                                  # CSS, JS: no secrets
    ("auth.index", "GET"): EVERYONE,                              # redirects by role
    ("auth.login", "GET"): EVERYONE,
    ("auth.login", "POST"): EVERYONE,                             # CSRF + throttle
    ("auth.enrol", "GET"): frozenset({ENROLLING}),
    ("auth.enrol", "POST"): frozenset({ENROLLING}),
    ("auth.logout", "POST"): SIGNED_IN | {ENROLLING},
    ("auth.set_language", "POST"): EVERYONE,                      # session preference only
    # interviewer: own drafts only; works while the vault is locked
    ("interviewer.home", "GET"): frozenset({INTERVIEWER}),
    ("interviewer.new", "GET"): frozenset({INTERVIEWER}),
    ("interviewer.edit", "GET"): frozenset({INTERVIEWER}),
    ("interviewer.save", "POST"): frozenset({INTERVIEWER}),
    ("interviewer.confirm_delete", "GET"): frozenset({INTERVIEWER}),
    ("interviewer.delete", "POST"): frozenset({INTERVIEWER}),
    ("interviewer.restore", "POST"): frozenset({INTERVIEWER}),
    ("interviewer.submit", "POST"): frozenset({INTERVIEWER}),
    # archivist: the whole vault
    ("archivist.home", "GET"): frozenset({ARCHIVIST}),
    ("archivist.inbox", "GET"): frozenset({ARCHIVIST}),
    ("archivist.import_inbox", "POST"): frozenset({ARCHIVIST}),
    ("archivist.workbench", "GET"): frozenset({ARCHIVIST}),
    ("archivist.save_decisions", "POST"): frozenset({ARCHIVIST}),
    ("archivist.preview", "POST"): frozenset({ARCHIVIST}),             # unsaved choices rendered; changes nothing
    ("archivist.confirm_reset", "GET"): frozenset({ARCHIVIST}),
    ("archivist.reset_decisions", "POST"): frozenset({ARCHIVIST}),
    ("archivist.propose", "POST"): frozenset({ARCHIVIST}),
    ("archivist.releases", "GET"): frozenset({ARCHIVIST}),
    ("archivist.consent.page", "GET"): frozenset({ARCHIVIST}),         # the witness's consent and its history
    ("archivist.consent.record", "POST"): frozenset({ARCHIVIST}),      # new consent, with its basis; audited
    ("archivist.release.page", "GET"): frozenset({ARCHIVIST}),         # the frozen proposal, as it would be published
    ("archivist.release.image", "GET"): frozenset({ARCHIVIST}),        # a masked image of a proposal
    ("archivist.release.generalise", "POST"): frozenset({ARCHIVIST}),  # the gate's suggested generalisation
    ("archivist.release.send_back", "POST"): frozenset({ARCHIVIST}),   # back to the proposer, with a comment
    ("archivist.release.approve", "POST"): frozenset({ARCHIVIST}),     # S33 enforced in vault.releases
    ("archivist.release.publish", "POST"): frozenset({ARCHIVIST}),     # through the release gate
    ("archivist.retract", "POST"): frozenset({ARCHIVIST}),
    ("archivist.confirm_retract", "GET"): frozenset({ARCHIVIST}),
    ("archivist.attachments.list", "GET"): frozenset({ARCHIVIST}),     # type, size, SHA-256 of each
    ("archivist.attachments.upload", "POST"): frozenset({ARCHIVIST}),  # streamed encrypted (S24)
    ("archivist.attachments.delete", "POST"): frozenset({ARCHIVIST}),  # destroys the key (S15)
    ("archivist.attachments.review", "GET"): frozenset({ARCHIVIST}),   # photo review: proposed face boxes
    ("archivist.attachments.update_review", "POST"): frozenset({ARCHIVIST}),  # re-render with edited boxes; changes nothing
    ("archivist.attachments.confirm", "POST"): frozenset({ARCHIVIST}),  # masked image into a release proposal
    ("archivist.attachments.view", "GET"): frozenset({ARCHIVIST}),     # from memory, re-encoded, no metadata
    ("archivist.attachments.preview", "GET"): frozenset({ARCHIVIST}),  # masked, from memory
    ("archivist.imports.page", "GET"): frozenset({ARCHIVIST}),         # bring an existing archive in
    ("archivist.imports.upload", "POST"): frozenset({ARCHIVIST}),      # read into memory through the spool (S24)
    ("archivist.imports.mapping", "GET"): frozenset({ARCHIVIST}),
    ("archivist.imports.start", "POST"): frozenset({ARCHIVIST}),       # asks first; whole rows only
    ("archivist.imports.job", "GET"): frozenset({ARCHIVIST}),          # progress, then the outcome
    ("archivist.imports.report", "GET"): frozenset({ARCHIVIST}),       # a download: rows and problems, no content
    ("archivist.lock", "POST"): VAULT,                                 # lock now: anyone holding the vault
    # researcher: the reading room only
    ("researcher.search", "GET"): frozenset({RESEARCHER}),
    ("researcher.extract", "GET"): frozenset({RESEARCHER}),
    ("researcher.extract_image", "GET"): frozenset({RESEARCHER}),  # released (masked) images only
    ("researcher.charts", "GET"): frozenset({RESEARCHER}),
    ("researcher.export", "GET"): frozenset({RESEARCHER}),       # a download, changes nothing
    ("researcher.results_csv", "GET"): frozenset({RESEARCHER}),  # the current results, a download
    ("researcher.chart_svg", "GET"): frozenset({RESEARCHER}),    # one chart, a download
    # admin: accounts, second factors, backups
    ("admin.home", "GET"): frozenset({ADMIN}),
    ("admin.add_user", "POST"): frozenset({ADMIN}),
    ("admin.reset_user", "POST"): frozenset({ADMIN}),
    ("admin.enrolment", "GET"): frozenset({ADMIN}),
    ("admin.remove_user", "POST"): frozenset({ADMIN}),
    ("admin.confirm_remove_user", "GET"): frozenset({ADMIN}),
    ("admin.unlock_user", "POST"): frozenset({ADMIN}),
    ("admin.reset_second_factor", "POST"): frozenset({ADMIN}),
    ("admin.suggest_passphrase", "POST"): frozenset({ADMIN}),     # shown once, never stored
    ("admin.audit_log", "GET"): frozenset({ADMIN}),               # ids and hashes only
    ("admin.intake_public_key", "GET"): frozenset({ADMIN}),       # the public half, for field kits
    ("admin.backups", "GET"): frozenset({ADMIN}),
    ("admin.make_backup", "POST"): frozenset({ADMIN}),
    ("admin.restore_drill", "POST"): frozenset({ADMIN}),          # into a temporary folder, then deleted
    ("admin.intake", "GET"): frozenset({ADMIN}),
    ("admin.make_intake_key", "POST"): frozenset({ADMIN}),         # key pair made inside the vault
}

#: Where each role lands after signing in.
HOME: dict[str, str] = {
    ADMIN: "admin.home",
    ARCHIVIST: "archivist.home",
    RESEARCHER: "researcher.search",
    INTERVIEWER: "interviewer.home",
}


def is_allowed(principal: str, endpoint: str, method: str) -> bool:
    if method == "HEAD":
        method = "GET"
    return principal in TABLE.get((endpoint, method), frozenset())

