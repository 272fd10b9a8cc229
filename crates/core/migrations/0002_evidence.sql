-- Kuzet vault schema, version 2: evidence and accountability.
-- Append-only: never edit a released migration; add 0003_….sql instead.

-- The history: one entry per change to a case, a development, an
-- attachment, the taxonomy or a recorded document (settings, overview
-- drafts, public figures), appended in the transaction of the change.
-- A hash chain (crate::vault::history): `hash` is SHA-256 over the entry's
-- fields, `payload_sha256` and the previous entry's `hash`, so an edited,
-- removed or reordered entry breaks the chain from there on.
CREATE TABLE history (
    seq            INTEGER PRIMARY KEY,          -- 1, 2, 3 … without gaps
    at             INTEGER NOT NULL,             -- UTC, nanoseconds since 1970
    actor          TEXT    NOT NULL,             -- staff name ('' when unset)
    source         TEXT    NOT NULL,             -- 'app', 'cli', 'import: may.csv', 'version 12' …
    entity         TEXT    NOT NULL,             -- case | development | attachment | taxonomy | document
    entity_id      TEXT    NOT NULL,             -- UUID, document key, or 'taxonomy'
    case_id        TEXT,                         -- the case it belongs to, for the case's timeline
    action         TEXT    NOT NULL,             -- created | updated | trashed | restored | purged | removed
    payload        TEXT,                         -- JSON {changes, snapshot}; NULL once erased by emptying the trash
    payload_sha256 TEXT    NOT NULL,             -- hex SHA-256 of payload as written
    prev_hash      TEXT    NOT NULL,             -- hash of entry seq - 1 ('' for the first)
    hash           TEXT    NOT NULL              -- hex SHA-256 of this entry
) STRICT;

CREATE INDEX history_by_case ON history (case_id, seq);

-- Append-only: no entry is ever deleted or rewritten. The one update
-- allowed erases a payload (emptying the trash erases a purged case's text
-- everywhere); its digest stays, so the chain still verifies.
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN
    SELECT RAISE(ABORT, 'the history is append-only');
END;

CREATE TRIGGER history_only_erase BEFORE UPDATE ON history
WHEN NOT (NEW.payload IS NULL
          AND NEW.seq = OLD.seq AND NEW.at = OLD.at AND NEW.actor = OLD.actor AND NEW.source = OLD.source
          AND NEW.entity = OLD.entity AND NEW.entity_id = OLD.entity_id AND NEW.case_id IS OLD.case_id
          AND NEW.action = OLD.action AND NEW.payload_sha256 = OLD.payload_sha256
          AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash)
BEGIN
    SELECT RAISE(ABORT, 'the history is append-only');
END;

-- The trash: a deleted case with its developments, as they were, until it
-- is restored or the trash is emptied. Counting, lists and search never
-- see it (it is not in `cases`).
CREATE TABLE trash (
    case_id      TEXT    PRIMARY KEY,            -- CaseId (UUID)
    deleted_at   INTEGER NOT NULL,               -- UTC, nanoseconds since 1970
    deleted_by   TEXT    NOT NULL,
    case_json    TEXT    NOT NULL,               -- the Case (id, data, created_at, updated_at)
    developments TEXT    NOT NULL                -- JSON array of its Developments
) STRICT;

-- Attachments: evidence files, stored encrypted inside the vault like
-- everything else, in chunks of at most 1 MiB, so that adding and
-- extracting stream with flat memory. `case_id` has no foreign key: the
-- attachments of a case in the trash stay until the trash is emptied.
CREATE TABLE attachments (
    seq        INTEGER PRIMARY KEY,
    id         TEXT    NOT NULL UNIQUE,          -- AttachmentId (UUID)
    case_id    TEXT    NOT NULL,
    name       TEXT    NOT NULL,                 -- the original file name
    media_type TEXT    NOT NULL,                 -- e.g. image/jpeg
    size       INTEGER NOT NULL,                 -- bytes
    sha256     TEXT    NOT NULL,                 -- hex SHA-256 of the original bytes
    added_at   INTEGER NOT NULL,                 -- UTC, nanoseconds since 1970
    added_by   TEXT    NOT NULL
) STRICT;

CREATE INDEX attachments_by_case ON attachments (case_id, added_at);

CREATE TABLE attachment_chunks (
    attachment INTEGER NOT NULL REFERENCES attachments (seq) ON DELETE CASCADE,
    n          INTEGER NOT NULL,                 -- 0, 1, 2 … in file order
    data       BLOB    NOT NULL,
    PRIMARY KEY (attachment, n)
) STRICT;
