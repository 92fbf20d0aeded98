"""vault: the encrypted archive (SQLCipher), its records, redaction, releases and reading room.

The modules the web interface and the command line may import are named in :data:`PUBLIC`;
the schema and its migrations, and the helpers behind recovery shares, are the store's own.
``tests/test_layering.py`` holds the other layers to it.
"""
from __future__ import annotations

PUBLIC = frozenset({
    "anonymity", "archive", "attachments", "audit", "backup", "consent", "errors", "filter_tree",
    "hardening", "imports", "intake_import", "intake_retention", "media", "reading_room", "records",
    "redaction", "rekey", "releases", "room_search", "search", "store", "testimonies", "verify",
})
