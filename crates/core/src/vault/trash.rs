//! The trash: deleting a case moves it here with its developments, and it
//! can be restored until the trash is emptied, which is explicit
//! ([`Vault::empty_trash`]). A case in the trash is not in `cases`, so lists,
//! search, counting and exports never see it; its attachments and history
//! stay until the trash is emptied.

use super::conn::db;
use super::error::{Result, VaultError};
use super::history::{self, Entity, HistoryAction};
use super::{store, Vault};
use crate::case::{Case, CaseId, Development};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

/// A case in the trash, as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrashedCase {
    /// The case as it was when deleted.
    pub case: Case,
    /// When it was deleted (UTC).
    pub deleted_at: DateTime<Utc>,
    /// Who deleted it (empty when no staff name was set).
    pub deleted_by: String,
    /// How many developments went with it.
    pub developments: u32,
    /// How many attachments it keeps.
    pub attachments: u32,
}

fn nanos(t: DateTime<Utc>) -> i64 {
    t.timestamp_nanos_opt().unwrap_or(i64::MAX)
}

fn decode<T: serde::de::DeserializeOwned>(s: &str) -> rusqlite::Result<T> {
    serde_json::from_str(s)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

fn trashed(c: &Connection, id: CaseId) -> Result<Option<(Case, Vec<Development>)>> {
    let row: Option<(String, String)> = c
        .query_row("SELECT case_json, developments FROM trash WHERE case_id = ?1", [id.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()
        .map_err(db("reading the trash"))?;
    row.map(|(k, d)| Ok((decode(&k)?, decode(&d)?))).transpose().map_err(db("reading the trash"))
}

impl Vault {
    /// Moves a case and its developments to the trash (its attachments and
    /// history stay with it). Recorded in the history with the case as it
    /// was.
    ///
    /// # Errors
    /// [`VaultError::NotFound`], DB errors.
    pub fn delete_case(&mut self, id: CaseId) -> Result<()> {
        let now = Utc::now();
        let who = history::Who { actor: &self.actor, source: &self.source };
        let tx = self.conn.transaction().map_err(db("moving a case to the trash"))?;
        let before = tx.total_changes();
        trash_in(&tx, &who, now, id, HistoryAction::Trashed)?;
        tx.commit().map_err(db("moving a case to the trash"))?;
        self.case_written(id, before);
        Ok(())
    }

    /// The cases in the trash, most recently deleted first.
    ///
    /// # Errors
    /// DB errors.
    pub fn trash(&self) -> Result<Vec<TrashedCase>> {
        let err = || db("reading the trash");
        let mut st = self
            .conn
            .prepare(
                "SELECT t.case_json, t.deleted_at, t.deleted_by, json_array_length(t.developments),
                        (SELECT count(*) FROM attachments a WHERE a.case_id = t.case_id)
                 FROM trash t ORDER BY t.deleted_at DESC, t.case_id",
            )
            .map_err(err())?;
        let rows = st
            .query_map([], |r| {
                Ok(TrashedCase {
                    case: decode(&r.get::<_, String>(0)?)?,
                    deleted_at: DateTime::from_timestamp_nanos(r.get(1)?),
                    deleted_by: r.get(2)?,
                    developments: r.get(3)?,
                    attachments: r.get(4)?,
                })
            })
            .map_err(err())?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(err())
    }

    /// Puts a case from the trash back, with its developments, ids and
    /// creation times; recorded in the history as restored.
    ///
    /// # Errors
    /// [`VaultError::NotFound`] (not in the trash), [`VaultError::DuplicateRef`]
    /// when another record took its external ref meanwhile (nothing is
    /// written then), DB errors.
    pub fn restore_from_trash(&mut self, id: CaseId, now: DateTime<Utc>) -> Result<Case> {
        let who = history::Who { actor: &self.actor, source: &self.source };
        let tx = self.conn.transaction().map_err(db("restoring a case"))?;
        let before = tx.total_changes();
        let case = restore_in(&tx, &who, now, id, None)?;
        tx.commit().map_err(db("restoring a case"))?;
        self.case_written(id, before);
        Ok(case)
    }

    /// Empties the trash: every case in it, its developments and its
    /// attachments are removed for good, and their text is erased from the
    /// history (each case gets a `purged` entry; the chain still verifies).
    /// Returns how many cases were removed.
    ///
    /// # Errors
    /// DB errors; then nothing was removed.
    pub fn empty_trash(&mut self, now: DateTime<Utc>) -> Result<u32> {
        let who = history::Who { actor: &self.actor, source: &self.source };
        let before = self.conn.total_changes();
        let tx = self.conn.transaction().map_err(db("emptying the trash"))?;
        let ids: Vec<String> = {
            let mut st =
                tx.prepare("SELECT case_id FROM trash ORDER BY deleted_at").map_err(db("emptying the trash"))?;
            let rows = st.query_map([], |r| r.get(0)).map_err(db("emptying the trash"))?;
            rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db("emptying the trash"))?
        };
        for raw in &ids {
            let id: CaseId = raw.parse().map_err(|_| VaultError::NotFound { what: format!("case {raw}") })?;
            tx.execute("DELETE FROM attachments WHERE case_id = ?1", [raw]).map_err(db("emptying the trash"))?;
            tx.execute("DELETE FROM trash WHERE case_id = ?1", [raw]).map_err(db("emptying the trash"))?;
            history::erase_case(&tx, id)?;
            record_whole(&tx, &who, now, id, HistoryAction::Purged, None)?;
        }
        tx.commit().map_err(db("emptying the trash"))?;
        self.wrote_outside_cases(before);
        Ok(ids.len() as u32)
    }
}

/// Moves the case `id` and its developments to the trash inside the open
/// transaction `c`, recorded as `action` (trashed, or merged into another).
pub(crate) fn trash_in(
    c: &Connection,
    who: &history::Who<'_>,
    now: DateTime<Utc>,
    id: CaseId,
    action: HistoryAction,
) -> Result<Case> {
    let case = store::case(c, id)?.ok_or_else(|| store::case_not_found(id))?;
    let devs = store::developments_where(c, "case_id = ?1", [id.to_string()])?;
    c.execute(
        "INSERT INTO trash (case_id, deleted_at, deleted_by, case_json, developments) VALUES (?1, ?2, ?3, ?4, ?5)",
        rusqlite::params![id.to_string(), nanos(now), who.actor, to_text(&case)?, to_text(&devs)?],
    )
    .map_err(db("moving a case to the trash"))?;
    store::delete_case(c, id)?;
    let data = history::json(&case.data)?;
    record_whole(c, who, now, id, action, Some(data))?;
    Ok(case)
}

/// Whether the case `id` is in the trash.
pub(crate) fn in_trash(c: &Connection, id: CaseId) -> Result<bool> {
    c.prepare_cached("SELECT 1 FROM trash WHERE case_id = ?1")
        .and_then(|mut st| st.exists([id.to_string()]))
        .map_err(db("reading the trash"))
}

/// Puts the case `id` back from the trash inside the open transaction `c`,
/// with its developments; with `content`, the case gets that content
/// instead of the one it had (a version received from a peer). Recorded as
/// restored.
pub(crate) fn restore_in(
    c: &Connection,
    who: &history::Who<'_>,
    now: DateTime<Utc>,
    id: CaseId,
    content: Option<crate::case::CaseData>,
) -> Result<Case> {
    let (mut case, devs) =
        trashed(c, id)?.ok_or_else(|| VaultError::NotFound { what: format!("case {id} in the trash") })?;
    if let Some(data) = content {
        case.data = data;
    }
    let refs =
        std::iter::once(case.data.external_ref.as_ref()).chain(devs.iter().map(|d| d.data.external_ref.as_ref()));
    for r in refs.flatten() {
        if store::ref_owner(c, r)?.is_some() {
            return Err(VaultError::DuplicateRef(r.clone()));
        }
    }
    case.updated_at = now;
    store::insert_case(c, &case)?;
    for d in &devs {
        store::insert_development(c, d)?;
    }
    c.execute("DELETE FROM trash WHERE case_id = ?1", [id.to_string()]).map_err(db("restoring a case"))?;
    // A merged duplicate brought back is no longer merged: it is proposed
    // as a duplicate again.
    c.execute("DELETE FROM case_links WHERE other_id = ?1 AND kind = 'merged'", [id.to_string()])
        .map_err(db("restoring a case"))?;
    let data = history::json(&case.data)?;
    history::record(
        c,
        who,
        now,
        Entity::Case,
        id.to_string(),
        Some(id),
        HistoryAction::Restored,
        None,
        Some(&data),
        true,
    )?;
    Ok(case)
}

/// Records what happened to a case as a whole (trashed, purged): no field
/// changes; `snapshot` is the case as it was, when kept.
fn record_whole(
    c: &Connection,
    who: &history::Who<'_>,
    at: DateTime<Utc>,
    id: CaseId,
    action: HistoryAction,
    snapshot: Option<serde_json::Value>,
) -> Result<()> {
    let change = history::Change {
        entity: Entity::Case,
        entity_id: id.to_string(),
        case_id: Some(id),
        action,
        changes: Vec::new(),
        snapshot,
    };
    history::append(c, who, at, change).map(|_| ())
}

/// A row of the trash as JSON text.
fn to_text<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| VaultError::Db {
        context: "moving a case to the trash".into(),
        source: rusqlite::Error::ToSqlConversionFailure(Box::new(e)),
    })
}
