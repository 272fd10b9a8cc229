-- Kuzet vault schema, version 1.
-- Append-only: never edit a released migration; add 0002_….sql instead.
-- Each migration runs in a transaction (rusqlite_migration) and bumps
-- PRAGMA user_version.

-- Cases: one narrow row per case with the columns lists filter and sort
-- on, so that counting and paging touch small pages only; the full CaseData
-- as JSON lives in case_data (fetched for the rows of a page). The columns
-- are copies written from the same CaseData in the same transaction, never
-- edited on their own.
CREATE TABLE cases (
    seq              INTEGER PRIMARY KEY,         -- rowid: key of case_data and case_fts
    id               TEXT    NOT NULL UNIQUE,     -- CaseId (UUID)
    external_ref     TEXT    UNIQUE,
    event_date       TEXT    NOT NULL,            -- YYYY-MM-DD, local date in Kazakhstan
    kind             TEXT    NOT NULL,            -- case | context
    status           TEXT    NOT NULL,            -- open | closed
    category         TEXT    NOT NULL,
    grp              TEXT    NOT NULL,            -- the group of category
    region           TEXT,
    victim_type      TEXT,
    perpetrator_type TEXT,
    created_at       INTEGER NOT NULL,            -- UTC, nanoseconds since 1970
    updated_at       INTEGER NOT NULL             -- UTC, nanoseconds since 1970
) STRICT;

CREATE TABLE case_data (
    seq  INTEGER PRIMARY KEY REFERENCES cases (seq) ON DELETE CASCADE,
    data TEXT    NOT NULL                         -- CaseData as JSON
) STRICT;

CREATE INDEX cases_by_date             ON cases (event_date, created_at, id);
CREATE INDEX cases_by_category         ON cases (category, event_date);
CREATE INDEX cases_by_group            ON cases (grp, event_date);
CREATE INDEX cases_by_region           ON cases (region, event_date);
CREATE INDEX cases_by_victim_type      ON cases (victim_type, event_date);
CREATE INDEX cases_by_perpetrator_type ON cases (perpetrator_type, event_date);
-- No index on status or kind: two values each, an index on them only
-- misleads the query planner into visiting most rows.

CREATE TABLE developments (
    id           TEXT    PRIMARY KEY,             -- DevelopmentId (UUID)
    case_id      TEXT    NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    external_ref TEXT    UNIQUE,
    event_date   TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    data         TEXT    NOT NULL                 -- DevelopmentData as JSON
) STRICT;

CREATE INDEX developments_by_case ON developments (case_id, event_date);
CREATE INDEX developments_by_date ON developments (event_date, created_at);

-- Free-text search over *folded* text (crate::text::fold: NFC, lower case in
-- every script, ё→е). unicode61 without diacritic removal then only splits
-- words, so қ/к, ү/у, і/и, й/и stay apart. One row per case (rowid =
-- cases.seq): title, summary, victim name, outlet, ref, and the titles and
-- summaries of the case's developments. Contentless: the text itself lives in
-- case_data and developments.
CREATE VIRTUAL TABLE case_fts USING fts5 (
    body,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0'
);

-- The vault's taxonomy (one row).
CREATE TABLE taxonomy (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    data TEXT    NOT NULL                          -- Taxonomy as JSON
) STRICT;

-- Key-value store for JSON documents: organisation settings, overview
-- drafts ("overview-draft/2024-05"), UI preferences, editor drafts.
CREATE TABLE documents (
    key        TEXT    PRIMARY KEY,
    value      TEXT    NOT NULL,                   -- JSON
    updated_at INTEGER NOT NULL
) STRICT;
