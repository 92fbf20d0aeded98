"""Releases: propose -> approve (another person, S33) -> publish through the gate -> retract.

A release pins the rendered redacted text of one testimony version (rendered from the
stored decisions), its generalised metadata and its quasi-identifiers. Publishing
runs the gate, gives the extract a fresh random id, signs it with the archive's Ed25519
release key, and brings the reading room in line with the vault (:func:`sync`), which
also re-signs the room's manifest. Retraction (an archivist's, or the witness withdrawing
consent, S34) removes the extract, its full-text rows and its pages (S09). Every step is
audited. vault.db is the source of truth; the reading room is derived from the published
rows, so a crash between the two commits is repaired by the next :func:`sync`.

::

    decisions   an archivist's decision on each detected span, stored per testimony version
    gate        the release gate: consent, undecided spans, k-anonymity, narrative, images
    narrative   facts the text states (ages, years, places) against the released levels
    metadata    generalised metadata and quasi-identifiers of a record
    record      a release row: reading it, its content hash
    proposal    propose, approve, send back, generalise the text
    images      masked images in a proposal (S32)
    facts       what the gate is shown for a release
    publishing  publish, retract, withdraw consent; the reading room as a view (sync, verify)
    view        the frozen proposal as an approver sees it (CLI and web)
    export_bag  the researcher's signed BagIt export, and its verification
    uwazi_csv   the same extracts as Uwazi imports them

This face names what the other layers use; the modules above are importable too.
"""
from __future__ import annotations

from vault.releases.facts import narrative_facts, text_levels
from vault.releases.images import add_image, images
from vault.releases.proposal import (
    CHANGED_SINCE_SHOWN,
    MAX_NOTE,
    Note,
    Preview,
    approve,
    check,
    content_hash,
    ensure_may_approve,
    generalise_text,
    notes,
    preview,
    propose,
    remember_suppression,
    send_back,
    sent_back,
)
from vault.releases.publishing import (
    publish,
    published_extracts,
    retract,
    set_k,
    shown_metadata,
    sync,
    verify_reading_room,
    withdraw_consent,
)
from vault.releases.record import (
    KIND,
    OPEN,
    RETRACT_REASONS,
    STATUSES,
    Release,
    digest,
    get,
    list_releases,
    object_id,
    usernames,
)

__all__ = [
    "CHANGED_SINCE_SHOWN", "KIND", "MAX_NOTE", "OPEN", "RETRACT_REASONS", "STATUSES", "Note", "Preview", "Release",
    "add_image", "approve", "check", "content_hash", "digest", "ensure_may_approve", "generalise_text", "get",
    "images", "list_releases", "narrative_facts", "notes", "object_id", "preview", "propose", "publish",
    "published_extracts", "remember_suppression", "retract", "send_back", "sent_back", "set_k", "shown_metadata",
    "sync", "text_levels", "usernames", "verify_reading_room", "withdraw_consent",
]
