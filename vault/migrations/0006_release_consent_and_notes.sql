-- A witness's new consent, recorded by an archivist or administrator: the scope, who
-- recorded it, when, and on what basis (kept in the vault only; the audit log holds
-- the change without the words).
CREATE TABLE consent_records (
    id            INTEGER PRIMARY KEY,
    testimony_id  TEXT NOT NULL REFERENCES testimonies(id),
    scope         TEXT NOT NULL CHECK (scope IN ('archive_only', 'research', 'public')),
    previous      TEXT NOT NULL,
    basis         TEXT NOT NULL,
    recorded_by   TEXT NOT NULL,
    recorded_at   TEXT NOT NULL
) STRICT;

-- A proposal sent back to its proposer, with the approver's comment.
CREATE TABLE release_notes (
    id            INTEGER PRIMARY KEY,
    release_id    TEXT NOT NULL REFERENCES releases(id),
    kind          TEXT NOT NULL CHECK (kind IN ('sent_back')),
    note          TEXT NOT NULL,
    written_by    TEXT NOT NULL,
    written_at    TEXT NOT NULL
) STRICT;
