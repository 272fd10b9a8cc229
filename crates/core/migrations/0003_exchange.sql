-- Kuzet vault schema, version 3: exchange between vaults (crate::exchange,
-- crate::vault::exchange) and duplicate cases (crate::vault::duplicates).

-- This vault's own key pair (one row): an age X25519 identity that bundles
-- are encrypted to, and an Ed25519 seed that signs the bundles it sends.
-- Made in Rust when the vault is created, or on the first open at version 3
-- (SQL has no key generation). Never recorded in the history, never in a
-- bundle: only the public halves leave the vault.
CREATE TABLE identity (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT    NOT NULL,                  -- display name ("Shymkent correspondent")
    age_secret  TEXT    NOT NULL,                  -- AGE-SECRET-KEY-1…
    sign_secret BLOB    NOT NULL CHECK (length(sign_secret) = 32),
    created_at  INTEGER NOT NULL                   -- UTC, nanoseconds since 1970
) STRICT;

-- The vaults this one exchanges bundles with, as confirmed by staff.
CREATE TABLE peers (
    fingerprint  TEXT    PRIMARY KEY,              -- 24 digits, crate::exchange::Fingerprint
    name         TEXT    NOT NULL,
    role         TEXT    NOT NULL CHECK (role IN ('headquarters', 'correspondent')),
    public       TEXT    NOT NULL,                 -- the peer's public identity (kuzet-id1:…)
    added_at     INTEGER NOT NULL,
    sent_through INTEGER NOT NULL DEFAULT 0,       -- history seq the last bundle to it covered
    sent_at      INTEGER,                          -- when that bundle was made
    removed_at   INTEGER                           -- removed by staff: its bundles are refused as such
) STRICT;

-- Per-record versions (change capture and merge): every version id a case,
-- development or attachment has had here or was merged in from a peer.
-- A version id is the first 32 hex digits of the history entry that made it
-- (or random, for records older than the history).
CREATE TABLE record_versions (
    entity    TEXT NOT NULL,                       -- case | development | attachment
    entity_id TEXT NOT NULL,
    rev       TEXT NOT NULL,
    PRIMARY KEY (entity, entity_id, rev)
) STRICT, WITHOUT ROWID;

-- The current version of each record, the history seq of its last change
-- (what "changed since the last bundle" compares), and the peer whose
-- bundle made it current (NULL: changed here).
CREATE TABLE record_heads (
    entity    TEXT    NOT NULL,
    entity_id TEXT    NOT NULL,
    rev       TEXT    NOT NULL,
    case_id   TEXT    NOT NULL,                  -- the case itself, or the record's case
    seq       INTEGER NOT NULL,
    from_peer TEXT,
    PRIMARY KEY (entity, entity_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX record_heads_by_seq ON record_heads (seq);

-- Which peers know a case (received from them, or sent to them): what
-- headquarters sends back to a correspondent.
CREATE TABLE case_peers (
    case_id TEXT NOT NULL,
    peer    TEXT NOT NULL,
    PRIMARY KEY (case_id, peer)
) STRICT, WITHOUT ROWID;

-- Incoming versions that were not applied: conflicts (edited on both
-- sides), content this vault refuses (unknown codes: the taxonomy lacks
-- them), a ref taken by another case, a development whose
-- case is not here. One per record and peer (a newer one replaces it).
CREATE TABLE exchange_held (
    seq         INTEGER PRIMARY KEY,
    entity      TEXT    NOT NULL,
    entity_id   TEXT    NOT NULL,
    case_id     TEXT    NOT NULL,
    peer        TEXT    NOT NULL,
    reason      TEXT    NOT NULL CHECK (reason IN ('conflict', 'invalid', 'ref-taken', 'no-case')),
    detail      TEXT    NOT NULL,
    item        TEXT    NOT NULL,                  -- the bundle item as JSON
    received_at INTEGER NOT NULL,
    UNIQUE (entity, entity_id, peer)
) STRICT;

-- Bundles applied here (re-applying one changes nothing; this lists them).
CREATE TABLE bundles_received (
    id         TEXT    PRIMARY KEY,
    peer       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    applied_at INTEGER NOT NULL,
    since_seq  INTEGER NOT NULL,                   -- the sender's history seq it covers changes after
    through_seq INTEGER NOT NULL,                  -- … and up to
    applied    INTEGER NOT NULL,                   -- records changed by it
    held       INTEGER NOT NULL                    -- records held back
) STRICT;

-- Staff decisions on duplicate candidates: `merged` (other_id was merged
-- into case_id and moved to the trash), `related`, `dismissed` (not
-- proposed again). For related/dismissed, case_id < other_id.
CREATE TABLE case_links (
    case_id  TEXT    NOT NULL,
    other_id TEXT    NOT NULL,
    kind     TEXT    NOT NULL CHECK (kind IN ('merged', 'related', 'dismissed')),
    at       INTEGER NOT NULL,
    by       TEXT    NOT NULL,
    PRIMARY KEY (case_id, other_id)
) STRICT, WITHOUT ROWID;

-- Versions of what exists already: the history's entries, else random.
INSERT INTO record_versions (entity, entity_id, rev)
    SELECT DISTINCT entity, entity_id, substr(hash, 1, 32) FROM history
    WHERE entity IN ('case', 'development', 'attachment');
INSERT INTO record_heads (entity, entity_id, rev, case_id, seq)
    SELECT h.entity, h.entity_id, substr(h.hash, 1, 32), coalesce(h.case_id, h.entity_id), h.seq FROM history h
    WHERE h.entity IN ('case', 'development', 'attachment')
      AND h.seq = (SELECT max(seq) FROM history x WHERE x.entity = h.entity AND x.entity_id = h.entity_id);
INSERT OR IGNORE INTO record_heads (entity, entity_id, rev, case_id, seq)
    SELECT 'case', id, lower(hex(randomblob(16))), id, 0 FROM cases;
INSERT OR IGNORE INTO record_heads (entity, entity_id, rev, case_id, seq)
    SELECT 'development', id, lower(hex(randomblob(16))), case_id, 0 FROM developments;
INSERT OR IGNORE INTO record_heads (entity, entity_id, rev, case_id, seq)
    SELECT 'attachment', id, lower(hex(randomblob(16))), case_id, 0 FROM attachments;
INSERT OR IGNORE INTO record_versions (entity, entity_id, rev)
    SELECT entity, entity_id, rev FROM record_heads;
