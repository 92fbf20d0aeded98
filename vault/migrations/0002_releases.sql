-- Redaction decisions per testimony version, and releases (proposal -> approval ->
-- publication -> retraction). The reading room (reading-room.db) is derived from the
-- published rows of `releases`; vault.db stays the source of truth.

-- One row per testimony version: the JSON list of decisions
-- (vault.redaction.decision_to_dict plus decided_at). Keys are hashes, never names.
CREATE TABLE redaction_decisions (
    testimony_id  TEXT NOT NULL REFERENCES testimonies(id) ON DELETE CASCADE,
    version       INTEGER NOT NULL CHECK (version >= 1),
    decisions     TEXT NOT NULL,
    saved_by      TEXT NOT NULL,
    saved_at      TEXT NOT NULL,
    PRIMARY KEY (testimony_id, version)
) STRICT;

CREATE TABLE releases (
    id                  TEXT PRIMARY KEY,
    testimony_id        TEXT NOT NULL REFERENCES testimonies(id) ON DELETE CASCADE,
    version             INTEGER NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'published', 'retracted')),
    language            TEXT NOT NULL,
    text                TEXT NOT NULL,              -- rendered redacted text
    decisions_hash      TEXT NOT NULL,              -- decisions the text was rendered from
    qi                  TEXT NOT NULL,              -- JSON: ungeneralised quasi-identifiers (vault only)
    levels              TEXT NOT NULL,              -- JSON: generalisation level per quasi-identifier
    accept_suppression  INTEGER NOT NULL DEFAULT 0 CHECK (accept_suppression IN (0, 1)),
    metadata            TEXT NOT NULL,              -- JSON: generalised non-QI metadata
    proposed_by         TEXT NOT NULL,
    proposed_at         TEXT NOT NULL,
    approved_by         TEXT,
    approved_at         TEXT,
    published_by        TEXT,
    published_at        TEXT,
    extract_id          TEXT UNIQUE,                -- fresh random id in the reading room
    signature           BLOB,
    retracted_by        TEXT,
    retracted_at        TEXT,
    retract_reason      TEXT CHECK (retract_reason IN ('consent_withdrawn', 'archivist'))
) STRICT;

CREATE INDEX releases_by_testimony ON releases (testimony_id);
CREATE INDEX releases_by_status ON releases (status);
