//! [`Vault::apply_import`](super::Vault::apply_import): check everything,
//! then write everything, in the caller's transaction.

use super::error::{ImportRowError, Result, VaultError};
use super::store::{self, RefOwner};
use super::{ImportItem, ImportSummary};
use crate::case::{Case, CaseData, CaseId, Development, DevelopmentData, DevelopmentId, ValidationErrors};
use crate::taxonomy::Taxonomy;
use crate::text::nfc;
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use std::collections::HashMap;

#[allow(clippy::large_enum_variant, reason = "plans live only for one import")]
enum Plan {
    Case { data: CaseData, existing: Option<Case> },
    Dev { parent_ref: String, data: DevelopmentData, existing: Option<Development> },
}

/// A case written by the app has no external ref, so an export names it by
/// its id; re-importing that file must find the same case, not add a copy.
fn case_by_ref_or_id(c: &Connection, r: &str) -> Result<Option<Case>> {
    if let Some(k) = store::case_by_ref(c, r)? {
        return Ok(Some(k));
    }
    match r.parse::<CaseId>() {
        Ok(id) => Ok(store::case(c, id)?.filter(|k| k.data.external_ref.is_none())),
        Err(_) => Ok(None),
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
    errors.extend(v.0.into_iter().map(|f| ImportRowError {
        line,
        column: f.field.name().to_string(),
        message: f.message(),
    }));
}

fn row_error(line: u64, column: &str, message: impl Into<String>) -> ImportRowError {
    ImportRowError { line, column: column.to_string(), message: message.into() }
}

pub(crate) fn apply(
    c: &Connection,
    taxonomy: &Taxonomy,
    items: Vec<(u64, ImportItem)>,
    now: DateTime<Utc>,
) -> Result<ImportSummary> {
    let mut errors = Vec::new();
    // Refs seen in this batch: ref → (line, is a case).
    let mut batch_refs: HashMap<String, (u64, bool)> = HashMap::new();
    let mut plans: Vec<(u64, Plan)> = Vec::with_capacity(items.len());

    // Pass 1: normalise and check every row against the taxonomy, the vault
    // and the rest of the batch.
    for (line, item) in items {
        match item {
            ImportItem::Case(mut data) => {
                data.normalize();
                let mut existing = None;
                if let Some(r) = &data.external_ref {
                    if let Some((first, _)) = batch_refs.get(r) {
                        errors.push(row_error(line, "ref", format!("{r} is used again (first on line {first})")));
                    } else {
                        batch_refs.insert(r.clone(), (line, true));
                    }
                    match store::ref_owner(c, r)? {
                        Some(RefOwner::Case(_)) => existing = store::case_by_ref(c, r)?,
                        Some(RefOwner::Development(_)) => errors.push(row_error(
                            line,
                            "ref",
                            format!("{r} is already used by a development in the vault"),
                        )),
                        None => existing = case_by_ref_or_id(c, r)?,
                    }
                }
                if existing.as_ref().is_some_and(|k| k.data.external_ref.is_none()) {
                    // Matched by id: the case keeps having no ref of its own.
                    data.external_ref = None;
                }
                if let Err(v) = data.validate(taxonomy, existing.as_ref().map(|e| &e.data)) {
                    push_validation(&mut errors, line, v);
                }
                plans.push((line, Plan::Case { data, existing }));
            }
            ImportItem::Development { parent_ref, mut data } => {
                data.normalize();
                let parent_ref = nfc(&parent_ref);
                let mut existing = None;
                if let Err(v) = data.validate() {
                    push_validation(&mut errors, line, v);
                }
                if let Some(r) = &data.external_ref {
                    if let Some((first, _)) = batch_refs.get(r) {
                        errors.push(row_error(line, "ref", format!("{r} is used again (first on line {first})")));
                    } else {
                        batch_refs.insert(r.clone(), (line, false));
                    }
                    match store::ref_owner(c, r)? {
                        Some(RefOwner::Development(_)) => existing = store::development_by_ref(c, r)?,
                        Some(RefOwner::Case(_)) => {
                            errors.push(row_error(line, "ref", format!("{r} is already used by a case in the vault")))
                        }
                        None => existing = development_by_id_ref(c, r)?,
                    }
                }
                if existing.as_ref().is_some_and(|d| d.data.external_ref.is_none()) {
                    data.external_ref = None;
                }
                if parent_ref.is_empty() {
                    errors.push(row_error(line, "parent_ref", "a development needs the ref of its case"));
                }
                plans.push((line, Plan::Dev { parent_ref, data, existing }));
            }
        }
    }

    // Parents: a case of the batch (anywhere in it) or of the vault.
    let mut vault_parents: HashMap<String, Option<CaseId>> = HashMap::new();
    for (line, plan) in &plans {
        let Plan::Dev { parent_ref, existing, .. } = plan else { continue };
        if parent_ref.is_empty() {
            continue;
        }
        let in_batch = matches!(batch_refs.get(parent_ref), Some((_, true)));
        let in_vault = match vault_parents.get(parent_ref) {
            Some(id) => *id,
            None => {
                let id = case_by_ref_or_id(c, parent_ref)?.map(|k| k.id);
                vault_parents.insert(parent_ref.clone(), id);
                id
            }
        };
        if !in_batch && in_vault.is_none() {
            errors.push(row_error(
                *line,
                "parent_ref",
                format!("no case with ref {parent_ref} in this file or the vault"),
            ));
        }
        if let Some(dev) = existing {
            if in_vault != Some(dev.case_id) {
                errors.push(row_error(
                    *line,
                    "parent_ref",
                    format!("development {} belongs to another case", dev.data.external_ref.as_deref().unwrap_or("")),
                ));
            }
        }
    }

    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Err(VaultError::Import(errors));
    }

    // Pass 2: write. Cases first, so that every parent exists.
    let mut summary = ImportSummary::default();
    let mut case_ids: HashMap<String, CaseId> = HashMap::new();
    let mut devs = Vec::new();
    for (_, plan) in plans {
        match plan {
            Plan::Case { data, existing } => {
                let id = match existing {
                    Some(old) if old.data == data => {
                        summary.unchanged += 1;
                        old.id
                    }
                    Some(old) => {
                        store::update_case(
                            c,
                            &Case { id: old.id, data: data.clone(), created_at: old.created_at, updated_at: now },
                        )?;
                        summary.updated += 1;
                        old.id
                    }
                    None => {
                        let case = Case { id: CaseId::new(), data: data.clone(), created_at: now, updated_at: now };
                        store::insert_case(c, &case)?;
                        summary.added += 1;
                        case.id
                    }
                };
                if let Some(r) = data.external_ref {
                    case_ids.insert(r, id);
                }
            }
            Plan::Dev { parent_ref, data, existing } => devs.push((parent_ref, data, existing)),
        }
    }
    for (parent_ref, data, existing) in devs {
        let case_id =
            match case_ids.get(&parent_ref).copied().or_else(|| vault_parents.get(&parent_ref).copied().flatten()) {
                Some(id) => id,
                None => return Err(VaultError::NotFound { what: format!("case {parent_ref}") }),
            };
        let existing = match existing {
            Some(e) => Some(e),
            None if data.external_ref.is_none() => store::developments_where(
                c,
                "case_id = ?1 AND event_date = ?2 AND external_ref IS NULL",
                rusqlite::params![case_id.to_string(), store::date_text(data.event_date)],
            )?
            .into_iter()
            .find(|d| d.data.title == data.title),
            None => None,
        };
        match existing {
            Some(old) if old.data == data => summary.unchanged += 1,
            Some(old) => {
                store::update_development(
                    c,
                    &Development { id: old.id, case_id, data, created_at: old.created_at, updated_at: now },
                )?;
                summary.updated += 1;
            }
            None => {
                store::insert_development(
                    c,
                    &Development { id: DevelopmentId::new(), case_id, data, created_at: now, updated_at: now },
                )?;
                summary.added += 1;
            }
        }
    }
    Ok(summary)
}
