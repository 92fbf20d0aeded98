"""One detector per kind of identifier; see ``vault.redaction.registry`` for the defaults."""
