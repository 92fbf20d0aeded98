-- Images released with a text release (photos and document pages from the media
-- pipeline, already rebuilt from pixels with faces under solid masks). Added to a
-- proposal before approval, so the approving archivist sees them; published with it.
CREATE TABLE release_images (
    release_id     TEXT NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL CHECK (position >= 0),
    media_type     TEXT NOT NULL CHECK (media_type IN ('image/png', 'image/jpeg')),
    data           BLOB NOT NULL,
    sha256         TEXT NOT NULL,
    attachment_id  TEXT,                      -- the original it was made from, if any
    confirmed_by   TEXT NOT NULL,             -- the archivist who confirmed the masks
    confirmed_at   TEXT NOT NULL,
    PRIMARY KEY (release_id, position)
) STRICT;
