//! The one import planner ([`plan`]) and the writer that executes its plan.
//!
//! Every vault-aware check and every matching rule lives in [`plan`]: both
//! [`Vault::plan_import`](super::Vault::plan_import) (dry runs) and
//! [`Vault::apply_import`](super::Vault::apply_import) call it, the latter
//! inside its write transaction, and then write exactly the planned records.
//! So a dry run can never say something the real import does not do.

use super::error::{ImportRowError, Result, VaultError};
use super::history::Who;
use super::store::{self, RefOwner};
use super::{ImportItem, ImportSummary};
use crate::case::{Case, CaseId, Development, DevelopmentId, Proceeding, ValidationErrors};
use crate::taxonomy::Taxonomy;
use crate::text::nfc;
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use std::collections::HashMap;

/// What the import does with one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A new record (its id is chosen by the plan).
    Add,
    /// An existing record (same ref, or same id for app-made records, or for
    /// a development without a ref the same case, event date and title) whose
    /// content changes; it keeps its id and `created_at`.
    Update,
    /// An existing record whose content is the same; nothing is written.
    Unchanged,
}

/// A record exactly as the import would store it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(clippy::large_enum_variant, reason = "plans live only for one import")]
pub enum PlannedRecord {
    /// A case or context event.
    Case(Case),
    /// A development; `case_id` is its parent's id (existing, or planned).
    Development(Development),
}

/// One item of an [`ImportPlan`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedItem {
    /// The source line of the item.
    pub line: u64,
    /// What will be stored: for [`Action::Update`] and [`Action::Unchanged`]
    /// the id and `created_at` of the record it matched.
    pub record: PlannedRecord,
    /// Added, updated or unchanged.
    pub action: Action,
}

/// What importing a batch does: every item's action, or every problem.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportPlan {
    /// Cases first, then developments, each in batch order (the order they
    /// are written, so every parent exists before its developments).
    pub items: Vec<PlannedItem>,
    /// Every problem found, by line; when not empty nothing may be written.
    pub problems: Vec<ImportRowError>,
}

impl ImportPlan {
    /// The counts of added, updated and unchanged records.
    pub fn summary(&self) -> ImportSummary {
        let mut s = ImportSummary::default();
        for item in &self.items {
            match item.action {
                Action::Add => s.added += 1,
                Action::Update => s.updated += 1,
                Action::Unchanged => s.unchanged += 1,
            }
        }
        s
    }

    /// The plan, or [`VaultError::Import`] with its problems.
    ///
    /// # Errors
    /// [`VaultError::Import`] when the plan has problems.
    pub fn checked(self) -> Result<ImportPlan> {
        if self.problems.is_empty() {
            Ok(self)
        } else {
            Err(VaultError::Import(self.problems))
        }
    }
}

impl ImportRowError {
    /// A problem of `column` on `line`.
    pub fn new(line: u64, column: &str, message: impl Into<String>) -> Self {
        ImportRowError { line, column: column.to_string(), message: message.into(), problem: None }
    }

    /// A typed problem of `column` on `line`; its English text is
    /// `message`.
    pub fn typed(line: u64, column: &str, problem: crate::case::Problem, message: impl Into<String>) -> Self {
        ImportRowError { line, column: column.to_string(), message: message.into(), problem: Some(problem) }
    }

    /// A ref used a second time in one batch.
    pub fn duplicate_ref(line: u64, r: &str, first: u64) -> Self {
        Self::new(line, "ref", format!("ref {r:?} is already used on line {first}"))
    }

    /// A development's parent that is a development of the same batch.
    pub fn parent_is_development_in_file(line: u64, parent: &str, parent_line: u64) -> Self {
        Self::new(line, "parent_ref", format!("{parent:?} is a development (line {parent_line}), not a case"))
    }

    /// A development without a parent ref.
    pub fn parent_missing(line: u64) -> Self {
        Self::new(line, "parent_ref", "required for a development: the ref of the case it continues")
    }
}

/// Refs seen in one batch, for duplicate and parent checks: ref → (line, is
/// a case). Shared by the CSV parser (which checks even rows it refuses) and
/// [`plan`], so both say the same.
#[derive(Debug, Default)]
pub(crate) struct BatchRefs(HashMap<String, (u64, bool)>);

impl BatchRefs {
    /// Records `r` (already NFC) of the row on `line`; a problem if it was seen.
    pub(crate) fn add(&mut self, line: u64, r: &str, is_case: bool) -> Option<ImportRowError> {
        match self.0.get(r) {
            Some((first, _)) => Some(ImportRowError::duplicate_ref(line, r, *first)),
            None => {
                self.0.insert(r.to_string(), (line, is_case));
                None
            }
        }
    }

    /// A problem if `parent` is a development of this batch.
    pub(crate) fn check_parent(&self, line: u64, parent: &str) -> Option<ImportRowError> {
        match self.0.get(parent) {
            Some((parent_line, false)) => {
                Some(ImportRowError::parent_is_development_in_file(line, parent, *parent_line))
            }
            _ => None,
        }
    }
}

/// A row whose ref names a stored record of the other kind (by its ref, or
/// by the id of a record made in the app): refused, so that one ref never
/// names two records.
fn wrong_kind(line: u64, r: &str, is: &str, row: &str) -> ImportRowError {
    ImportRowError::new(line, "ref", format!("{r:?} is a {is} in the vault, not a {row}"))
}

/// A case written by the app has no external ref, so an export names it by
/// its id; re-importing that file must find the same case, not add a copy.
pub(super) fn case_by_ref_or_id(c: &Connection, r: &str) -> Result<Option<Case>> {
    if let Some(k) = store::case_by_ref(c, r)? {
        return Ok(Some(k));
    }
    match r.parse::<CaseId>() {
        Ok(id) => Ok(store::case(c, id)?.filter(|k| k.data.external_ref.is_none())),
        Err(_) => Ok(None),
    }
}

/// The development an import row with ref `r` updates: the one with that
/// ref, or one without a ref whose id is `r` (see [`case_by_ref_or_id`]).
pub(super) fn development_by_ref_or_id(c: &Connection, r: &str) -> Result<Option<Development>> {
    match store::development_by_ref(c, r)? {
        Some(d) => Ok(Some(d)),
        None => development_by_id_ref(c, r),
    }
}

/// The same for a development without a ref (see [`case_by_ref_or_id`]).
fn development_by_id_ref(c: &Connection, r: &str) -> Result<Option<Development>> {
    match r.parse::<DevelopmentId>() {
        Ok(id) => Ok(store::development(c, id)?.filter(|d| d.data.external_ref.is_none())),
        Err(_) => Ok(None),
    }
}

fn push_validation(errors: &mut Vec<ImportRowError>, line: u64, v: ValidationErrors) {
    errors.extend(v.0.into_iter().map(|f| ImportRowError::typed(line, f.field.name(), f.problem.clone(), f.message())));
}

fn action<T: PartialEq>(old: Option<&T>, new: &T) -> Action {
    match old {
        None => Action::Add,
        Some(o) if o == new => Action::Unchanged,
        Some(_) => Action::Update,
    }
}

/// Plans importing `items` (each with its source line) into the vault
/// behind `c`, writing nothing.
///
/// Matching: a case by its external ref, or, when the ref is the id of a
/// case that has no ref (an export of app-made cases), by that id; a
/// development the same way, and one without a ref by (parent case, event
/// date, title). A matched record keeps its id, `created_at` and (when
/// matched by id) having no ref. Same content → [`Action::Unchanged`],
/// different → [`Action::Update`], no match → [`Action::Add`].
///
/// Problems (all collected, by line): field validation against `taxonomy`,
/// a ref used twice in the batch, a ref the vault uses for the other kind of
/// record, a development without a parent ref, whose parent is a
/// development (of the batch or the vault), is nowhere, or is not the case
/// the matched development belongs to.
///
/// # Errors
/// DB errors only; problems of the items are in [`ImportPlan::problems`].
pub fn plan(
    c: &Connection,
    taxonomy: &Taxonomy,
    items: &[(u64, ImportItem)],
    now: DateTime<Utc>,
) -> Result<ImportPlan> {
    let mut problems = Vec::new();
    let mut refs = BatchRefs::default();
    let mut cases = Vec::new();
    // Batch case ref (as written) → the id it will have, and whether it is
    // stored already (a match, not an addition).
    let mut case_ids: HashMap<String, (CaseId, bool)> = HashMap::new();
    let mut devs = Vec::new();

    for (line, item) in items {
        let line = *line;
        match item {
            ImportItem::Case(data) => {
                let mut data = data.clone();
                data.normalize();
                let mut existing = None;
                let written_ref = data.external_ref.clone();
                if let Some(r) = written_ref.clone() {
                    problems.extend(refs.add(line, &r, true));
                    match store::ref_owner(c, &r)? {
                        Some(RefOwner::Case(_)) => existing = store::case_by_ref(c, &r)?,
                        Some(RefOwner::Development(_)) => problems.push(wrong_kind(line, &r, "development", "case")),
                        None => {
                            existing = case_by_ref_or_id(c, &r)?;
                            // The id of a development made in the app.
                            if existing.is_none() && development_by_id_ref(c, &r)?.is_some() {
                                problems.push(wrong_kind(line, &r, "development", "case"));
                            }
                        }
                    }
                    if existing.as_ref().is_some_and(|k| k.data.external_ref.is_none()) {
                        // Matched by id: the case keeps having no ref of its own.
                        data.external_ref = None;
                    }
                }
                // A file cannot tell "no proceeding" from a blank one: a
                // stored case without one stays without one.
                if existing.as_ref().is_some_and(|k| k.data.proceeding.is_none())
                    && data.proceeding.as_ref().is_some_and(Proceeding::is_blank)
                {
                    data.proceeding = None;
                }
                if let Err(v) = data.validate(taxonomy, existing.as_ref().map(|e| &e.data)) {
                    push_validation(&mut problems, line, v);
                }
                let action = action(existing.as_ref().map(|k| &k.data), &data);
                let (id, created_at, updated_at) = match &existing {
                    Some(k) => (k.id, k.created_at, if action == Action::Unchanged { k.updated_at } else { now }),
                    None => (CaseId::new(), now, now),
                };
                if let Some(r) = written_ref {
                    case_ids.entry(r).or_insert((id, action != Action::Add));
                }
                let record = PlannedRecord::Case(Case { id, data, created_at, updated_at });
                cases.push(PlannedItem { line, record, action });
            }
            ImportItem::Development { parent_ref, data } => {
                let mut data = data.clone();
                data.normalize();
                let parent_ref = nfc(parent_ref);
                if let Err(v) = data.validate() {
                    push_validation(&mut problems, line, v);
                }
                let mut existing = None;
                if let Some(r) = &data.external_ref {
                    problems.extend(refs.add(line, r, false));
                    match store::ref_owner(c, r)? {
                        Some(RefOwner::Development(_)) => existing = store::development_by_ref(c, r)?,
                        Some(RefOwner::Case(_)) => problems.push(wrong_kind(line, r, "case", "development")),
                        None => {
                            existing = development_by_id_ref(c, r)?;
                            // The id of a case made in the app.
                            if existing.is_none() && case_by_ref_or_id(c, r)?.is_some() {
                                problems.push(wrong_kind(line, r, "case", "development"));
                            }
                        }
                    }
                }
                if existing.as_ref().is_some_and(|d| d.data.external_ref.is_none()) {
                    data.external_ref = None;
                }
                if parent_ref.is_empty() {
                    problems.push(ImportRowError::parent_missing(line));
                }
                devs.push((line, parent_ref, data, existing));
            }
        }
    }

    // Developments: parents are cases of the batch (anywhere in it) or of the vault.
    let mut planned_devs = Vec::with_capacity(devs.len());
    for (line, parent_ref, data, existing) in devs {
        if parent_ref.is_empty() {
            continue;
        }
        if let Some(p) = refs.check_parent(line, &parent_ref) {
            problems.push(p);
            continue;
        }
        let parent = match case_ids.get(&parent_ref) {
            Some(known) => Some(*known),
            None => case_by_ref_or_id(c, &parent_ref)?.map(|k| (k.id, true)),
        };
        let Some((case_id, parent_stored)) = parent else {
            let message = if store::development_by_ref(c, &parent_ref)?.is_some() {
                format!("{parent_ref:?} is a development in the vault, not a case; give the ref of its case")
            } else {
                format!("no case with ref {parent_ref:?} in the file or in the vault")
            };
            problems.push(ImportRowError::new(line, "parent_ref", message));
            continue;
        };
        if let Some(dev) = &existing {
            if dev.case_id != case_id {
                let r = dev.data.external_ref.clone().unwrap_or_else(|| dev.id.to_string());
                problems.push(ImportRowError::new(
                    line,
                    "parent_ref",
                    format!("development {r:?} belongs to another case in the vault"),
                ));
                continue;
            }
        }
        let existing = match existing {
            Some(e) => Some(e),
            None if data.external_ref.is_none() && parent_stored => store::developments_where(
                c,
                "case_id = ?1 AND event_date = ?2 AND external_ref IS NULL",
                rusqlite::params![case_id.to_string(), store::date_text(data.event_date)],
            )?
            .into_iter()
            .find(|d| d.data.title == data.title),
            None => None,
        };
        let action = action(existing.as_ref().map(|d| &d.data), &data);
        let (id, created_at) = existing.as_ref().map_or((DevelopmentId::new(), now), |d| (d.id, d.created_at));
        let updated_at = if action == Action::Unchanged { existing.map_or(now, |d| d.updated_at) } else { now };
        let record = PlannedRecord::Development(Development { id, case_id, data, created_at, updated_at });
        planned_devs.push(PlannedItem { line, record, action });
    }

    problems.sort_by_key(|e| e.line);
    cases.append(&mut planned_devs);
    Ok(ImportPlan { items: cases, problems })
}

/// Writes a plan without problems ([`ImportPlan::checked`]), exactly as
/// planned, in the caller's transaction.
/// Writes the plan, recording each written record in the history (with
/// `who`'s source naming the import).
pub(crate) fn write(c: &Connection, plan: &ImportPlan, who: &Who<'_>, now: DateTime<Utc>) -> Result<ImportSummary> {
    use super::history::HistoryAction::{Created, Updated};
    use super::records::{record_case, record_development};
    for item in &plan.items {
        match (&item.record, item.action) {
            (_, Action::Unchanged) => {}
            (PlannedRecord::Case(k), Action::Add) => {
                store::insert_case(c, k)?;
                record_case(c, who, now, k, None, Created)?;
            }
            (PlannedRecord::Case(k), Action::Update) => {
                let old = store::case(c, k.id)?.map(|o| o.data);
                store::update_case(c, k)?;
                record_case(c, who, now, k, old.as_ref(), Updated)?;
            }
            (PlannedRecord::Development(d), Action::Add) => {
                store::insert_development(c, d)?;
                record_development(c, who, now, d, None, Created)?;
            }
            (PlannedRecord::Development(d), Action::Update) => {
                let old = store::development(c, d.id)?.map(|o| o.data);
                store::update_development(c, d)?;
                record_development(c, who, now, d, old.as_ref(), Updated)?;
            }
        }
    }
    Ok(plan.summary())
}
