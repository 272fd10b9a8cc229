//! Cases and developments: create, read, update, delete, each in its own
//! transaction.

use super::conn::db;
use super::error::{Result, VaultError};
use super::history::{self, Entity, HistoryAction};
use super::{store, Vault};
use crate::case::{Case, CaseData, CaseId, Development, DevelopmentData, DevelopmentId};
use chrono::{DateTime, NaiveDate, Utc};

impl Vault {
    /// Normalises ([`CaseData::normalize`]), validates and stores a new case.
    ///
    /// # Errors
    /// [`VaultError::Validation`], [`VaultError::DuplicateRef`], DB errors.
    pub fn insert_case(&mut self, mut data: CaseData, now: DateTime<Utc>) -> Result<Case> {
        data.normalize();
        data.validate(&self.taxonomy, None).map_err(VaultError::Validation)?;
        let who = history::Who { actor: &self.actor, source: &self.source };
        let tx = self.conn.transaction().map_err(db("saving a case"))?;
        if let Some(r) = &data.external_ref {
            if store::ref_owner(&tx, r)?.is_some() {
                return Err(VaultError::DuplicateRef(r.clone()));
            }
        }
        let case = Case { id: CaseId::new(), data, created_at: now, updated_at: now };
        let before = tx.total_changes();
        store::insert_case(&tx, &case)?;
        record_case(&tx, &who, now, &case, None, HistoryAction::Created)?;
        tx.commit().map_err(db("saving a case"))?;
        self.case_written(case.id, before);
        Ok(case)
    }

    /// Replaces a case's content; keeps its id and `created_at`.
    ///
    /// # Errors
    /// [`VaultError::NotFound`], [`VaultError::Validation`],
    /// [`VaultError::DuplicateRef`], DB errors.
    pub fn update_case(&mut self, id: CaseId, data: CaseData, now: DateTime<Utc>) -> Result<Case> {
        self.rewrite_case(id, data, now, HistoryAction::Updated)
    }

    /// [`Vault::update_case`], recorded in the history as `action`.
    fn rewrite_case(
        &mut self,
        id: CaseId,
        mut data: CaseData,
        now: DateTime<Utc>,
        action: HistoryAction,
    ) -> Result<Case> {
        data.normalize();
        let who = history::Who { actor: &self.actor, source: &self.source };
        let tx = self.conn.transaction().map_err(db("saving a case"))?;
        let old = store::case(&tx, id)?.ok_or_else(|| store::case_not_found(id))?;
        data.validate(&self.taxonomy, Some(&old.data)).map_err(VaultError::Validation)?;
        if let Some(r) = &data.external_ref {
            match store::ref_owner(&tx, r)? {
                Some(store::RefOwner::Case(other)) if other == id => {}
                Some(_) => return Err(VaultError::DuplicateRef(r.clone())),
                None => {}
            }
        }
        let case = Case { id, data, created_at: old.created_at, updated_at: now };
        let before = tx.total_changes();
        store::update_case(&tx, &case)?;
        record_case(&tx, &who, now, &case, Some(&old.data), action)?;
        tx.commit().map_err(db("saving a case"))?;
        self.case_written(id, before);
        Ok(case)
    }

    /// The case with `id`.
    ///
    /// # Errors
    /// [`VaultError::NotFound`], DB errors.
    pub fn case(&self, id: CaseId) -> Result<Case> {
        store::case(&self.conn, id)?.ok_or_else(|| store::case_not_found(id))
    }

    /// The case with this external ref (compared exactly, after NFC and
    /// trimming), if any.
    ///
    /// # Errors
    /// DB errors.
    pub fn case_by_ref(&self, external_ref: &str) -> Result<Option<Case>> {
        store::case_by_ref(&self.conn, &crate::text::nfc(external_ref))
    }

    /// The stored case an import row whose ref is `r` updates, by the rule of
    /// [`super::import::plan`]: the case with that external ref, or a case
    /// made in the app (no ref) whose id is `r`.
    ///
    /// # Errors
    /// DB errors.
    pub(crate) fn import_match_case(&self, r: &str) -> Result<Option<Case>> {
        super::import::case_by_ref_or_id(&self.conn, &crate::text::nfc(r))
    }

    /// The same for a development row whose ref is `r`.
    ///
    /// # Errors
    /// DB errors.
    pub(crate) fn import_match_development(&self, r: &str) -> Result<Option<Development>> {
        super::import::development_by_ref_or_id(&self.conn, &crate::text::nfc(r))
    }

    /// The development with this external ref (compared exactly, after NFC
    /// and trimming), if any.
    ///
    /// # Errors
    /// DB errors.
    pub fn development_by_ref(&self, external_ref: &str) -> Result<Option<Development>> {
        store::development_by_ref(&self.conn, &crate::text::nfc(external_ref))
    }

    /// Normalises, validates and stores a development of `case`.
    ///
    /// # Errors
    /// [`VaultError::NotFound`] (no such case), [`VaultError::Validation`],
    /// [`VaultError::DuplicateRef`], DB errors.
    pub fn insert_development(
        &mut self,
        case: CaseId,
        mut data: DevelopmentData,
        now: DateTime<Utc>,
    ) -> Result<Development> {
        data.normalize();
        data.validate().map_err(VaultError::Validation)?;
        let who = history::Who { actor: &self.actor, source: &self.source };
        let before = self.conn.total_changes();
        let tx = self.conn.transaction().map_err(db("saving a development"))?;
        if store::case_seq(&tx, case)?.is_none() {
            return Err(store::case_not_found(case));
        }
        if let Some(r) = &data.external_ref {
            if store::ref_owner(&tx, r)?.is_some() {
                return Err(VaultError::DuplicateRef(r.clone()));
            }
        }
        let dev = Development { id: DevelopmentId::new(), case_id: case, data, created_at: now, updated_at: now };
        store::insert_development(&tx, &dev)?;
        record_development(&tx, &who, now, &dev, None, HistoryAction::Created)?;
        tx.commit().map_err(db("saving a development"))?;
        self.wrote_outside_cases(before);
        Ok(dev)
    }

    /// Replaces a development's content; keeps its id, case and `created_at`.
    ///
    /// # Errors
    /// [`VaultError::NotFound`], [`VaultError::Validation`],
    /// [`VaultError::DuplicateRef`], DB errors.
    pub fn update_development(
        &mut self,
        id: DevelopmentId,
        mut data: DevelopmentData,
        now: DateTime<Utc>,
    ) -> Result<Development> {
        data.normalize();
        data.validate().map_err(VaultError::Validation)?;
        let who = history::Who { actor: &self.actor, source: &self.source };
        let before = self.conn.total_changes();
        let tx = self.conn.transaction().map_err(db("saving a development"))?;
        let old = store::development(&tx, id)?.ok_or_else(|| store::development_not_found(id))?;
        if let Some(r) = &data.external_ref {
            match store::ref_owner(&tx, r)? {
                Some(store::RefOwner::Development(other)) if other == id => {}
                Some(_) => return Err(VaultError::DuplicateRef(r.clone())),
                None => {}
            }
        }
        let dev = Development { id, case_id: old.case_id, data, created_at: old.created_at, updated_at: now };
        store::update_development(&tx, &dev)?;
        record_development(&tx, &who, now, &dev, Some(&old.data), HistoryAction::Updated)?;
        tx.commit().map_err(db("saving a development"))?;
        self.wrote_outside_cases(before);
        Ok(dev)
    }

    /// Every name a public output must hide, from the whole vault: each
    /// case's and development's `private_names` and the victim's name of
    /// each confidential case (see [`crate::publication::private_names`]).
    /// Read by SQLite from the stored JSON, without decoding every record.
    ///
    /// # Errors
    /// DB errors.
    pub fn all_private_names(&self) -> Result<Vec<String>> {
        const CASES: &str = "SELECT json_extract(data, '$.private_names'), \
                CASE WHEN json_extract(data, '$.confidential') THEN json_extract(data, '$.victim.name') END \
             FROM case_data \
             WHERE json_extract(data, '$.private_names') IS NOT NULL OR json_extract(data, '$.confidential')";
        const DEVELOPMENTS: &str = "SELECT json_extract(data, '$.private_names'), NULL FROM developments \
             WHERE json_extract(data, '$.private_names') IS NOT NULL";
        let err = || db("reading the private names");
        let mut out = Vec::new();
        for sql in [CASES, DEVELOPMENTS] {
            let mut st = self.conn.prepare(sql).map_err(err())?;
            let rows = st
                .query_map([], |r| Ok((r.get::<_, Option<String>>(0)?, r.get::<_, Option<String>>(1)?)))
                .map_err(err())?;
            for row in rows {
                let (names, victim) = row.map_err(err())?;
                if let Some(list) = names.and_then(|j| serde_json::from_str::<Vec<String>>(&j).ok()) {
                    out.extend(list);
                }
                out.extend(victim.filter(|v| !v.trim().is_empty()));
            }
        }
        Ok(out)
    }

    /// The development with `id`.
    ///
    /// # Errors
    /// [`VaultError::NotFound`], DB errors.
    pub fn development(&self, id: DevelopmentId) -> Result<Development> {
        store::development(&self.conn, id)?.ok_or_else(|| store::development_not_found(id))
    }

    /// Deletes a development.
    ///
    /// # Errors
    /// [`VaultError::NotFound`], DB errors.
    pub fn delete_development(&mut self, id: DevelopmentId) -> Result<()> {
        let who = history::Who { actor: &self.actor, source: &self.source };
        let before = self.conn.total_changes();
        let tx = self.conn.transaction().map_err(db("deleting a development"))?;
        let old = store::development(&tx, id)?.ok_or_else(|| store::development_not_found(id))?;
        remove_development_in(&tx, &who, chrono::Utc::now(), &old)?;
        tx.commit().map_err(db("deleting a development"))?;
        self.wrote_outside_cases(before);
        Ok(())
    }

    /// The developments of `case`, by event date (then creation time).
    ///
    /// # Errors
    /// [`VaultError::NotFound`] (no such case), DB errors.
    pub fn developments(&self, case: CaseId) -> Result<Vec<Development>> {
        if store::case_seq(&self.conn, case)?.is_none() {
            return Err(store::case_not_found(case));
        }
        store::developments_where(&self.conn, "case_id = ?1", rusqlite::params![case.to_string()])
    }

    /// Every development with event date in `[from, to]` (local dates in
    /// Kazakhstan, inclusive), by event date.
    ///
    /// # Errors
    /// DB errors.
    pub fn developments_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Development>> {
        store::developments_where(
            &self.conn,
            "event_date BETWEEN ?1 AND ?2",
            rusqlite::params![store::date_text(from), store::date_text(to)],
        )
    }

    /// Every case (both kinds) with event date in `[from, to]` (local dates
    /// in Kazakhstan, inclusive), by event date: the input of counting.
    ///
    /// # Errors
    /// DB errors.
    pub fn cases_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Case>> {
        store::cases_where(
            &self.conn,
            "c.event_date BETWEEN ?1 AND ?2",
            rusqlite::params![store::date_text(from), store::date_text(to)],
        )
    }

    /// Every case, by event date (for export).
    ///
    /// # Errors
    /// DB errors.
    pub fn all_cases(&self) -> Result<Vec<Case>> {
        store::cases_where(&self.conn, "1", [])
    }

    /// Every development, by event date (for export).
    ///
    /// # Errors
    /// DB errors.
    pub fn all_developments(&self) -> Result<Vec<Development>> {
        store::developments_where(&self.conn, "1", [])
    }
}

/// Records a case written (created, updated or restored) with its new
/// content as the entry's snapshot, so the version can be restored.
pub(crate) fn record_case(
    c: &rusqlite::Connection,
    who: &history::Who<'_>,
    at: DateTime<Utc>,
    case: &Case,
    old: Option<&CaseData>,
    action: HistoryAction,
) -> Result<()> {
    let new = history::json(&case.data)?;
    let old = old.map(history::json).transpose()?;
    history::record(
        c,
        who,
        at,
        Entity::Case,
        case.id.to_string(),
        Some(case.id),
        action,
        old.as_ref(),
        Some(&new),
        true,
    )?;
    Ok(())
}

/// Deletes the development `old` inside the open transaction `c`, recorded
/// with its content as it was.
pub(crate) fn remove_development_in(
    c: &rusqlite::Connection,
    who: &history::Who<'_>,
    at: DateTime<Utc>,
    old: &Development,
) -> Result<()> {
    store::delete_development(c, old.id)?;
    let json = history::json(&old.data)?;
    history::record(
        c,
        who,
        at,
        Entity::Development,
        old.id.to_string(),
        Some(old.case_id),
        HistoryAction::Removed,
        Some(&json),
        None,
        false,
    )?;
    Ok(())
}

/// Records a development written (created or updated).
pub(crate) fn record_development(
    c: &rusqlite::Connection,
    who: &history::Who<'_>,
    at: DateTime<Utc>,
    dev: &Development,
    old: Option<&DevelopmentData>,
    action: HistoryAction,
) -> Result<()> {
    let new = history::json(&dev.data)?;
    let old = old.map(history::json).transpose()?;
    history::record(
        c,
        who,
        at,
        Entity::Development,
        dev.id.to_string(),
        Some(dev.case_id),
        action,
        old.as_ref(),
        Some(&new),
        false,
    )?;
    Ok(())
}

impl Vault {
    /// The case `id` as recorded by its history entry `seq`: its content
    /// then, its id and creation time, and `updated_at` = the entry's time.
    /// Read only; [`Vault::restore_case_version`] makes it current.
    ///
    /// # Errors
    /// [`VaultError::NotFound`] when `seq` is not a recorded version of this
    /// case (or was erased), DB errors.
    pub fn case_version(&self, id: CaseId, seq: u64) -> Result<Case> {
        let not_found = || VaultError::NotFound { what: format!("version {seq} of case {id}") };
        let (at, json) = history::case_snapshot(&self.conn, id, seq)?.ok_or_else(not_found)?;
        let data: CaseData = serde_json::from_value(json).map_err(|_| not_found())?;
        let created_at = store::case(&self.conn, id)?.map_or(at, |c| c.created_at);
        Ok(Case { id, data, created_at, updated_at: at })
    }

    /// Makes the version `seq` of a case current again: a new change
    /// (recorded with source `version <seq>`), never a rewrite of history.
    /// The content is validated as an edit of the current case, so codes
    /// retired since may stay.
    ///
    /// # Errors
    /// [`VaultError::NotFound`] (no such version, or the case is in the
    /// trash: restore it from there first), [`VaultError::Validation`],
    /// [`VaultError::DuplicateRef`], DB errors.
    pub fn restore_case_version(&mut self, id: CaseId, seq: u64, now: DateTime<Utc>) -> Result<Case> {
        let version = self.case_version(id, seq)?;
        let source = std::mem::replace(&mut self.source, format!("version {seq}"));
        let restored = self.rewrite_case(id, version.data, now, HistoryAction::Restored);
        self.source = source;
        restored
    }
}
