-- Notes kept in the vault only, brought in by an import: a Martus bulletin's private
-- section, or a spreadsheet column the archivist marked "note". They are never part of
-- the testimony text, so the workbench never offers them for release.
CREATE TABLE private_notes (
    testimony_id  TEXT NOT NULL REFERENCES testimonies(id),
    position      INTEGER NOT NULL,
    label         TEXT NOT NULL,
    value         TEXT NOT NULL,
    PRIMARY KEY (testimony_id, position)
) STRICT;
