//! The vault's history: an append-only, tamper-evident record of every
//! change (who, when, from where, what changed field by field).
//!
//! Each write of a case, development, attachment, the taxonomy or a
//! recorded document (settings, overview drafts, public figures; not the
//! editor's autosaved drafts or UI preferences)
//! appends one entry in the transaction of the change, so a change and its
//! entry are committed together or not at all.
//!
//! **The chain.** An entry's `hash` is SHA-256 over a domain tag, the
//! previous entry's hash and every field of the entry, each prefixed by its
//! length; the entry's payload (the field changes and the record as it was
//! after the change) enters through its own SHA-256. So an edited entry, an
//! entry removed from the middle or two entries swapped break the chain at
//! the first such entry, which [`Vault::verify`] reports. What the chain
//! cannot show alone is the newest entries cut off: compare the entry count
//! and head hash `kuzet verify` prints with an earlier reading.
//!
//! **Erasure.** Emptying the trash erases the purged cases' payloads (their
//! text) from the history too, as the people named in them are at risk; the
//! payload digests stay, so the chain still verifies and the erasure shows.
//! SQL triggers refuse every other update and every delete.

use super::conn::db;
use super::error::{Result, VaultError};
use super::Vault;
use crate::case::CaseId;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

mod read;

pub(crate) use read::{case_snapshot, erase_case};

/// What kind of record an entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Entity {
    /// A case or context event.
    Case,
    /// A development of a case.
    Development,
    /// An attachment (evidence file) of a case.
    Attachment,
    /// The vault's taxonomy.
    Taxonomy,
    /// A recorded document (settings, an overview draft, public figures).
    Document,
}

/// What happened to the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HistoryAction {
    /// Made (in the app, the CLI or by an import).
    Created,
    /// Changed.
    Updated,
    /// A case moved to the trash.
    Trashed,
    /// A case restored from the trash, or to an earlier version.
    Restored,
    /// A case removed for good by emptying the trash.
    Purged,
    /// A development, attachment or document removed.
    Removed,
    /// A duplicate case merged into another (and moved to the trash).
    Merged,
}

macro_rules! text_enum {
    ($t:ty { $($v:ident => $s:literal),* $(,)? }) => {
        impl $t {
            /// The name stored in the vault (and shown by the CLI).
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$v => $s),* }
            }
            fn parse(s: &str) -> Option<Self> {
                match s { $($s => Some(Self::$v),)* _ => None }
            }
        }
    };
}
text_enum!(Entity { Case => "case", Development => "development", Attachment => "attachment", Taxonomy => "taxonomy", Document => "document" });
text_enum!(HistoryAction { Created => "created", Updated => "updated", Trashed => "trashed", Restored => "restored", Purged => "purged", Removed => "removed", Merged => "merged" });

/// One changed field: a dotted path into the record (`title`,
/// `victim.name`, `proceeding.stage`; list items with a `code` are named by
/// it), and the value before and after (`None`: absent or null).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    /// The path of the field.
    pub field: String,
    /// The value before.
    pub old: Option<Value>,
    /// The value after.
    pub new: Option<Value>,
}

impl FieldChange {
    /// A value as display text: strings as they are, other JSON compact;
    /// `None` stays `None` (absent).
    pub fn text(v: Option<&Value>) -> Option<String> {
        v.map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
    }
}

/// One entry of the history, as read back.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
    /// Position in the vault's history: 1, 2, 3 …
    pub seq: u64,
    /// When (UTC; shown in Asia/Almaty).
    pub at: DateTime<Utc>,
    /// Who: the staff name set in the vault ([`Vault::set_staff_name`]) or
    /// for the session ([`Vault::set_actor`]); empty when none was set.
    pub actor: String,
    /// From where: `app`, `cli`, `import: may.csv`, `version 12` …
    pub source: String,
    /// The kind of record.
    pub entity: Entity,
    /// Its id (a UUID, a document key, or `taxonomy`).
    pub entity_id: String,
    /// The case it belongs to (for cases, developments and attachments).
    pub case_id: Option<CaseId>,
    /// What happened.
    pub action: HistoryAction,
    /// The fields that changed (empty once erased).
    pub changes: Vec<FieldChange>,
    /// Whether the payload was erased by emptying the trash.
    pub erased: bool,
    /// Whether the entry holds the case as it was after the change, so
    /// that version can be viewed and restored ([`Vault::case_version`]);
    /// false for the case's newest version (it is the current one).
    pub restorable: bool,
    /// The entry's hash (hex SHA-256).
    pub hash: String,
}

/// Where the chain first fails.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainBreak {
    /// The first entry that does not verify.
    pub seq: u64,
    /// Why, in English (e.g. "entry 12 was changed after it was written").
    pub reason: String,
}

/// A stored attachment whose bytes do not match what was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttachmentProblem {
    /// The attachment.
    pub id: String,
    /// Its case.
    pub case_id: String,
    /// Its original name.
    pub name: String,
    /// What is wrong, in English.
    pub problem: String,
}

/// What [`Vault::verify`] found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    /// History entries checked.
    pub entries: u64,
    /// Entries whose payload was erased by emptying the trash.
    pub erased: u64,
    /// The hash of the newest entry (hex; empty when there is none): note
    /// it to compare with a later check.
    pub head: String,
    /// The first entry that does not follow, if any.
    pub first_break: Option<ChainBreak>,
    /// Attachments whose bytes were read and hashed again.
    pub attachments: u64,
    /// Attachments whose bytes or size do not match their record.
    pub attachment_problems: Vec<AttachmentProblem>,
}

impl VerifyReport {
    /// True when the chain holds and every attachment matches.
    pub fn ok(&self) -> bool {
        self.first_break.is_none() && self.attachment_problems.is_empty()
    }
}

/// Who makes the changes of a session, and through what.
pub(crate) struct Who<'a> {
    pub actor: &'a str,
    pub source: &'a str,
}

/// One change to record.
pub(crate) struct Change {
    pub entity: Entity,
    pub entity_id: String,
    pub case_id: Option<CaseId>,
    pub action: HistoryAction,
    pub changes: Vec<FieldChange>,
    /// The record after the change (before it, for a trashed case).
    pub snapshot: Option<Value>,
}

#[derive(Serialize, Deserialize)]
struct Payload {
    changes: Vec<FieldChange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    snapshot: Option<Value>,
}

/// Whether changes to the document `key` are recorded: everything but the
/// case editor's autosaved drafts and the UI's preferences, which change at
/// every keystroke or click and hold nothing a reader of the history needs.
pub(crate) fn records_document(key: &str) -> bool {
    !(key.starts_with("editor-draft/") || key == "ui-prefs")
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// The fields of an entry that its hash covers, as stored.
struct Sealed<'a> {
    seq: i64,
    at: i64,
    actor: &'a str,
    source: &'a str,
    entity: &'a str,
    entity_id: &'a str,
    case_id: &'a str,
    action: &'a str,
    payload_sha256: &'a str,
    prev_hash: &'a str,
}

impl Sealed<'_> {
    fn hash(&self) -> String {
        let mut h = Sha256::new();
        h.update(b"kuzet-history-v1");
        let seq = self.seq.to_le_bytes();
        let at = self.at.to_le_bytes();
        let parts: [&[u8]; 10] = [
            self.prev_hash.as_bytes(),
            &seq,
            &at,
            self.actor.as_bytes(),
            self.source.as_bytes(),
            self.entity.as_bytes(),
            self.entity_id.as_bytes(),
            self.case_id.as_bytes(),
            self.action.as_bytes(),
            self.payload_sha256.as_bytes(),
        ];
        for p in parts {
            h.update((p.len() as u64).to_le_bytes());
            h.update(p);
        }
        hex(&h.finalize())
    }
}

fn nanos(t: DateTime<Utc>) -> i64 {
    t.timestamp_nanos_opt().unwrap_or(i64::MAX)
}

fn encode_err(e: serde_json::Error) -> VaultError {
    VaultError::Db {
        context: "recording the history".into(),
        source: rusqlite::Error::ToSqlConversionFailure(Box::new(e)),
    }
}

/// Appends one entry after the newest; returns its `seq`.
pub(crate) fn append(c: &Connection, who: &Who<'_>, at: DateTime<Utc>, change: Change) -> Result<u64> {
    let err = || db("recording the history");
    let last: Option<(i64, String)> = c
        .prepare_cached("SELECT seq, hash FROM history ORDER BY seq DESC LIMIT 1")
        .and_then(|mut st| st.query_row([], |r| Ok((r.get(0)?, r.get(1)?))).optional())
        .map_err(err())?;
    let (prev_seq, prev_hash) = last.unwrap_or((0, String::new()));
    let payload =
        serde_json::to_string(&Payload { changes: change.changes, snapshot: change.snapshot }).map_err(encode_err)?;
    let payload_sha256 = sha256_hex(payload.as_bytes());
    let case_id = change.case_id.map(|c| c.to_string());
    let sealed = Sealed {
        seq: prev_seq + 1,
        at: nanos(at),
        actor: who.actor,
        source: who.source,
        entity: change.entity.as_str(),
        entity_id: &change.entity_id,
        case_id: case_id.as_deref().unwrap_or(""),
        action: change.action.as_str(),
        payload_sha256: &payload_sha256,
        prev_hash: &prev_hash,
    };
    let hash = sealed.hash();
    c.prepare_cached(
        "INSERT INTO history (seq, at, actor, source, entity, entity_id, case_id, action, payload,
                              payload_sha256, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )
    .and_then(|mut st| {
        st.execute(rusqlite::params![
            sealed.seq,
            sealed.at,
            sealed.actor,
            sealed.source,
            sealed.entity,
            sealed.entity_id,
            case_id,
            sealed.action,
            payload,
            payload_sha256,
            prev_hash,
            hash,
        ])
    })
    .map_err(err())?;
    if matches!(change.entity, Entity::Case | Entity::Development | Entity::Attachment) {
        let case = case_id.as_deref().unwrap_or(&change.entity_id);
        super::versions::advance(c, change.entity, &change.entity_id, case, &hash[..32], sealed.seq)?;
    }
    Ok(sealed.seq as u64)
}

/// Records a change of a record given as JSON before and after (`None`:
/// did not exist / no longer exists), with its field-by-field difference.
/// `snapshot` keeps `new` in the entry (cases: every version can be viewed
/// and restored). An update that changes no field records nothing (returns
/// 0).
#[allow(clippy::too_many_arguments, reason = "the fields of one entry")]
pub(crate) fn record(
    c: &Connection,
    who: &Who<'_>,
    at: DateTime<Utc>,
    entity: Entity,
    entity_id: String,
    case_id: Option<CaseId>,
    action: HistoryAction,
    old: Option<&Value>,
    new: Option<&Value>,
    snapshot: bool,
) -> Result<u64> {
    let changes = diff(old, new);
    let rewrite = matches!(action, HistoryAction::Updated | HistoryAction::Restored);
    if rewrite && old.is_some() && changes.is_empty() {
        // Saved again unchanged, or a version restored over the same
        // content: nothing to record (and an empty change list stays the
        // mark of a new record, see `RawEntry::entry`).
        return Ok(0);
    }
    let snapshot = if snapshot { new.or(old).cloned() } else { None };
    // A new record with its whole content kept: the changes are that
    // content, derived again when read (see `RawEntry::entry`), so the
    // vault does not hold every new case twice.
    let changes = if old.is_none() && snapshot.is_some() { Vec::new() } else { changes };
    append(c, who, at, Change { entity, entity_id, case_id, action, changes, snapshot })
}

/// `value` as JSON for the history.
pub(crate) fn json<T: Serialize>(value: &T) -> Result<Value> {
    serde_json::to_value(value).map_err(encode_err)
}

/// The fields that differ between two JSON records, by dotted path, in
/// path order. Null, an empty text, an empty list and absent are the
/// same; lists of objects with a
/// `code` are compared item by item under that code, other lists whole.
pub fn diff(old: Option<&Value>, new: Option<&Value>) -> Vec<FieldChange> {
    let (mut a, mut b) = (BTreeMap::new(), BTreeMap::new());
    if let Some(v) = old {
        flatten(String::new(), v, &mut a);
    }
    if let Some(v) = new {
        flatten(String::new(), v, &mut b);
    }
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| FieldChange { field: k.clone(), old: a.get(k).cloned(), new: b.get(k).cloned() })
        .collect()
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

fn flatten(prefix: String, v: &Value, out: &mut BTreeMap<String, Value>) {
    match v {
        Value::Null => {}
        Value::String(t) if t.is_empty() => {}
        Value::Array(items) if items.is_empty() => {}
        Value::Object(m) => {
            for (k, v) in m {
                flatten(join(&prefix, k), v, out);
            }
        }
        Value::Array(items)
            if !items.is_empty() && items.iter().all(|i| i.get("code").and_then(Value::as_str).is_some()) =>
        {
            for item in items {
                let code = item.get("code").and_then(Value::as_str).unwrap_or_default();
                flatten(join(&prefix, code), item, out);
            }
        }
        other => {
            out.insert(prefix, other.clone());
        }
    }
}

impl Vault {
    /// Who is recorded for this session's changes (see [`Vault::set_actor`]).
    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// Records `name` (NFC, trimmed) as who makes this session's changes,
    /// without storing it (the CLI's `--staff`).
    pub fn set_actor(&mut self, name: &str) {
        self.actor = crate::text::nfc(name.trim());
    }

    /// Records `source` as where this session's changes come from (`app`,
    /// `cli`); imports name their file themselves.
    pub fn set_source(&mut self, source: &str) {
        self.source = source.to_string();
    }

    /// The staff name stored in this vault (empty when none was set).
    ///
    /// # Errors
    /// DB errors.
    pub fn staff_name(&self) -> Result<String> {
        Ok(self.get_document::<String>(STAFF_NAME_KEY)?.unwrap_or_default())
    }

    /// Stores `name` (NFC, trimmed) as the vault's staff name, recorded as
    /// the author of every later change (also this session's).
    ///
    /// # Errors
    /// DB errors.
    pub fn set_staff_name(&mut self, name: &str) -> Result<()> {
        let (key, doc) = staff_name_document(name)?;
        self.put_documents(&[(key, doc)])?;
        self.set_actor(name);
        Ok(())
    }
}

/// The vault document holding the staff name recorded in the history.
pub const STAFF_NAME_KEY: &str = "staff-name";

/// The staff-name document for `name` (NFC, trimmed), to save together
/// with other settings in one [`Vault::put_documents`]; then
/// [`Vault::set_actor`] makes it this session's author too.
///
/// # Errors
/// [`super::VaultError::Db`] if it cannot be encoded.
pub fn staff_name_document(name: &str) -> Result<(&'static str, Value)> {
    let name = crate::text::nfc(name.trim());
    Ok((STAFF_NAME_KEY, super::document_json(STAFF_NAME_KEY, &name)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn diff_names_nested_fields_and_ignores_nulls() {
        let old = json!({"title": "Тілші ұсталды", "victim": {"name": "Айгерім", "outlet": ""}, "fine_kzt": null});
        let new = json!({"title": "Тілші босатылды", "victim": {"name": "Айгерім", "outlet": "Ақжол"}});
        let d = diff(Some(&old), Some(&new));
        assert_eq!(
            d,
            vec![
                FieldChange {
                    field: "title".into(),
                    old: Some(json!("Тілші ұсталды")),
                    new: Some(json!("Тілші босатылды"))
                },
                FieldChange { field: "victim.outlet".into(), old: None, new: Some(json!("Ақжол")) },
            ]
        );
    }

    #[test]
    fn diff_names_coded_list_items_by_code() {
        let old = json!({"groups": [{"code": "A", "label": "Нападения"}, {"code": "B", "label": "Угрозы"}]});
        let new = json!({"groups": [{"code": "A", "label": "Нападения"}, {"code": "B", "label": "Угрозы и давление"}]});
        let d = diff(Some(&old), Some(&new));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].field, "groups.B.label");
    }

    #[test]
    fn every_sealed_field_changes_the_hash() {
        let base = Sealed {
            seq: 1,
            at: 2,
            actor: "Әлия",
            source: "app",
            entity: "case",
            entity_id: "x",
            case_id: "x",
            action: "created",
            payload_sha256: "00",
            prev_hash: "",
        };
        let h = base.hash();
        let variants = [
            Sealed { seq: 2, ..base },
            Sealed { at: 3, ..base },
            Sealed { actor: "Алия", ..base },
            Sealed { source: "cli", ..base },
            Sealed { entity: "development", ..base },
            Sealed { entity_id: "y", ..base },
            Sealed { case_id: "", ..base },
            Sealed { action: "updated", ..base },
            Sealed { payload_sha256: "01", ..base },
            Sealed { prev_hash: "ab", ..base },
            // Length prefixes: moving a letter between fields is a change too.
            Sealed { actor: "Әлияa", source: "pp", ..base },
        ];
        for v in variants {
            assert_ne!(v.hash(), h);
        }
    }
}
