//! Duplicate cases in the vault: candidates by the rule of
//! [`crate::duplicates`], and staff decisions on them (merge, related,
//! dismissed), kept in `case_links`.

use super::conn::db;
use super::error::{Result, VaultError};
use super::history::{self, HistoryAction, Who};
use super::{records, store, trash, Vault};
use crate::case::{Case, CaseId};
use crate::duplicates::{score, Features, Reason, DATE_WINDOW_DAYS};
use chrono::{DateTime, Days, NaiveDate, Utc};
use rusqlite::Connection;
use std::collections::HashSet;

/// A likely duplicate pair: `case` is the earlier-stored one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateCandidate {
    /// One case.
    pub case: Case,
    /// The other.
    pub other: Case,
    /// 0–100.
    pub score: u32,
    /// Why.
    pub reasons: Vec<Reason>,
}

/// A staff decision on two cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    /// The second was merged into the first.
    Merged,
    /// Related events, both counted.
    Related,
    /// Not duplicates; not proposed again.
    Dismissed,
}

impl LinkKind {
    fn as_str(self) -> &'static str {
        match self {
            LinkKind::Merged => "merged",
            LinkKind::Related => "related",
            LinkKind::Dismissed => "dismissed",
        }
    }
}

/// Pairs already decided (either order), as `"a b"` keys.
fn decided(c: &Connection) -> Result<HashSet<(String, String)>> {
    let err = || db("reading the case links");
    let mut st = c.prepare("SELECT case_id, other_id FROM case_links").map_err(err())?;
    let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))).map_err(err())?;
    let mut out = HashSet::new();
    for row in rows {
        let (a, b) = row.map_err(err())?;
        out.insert((b.clone(), a.clone()));
        out.insert((a, b));
    }
    Ok(out)
}

fn window(d: NaiveDate, days: i64) -> (NaiveDate, NaiveDate) {
    let n = Days::new(days as u64);
    (d.checked_sub_days(n).unwrap_or(d), d.checked_add_days(n).unwrap_or(d))
}

fn pair(a: Case, b: Case, score: u32, reasons: Vec<Reason>) -> DuplicateCandidate {
    let (case, other) = if (a.created_at, a.id.0) <= (b.created_at, b.id.0) { (a, b) } else { (b, a) };
    DuplicateCandidate { case, other, score, reasons }
}

fn by_score(out: &mut [DuplicateCandidate]) {
    out.sort_by(|x, y| y.score.cmp(&x.score).then(x.case.data.event_date.cmp(&y.case.data.event_date)));
}

impl Vault {
    /// The likely duplicates of the case `id` among all cases (event dates
    /// within [`DATE_WINDOW_DAYS`], read through the date index), best
    /// first; pairs staff have decided on are left out.
    ///
    /// # Errors
    /// [`VaultError::NotFound`], DB errors.
    pub fn duplicates_of(&self, id: CaseId) -> Result<Vec<DuplicateCandidate>> {
        let me = self.case(id)?;
        let f = Features::of(&me.data);
        let (from, to) = window(me.data.event_date, DATE_WINDOW_DAYS);
        let decided = decided(&self.conn)?;
        let mut out = Vec::new();
        for other in self.cases_between(from, to)? {
            if other.id == id || decided.contains(&(id.to_string(), other.id.to_string())) {
                continue;
            }
            if let Some((s, reasons)) = score(&f, &Features::of(&other.data)) {
                out.push(pair(me.clone(), other, s, reasons));
            }
        }
        by_score(&mut out);
        Ok(out)
    }

    /// Every likely duplicate pair among the cases with event dates in
    /// `[from, to]` (local dates in Kazakhstan; both `None`: all cases),
    /// compared with cases up to [`DATE_WINDOW_DAYS`] outside the range
    /// too; best first. Decided pairs are left out.
    ///
    /// # Errors
    /// DB errors.
    pub fn duplicate_candidates(&self, range: Option<(NaiveDate, NaiveDate)>) -> Result<Vec<DuplicateCandidate>> {
        let mut cases = match range {
            Some((from, to)) => {
                let (a, _) = window(from, DATE_WINDOW_DAYS);
                let (_, b) = window(to, DATE_WINDOW_DAYS);
                self.cases_between(a, b)?
            }
            None => self.all_cases()?,
        };
        cases.sort_by_key(|c| c.data.event_date);
        let features: Vec<Features> = cases.iter().map(|c| Features::of(&c.data)).collect();
        let decided = decided(&self.conn)?;
        let in_range = |d: NaiveDate| range.is_none_or(|(f, t)| d >= f && d <= t);
        let mut out = Vec::new();
        for i in 0..cases.len() {
            for j in i + 1..cases.len() {
                if (features[j].date() - features[i].date()).num_days() > DATE_WINDOW_DAYS {
                    break;
                }
                if !in_range(cases[i].data.event_date) && !in_range(cases[j].data.event_date) {
                    continue;
                }
                if decided.contains(&(cases[i].id.to_string(), cases[j].id.to_string())) {
                    continue;
                }
                if let Some((s, reasons)) = score(&features[i], &features[j]) {
                    out.push(pair(cases[i].clone(), cases[j].clone(), s, reasons));
                }
            }
        }
        by_score(&mut out);
        Ok(out)
    }

    /// Merges the case `duplicate` into `keep`: `keep` gains the other's
    /// sources and private names (and becomes confidential if either was:
    /// nothing that protected a person is lost), the duplicate moves to the
    /// trash recorded as `merged`, and the pair is remembered. Counted once
    /// from then on, in every overview. Returns the kept case.
    ///
    /// # Errors
    /// [`VaultError::NotFound`], [`VaultError::Validation`] (the same case
    /// twice), DB errors.
    pub fn merge_duplicate(&mut self, keep: CaseId, duplicate: CaseId, now: DateTime<Utc>) -> Result<Case> {
        if keep == duplicate {
            return Err(refused("a case cannot be merged into itself"));
        }
        let who = Who { actor: &self.actor, source: &self.source };
        let tx = self.conn.transaction().map_err(db("merging cases"))?;
        let old = store::case(&tx, keep)?.ok_or_else(|| store::case_not_found(keep))?;
        let dup = store::case(&tx, duplicate)?.ok_or_else(|| store::case_not_found(duplicate))?;
        if old.data.kind != dup.data.kind {
            return Err(refused(
                "a counted case and a context event are never one event: merging would take the case out of the counts",
            ));
        }
        let mut data = old.data.clone();
        for s in &dup.data.sources {
            if !data.sources.contains(s) {
                data.sources.push(s.clone());
            }
        }
        for n in &dup.data.private_names {
            if !data.private_names.contains(n) {
                data.private_names.push(n.clone());
            }
        }
        let hidden_victim = &dup.data.victim.name;
        if dup.data.confidential
            && !hidden_victim.trim().is_empty()
            && hidden_victim != &data.victim.name
            && !data.private_names.contains(hidden_victim)
        {
            data.private_names.push(hidden_victim.clone());
        }
        data.confidential |= dup.data.confidential;
        let case = Case { id: keep, data, created_at: old.created_at, updated_at: now };
        store::update_case(&tx, &case)?;
        records::record_case(&tx, &who, now, &case, Some(&old.data), HistoryAction::Updated)?;
        move_evidence(&tx, &who, duplicate, keep, now)?;
        trash::trash_in(&tx, &who, now, duplicate, HistoryAction::Merged)?;
        link(&tx, &who, keep, duplicate, LinkKind::Merged, now)?;
        tx.commit().map_err(db("merging cases"))?;
        *self.catalogue.get_mut() = None;
        Ok(case)
    }

    /// Records that two cases are related (both counted) or not duplicates
    /// (dismissed): the pair is not proposed again.
    ///
    /// # Errors
    /// [`VaultError::NotFound`], DB errors.
    pub fn link_cases(&mut self, a: CaseId, b: CaseId, kind: LinkKind, now: DateTime<Utc>) -> Result<()> {
        if a == b {
            return Err(refused("name two different cases"));
        }
        self.case(a)?;
        self.case(b)?;
        let who = Who { actor: &self.actor, source: &self.source };
        let before = self.conn.total_changes();
        let tx = self.conn.transaction().map_err(db("linking cases"))?;
        let (x, y) = if a.to_string() <= b.to_string() { (a, b) } else { (b, a) };
        link(&tx, &who, x, y, kind, now)?;
        tx.commit().map_err(db("linking cases"))?;
        self.wrote_outside_cases(before);
        Ok(())
    }

    /// The decisions involving the case `id`: (the other case, kind, the
    /// other was merged into this one).
    ///
    /// # Errors
    /// DB errors.
    pub fn case_links(&self, id: CaseId) -> Result<Vec<(CaseId, LinkKind)>> {
        let err = || db("reading the case links");
        let mut st = self
            .conn
            .prepare("SELECT case_id, other_id, kind FROM case_links WHERE case_id = ?1 OR other_id = ?1")
            .map_err(err())?;
        let rows = st
            .query_map([id.to_string()], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
            })
            .map_err(err())?;
        let mut out = Vec::new();
        for row in rows {
            let (a, b, k) = row.map_err(err())?;
            let other = if a == id.to_string() { b } else { a };
            let kind = match k.as_str() {
                "merged" => LinkKind::Merged,
                "related" => LinkKind::Related,
                _ => LinkKind::Dismissed,
            };
            if let Ok(u) = other.parse() {
                out.push((CaseId(u), kind));
            }
        }
        Ok(out)
    }
}

fn refused(message: &str) -> VaultError {
    VaultError::Validation(crate::case::ValidationErrors::one(
        crate::problem::Field::Title,
        crate::problem::Problem::Invalid { message: message.into() },
    ))
}

/// Moves the developments and attachments of `from` to `to` (a merge: the
/// evidence stays with the case that is counted), each move recorded.
fn move_evidence(c: &Connection, who: &Who<'_>, from: CaseId, to: CaseId, now: DateTime<Utc>) -> Result<()> {
    let err = || db("merging cases");
    let mut moved = Vec::new();
    for d in store::developments_where(c, "case_id = ?1", [from.to_string()])? {
        moved.push((history::Entity::Development, d.id.to_string()));
    }
    for a in super::attachments::list_in(c, from)? {
        moved.push((history::Entity::Attachment, a.id.to_string()));
    }
    c.execute("UPDATE developments SET case_id = ?2 WHERE case_id = ?1", [from.to_string(), to.to_string()])
        .map_err(err())?;
    c.execute("UPDATE attachments SET case_id = ?2 WHERE case_id = ?1", [from.to_string(), to.to_string()])
        .map_err(err())?;
    for (entity, id) in moved {
        let change = history::Change {
            entity,
            entity_id: id,
            case_id: Some(to),
            action: HistoryAction::Updated,
            changes: vec![history::FieldChange {
                field: "case".into(),
                old: Some(serde_json::Value::String(from.to_string())),
                new: Some(serde_json::Value::String(to.to_string())),
            }],
            snapshot: None,
        };
        history::append(c, who, now, change)?;
    }
    store::reindex_case_of(c, to)
}

fn link(c: &Connection, who: &Who<'_>, a: CaseId, b: CaseId, kind: LinkKind, now: DateTime<Utc>) -> Result<()> {
    c.execute(
        "INSERT INTO case_links (case_id, other_id, kind, at, by) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (case_id, other_id) DO UPDATE SET kind = excluded.kind, at = excluded.at, by = excluded.by",
        rusqlite::params![
            a.to_string(),
            b.to_string(),
            kind.as_str(),
            now.timestamp_nanos_opt().unwrap_or(0),
            who.actor
        ],
    )
    .map_err(db("linking cases"))?;
    let json = serde_json::json!({ "other": b.to_string(), "kind": kind.as_str() });
    history::record(
        c,
        who,
        now,
        history::Entity::Document,
        format!("links/{a}/{b}"),
        Some(a),
        HistoryAction::Created,
        None,
        Some(&json),
        false,
    )?;
    Ok(())
}
