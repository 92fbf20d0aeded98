-- Vault schema, version 1. Identifiers are random opaque strings.

CREATE TABLE users (
    id          TEXT PRIMARY KEY,            -- opaque id used as the audit actor
    username    TEXT NOT NULL UNIQUE,
    role        TEXT NOT NULL CHECK (role IN ('admin', 'archivist', 'researcher', 'interviewer')),
    created_at  TEXT NOT NULL,
    disabled    INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
) STRICT;

-- Archive secrets kept only inside the vault: reading-room key, signing keys,
-- pseudonym key, intake private key.
CREATE TABLE secrets (
    name        TEXT PRIMARY KEY,
    value       BLOB NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE testimonies (
    id              TEXT PRIMARY KEY,
    status          TEXT NOT NULL CHECK (status IN ('submitted', 'in_review', 'released', 'withdrawn')),
    language        TEXT NOT NULL CHECK (language IN ('en', 'ko')),
    interview_date  TEXT,
    consent         TEXT NOT NULL CHECK (consent IN ('archive_only', 'research', 'public')),
    current_version INTEGER NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

-- Version 1 is the original as received and is never changed.
CREATE TABLE testimony_versions (
    testimony_id  TEXT NOT NULL REFERENCES testimonies(id) ON DELETE CASCADE,
    version       INTEGER NOT NULL CHECK (version >= 1),
    text          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    PRIMARY KEY (testimony_id, version)
) STRICT;

CREATE TABLE witnesses (
    testimony_id  TEXT PRIMARY KEY REFERENCES testimonies(id) ON DELETE CASCADE,
    name          TEXT,
    aliases       TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
    sex           TEXT CHECK (sex IN ('female', 'male', 'other', 'unknown')),
    birth_year    INTEGER,
    origin        TEXT,
    occupation    TEXT,
    exit_year     INTEGER,
    arrival_year  INTEGER
) STRICT;

-- testimony_id NULL: archive-wide term protected in every testimony.
CREATE TABLE sensitive_terms (
    id            INTEGER PRIMARY KEY,
    testimony_id  TEXT REFERENCES testimonies(id) ON DELETE CASCADE,
    term          TEXT NOT NULL,
    UNIQUE (testimony_id, term)
) STRICT;

CREATE TABLE violation_types (
    code      TEXT PRIMARY KEY,
    label_en  TEXT NOT NULL,
    label_ko  TEXT NOT NULL
) STRICT;

CREATE TABLE events (
    id              TEXT PRIMARY KEY,
    testimony_id    TEXT NOT NULL REFERENCES testimonies(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    violation_type  TEXT NOT NULL REFERENCES violation_types(code),
    date            TEXT,
    date_precision  TEXT NOT NULL CHECK (date_precision IN ('day', 'month', 'year', 'unknown')),
    place           TEXT,
    perpetrator     TEXT,
    victims         TEXT,
    UNIQUE (testimony_id, position)
) STRICT;

CREATE TABLE attachments (
    id            TEXT PRIMARY KEY,
    testimony_id  TEXT NOT NULL REFERENCES testimonies(id) ON DELETE CASCADE,
    filename      TEXT NOT NULL,
    media_type    TEXT NOT NULL,
    size          INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    blob_name     TEXT NOT NULL UNIQUE,
    wrapped_key   BLOB,                       -- NULL once destroyed (S15)
    created_at    TEXT NOT NULL,
    deleted_at    TEXT
) STRICT;

-- Hash-chained audit log (S26): no names or free text.
CREATE TABLE audit (
    seq           INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL,
    action        TEXT NOT NULL,
    object        TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    prev_hash     TEXT NOT NULL,
    entry_hash    TEXT NOT NULL
) STRICT;

CREATE TABLE audit_checkpoints (
    seq         INTEGER PRIMARY KEY REFERENCES audit(seq),
    entry_hash  TEXT NOT NULL,
    signature   BLOB NOT NULL,
    at          TEXT NOT NULL
) STRICT;

-- Full-text search: `words` holds the text for the unicode61 tokenizer; `grams`
-- holds overlapping bigrams of Hangul/Han runs so that 혜산 finds 양강도혜산시.
CREATE VIRTUAL TABLE testimony_search USING fts5(
    testimony_id UNINDEXED, words, grams,
    tokenize = "unicode61 remove_diacritics 2"
);
INSERT INTO testimony_search (testimony_search, rank) VALUES ('secure-delete', 1);

INSERT INTO violation_types (code, label_en, label_ko) VALUES
    ('arbitrary_detention', 'Arbitrary detention', '자의적 구금'),
    ('torture', 'Torture or ill-treatment', '고문 및 가혹행위'),
    ('forced_labour', 'Forced labour', '강제노동'),
    ('public_execution', 'Public execution', '공개처형'),
    ('extrajudicial_killing', 'Extrajudicial killing', '비사법적 살해'),
    ('enforced_disappearance', 'Enforced disappearance', '강제실종'),
    ('forced_repatriation', 'Forced repatriation', '강제송환'),
    ('sexual_violence', 'Sexual violence', '성폭력'),
    ('trafficking', 'Human trafficking', '인신매매'),
    ('starvation', 'Deprivation of food', '식량 박탈'),
    ('family_punishment', 'Punishment of relatives (yeonjwaje)', '연좌제'),
    ('religious_persecution', 'Religious persecution', '종교 박해'),
    ('restriction_of_movement', 'Restriction of movement', '이동의 자유 제한'),
    ('forced_abortion', 'Forced abortion or infanticide', '강제낙태 및 영아살해');
