//! Rows of the vault: reading and writing cases, developments, the taxonomy,
//! and keeping the search index in step.

use super::conn::db;
use super::error::{Result, VaultError};
use crate::case::{Case, CaseData, CaseId, Development, DevelopmentData, DevelopmentId, ValidationErrors};
use crate::taxonomy::Taxonomy;
use crate::text::fold;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Params, Row};
use std::collections::BTreeSet;

/// The columns [`case_from_row`] reads, from `CASE_FROM`.
pub(crate) const CASE_COLS: &str = "c.id, d.data, c.created_at, c.updated_at";
/// Cases with their JSON.
pub(crate) const CASE_FROM: &str = "cases c JOIN case_data d ON d.seq = c.seq";
const DEV_COLS: &str = "id, case_id, data, created_at, updated_at";

pub(crate) fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn nanos(t: DateTime<Utc>) -> i64 {
    // Representable until the year 2262.
    t.timestamp_nanos_opt().unwrap_or(i64::MAX)
}

fn conv_err(col: usize, e: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, Box::new(e))
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| VaultError::Db {
        context: "encoding a record".into(),
        source: rusqlite::Error::ToSqlConversionFailure(Box::new(e)),
    })
}

pub(crate) fn case_from_row(r: &Row<'_>) -> rusqlite::Result<Case> {
    case_from_row_at(r, 0)
}

/// A case from the [`CASE_COLS`] starting at column `at`.
pub(crate) fn case_from_row_at(r: &Row<'_>, at: usize) -> rusqlite::Result<Case> {
    let id: String = r.get(at)?;
    let data: String = r.get(at + 1)?;
    Ok(Case {
        id: id.parse().map_err(|e| conv_err(at, e))?,
        data: serde_json::from_str::<CaseData>(&data).map_err(|e| conv_err(at + 1, e))?,
        created_at: DateTime::from_timestamp_nanos(r.get(at + 2)?),
        updated_at: DateTime::from_timestamp_nanos(r.get(at + 3)?),
    })
}

fn dev_from_row(r: &Row<'_>) -> rusqlite::Result<Development> {
    let id: String = r.get(0)?;
    let case_id: String = r.get(1)?;
    let data: String = r.get(2)?;
    Ok(Development {
        id: id.parse().map_err(|e| conv_err(0, e))?,
        case_id: case_id.parse().map_err(|e| conv_err(1, e))?,
        data: serde_json::from_str::<DevelopmentData>(&data).map_err(|e| conv_err(2, e))?,
        created_at: DateTime::from_timestamp_nanos(r.get(3)?),
        updated_at: DateTime::from_timestamp_nanos(r.get(4)?),
    })
}

pub(crate) fn case_not_found(id: CaseId) -> VaultError {
    VaultError::NotFound { what: format!("case {id}") }
}

pub(crate) fn development_not_found(id: DevelopmentId) -> VaultError {
    VaultError::NotFound { what: format!("development {id}") }
}

pub(crate) fn case(c: &Connection, id: CaseId) -> Result<Option<Case>> {
    c.query_row(&format!("SELECT {CASE_COLS} FROM {CASE_FROM} WHERE c.id = ?1"), [id.to_string()], case_from_row)
        .optional()
        .map_err(db("reading a case"))
}

pub(crate) fn case_by_ref(c: &Connection, r: &str) -> Result<Option<Case>> {
    c.query_row(&format!("SELECT {CASE_COLS} FROM {CASE_FROM} WHERE c.external_ref = ?1"), [r], case_from_row)
        .optional()
        .map_err(db("reading a case"))
}

pub(crate) fn case_seq(c: &Connection, id: CaseId) -> Result<Option<i64>> {
    c.query_row("SELECT seq FROM cases WHERE id = ?1", [id.to_string()], |r| r.get(0))
        .optional()
        .map_err(db("reading a case"))
}

pub(crate) fn cases_where<P: Params>(c: &Connection, cond: &str, params: P) -> Result<Vec<Case>> {
    let mut st = c
        .prepare_cached(&format!(
            "SELECT {CASE_COLS} FROM {CASE_FROM} WHERE {cond} ORDER BY c.event_date, c.created_at, c.id"
        ))
        .map_err(db("reading cases"))?;
    let rows = st.query_map(params, case_from_row).map_err(db("reading cases"))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db("reading cases"))
}

pub(crate) fn development(c: &Connection, id: DevelopmentId) -> Result<Option<Development>> {
    c.prepare_cached(&format!("SELECT {DEV_COLS} FROM developments WHERE id = ?1"))
        .and_then(|mut st| st.query_row([id.to_string()], dev_from_row).optional())
        .map_err(db("reading a development"))
}

pub(crate) fn development_by_ref(c: &Connection, r: &str) -> Result<Option<Development>> {
    c.query_row(&format!("SELECT {DEV_COLS} FROM developments WHERE external_ref = ?1"), [r], dev_from_row)
        .optional()
        .map_err(db("reading a development"))
}

pub(crate) fn developments_where<P: Params>(c: &Connection, cond: &str, params: P) -> Result<Vec<Development>> {
    let mut st = c
        .prepare_cached(&format!(
            "SELECT {DEV_COLS} FROM developments WHERE {cond} ORDER BY event_date, created_at, id"
        ))
        .map_err(db("reading developments"))?;
    let rows = st.query_map(params, dev_from_row).map_err(db("reading developments"))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db("reading developments"))
}

/// Who holds an external ref: refs are unique across cases and developments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RefOwner {
    Case(CaseId),
    Development(DevelopmentId),
}

pub(crate) fn ref_owner(c: &Connection, r: &str) -> Result<Option<RefOwner>> {
    let case: Option<String> = c
        .query_row("SELECT id FROM cases WHERE external_ref = ?1", [r], |row| row.get(0))
        .optional()
        .map_err(db("checking a reference"))?;
    if let Some(id) = case {
        return Ok(id.parse().ok().map(RefOwner::Case));
    }
    let dev: Option<String> = c
        .query_row("SELECT id FROM developments WHERE external_ref = ?1", [r], |row| row.get(0))
        .optional()
        .map_err(db("checking a reference"))?;
    Ok(dev.and_then(|id| id.parse().ok()).map(RefOwner::Development))
}

fn case_params(case: &Case) -> Result<[rusqlite::types::Value; 12]> {
    use rusqlite::types::Value;
    let d = &case.data;
    let opt = |s: Option<&str>| s.map_or(Value::Null, |s| Value::Text(s.to_string()));
    let kind = match d.kind {
        crate::case::CaseKind::Case => "case",
        crate::case::CaseKind::Context => "context",
    };
    let status = match d.status {
        crate::case::CaseStatus::Open => "open",
        crate::case::CaseStatus::Closed => "closed",
    };
    Ok([
        Value::Text(case.id.to_string()),
        opt(d.external_ref.as_deref()),
        Value::Text(date_text(d.event_date)),
        Value::Text(kind.into()),
        Value::Text(status.into()),
        Value::Text(d.category.to_string()),
        Value::Text(d.category.group().to_string()),
        opt(d.region.as_ref().map(|c| c.as_str())),
        opt(d.victim.kind.as_ref().map(|c| c.as_str())),
        opt(d.perpetrator_type.as_ref().map(|c| c.as_str())),
        Value::Integer(nanos(case.created_at)),
        Value::Integer(nanos(case.updated_at)),
    ])
}

pub(crate) fn insert_case(c: &Connection, case: &Case) -> Result<()> {
    let p = case_params(case)?;
    let json = to_json(&case.data)?;
    c.prepare_cached(
        "INSERT INTO cases (id, external_ref, event_date, kind, status, category, grp, region, victim_type,
                            perpetrator_type, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )
    .and_then(|mut st| st.execute(rusqlite::params_from_iter(p)))
    .map_err(db("saving a case"))?;
    let seq = c.last_insert_rowid();
    c.prepare_cached("INSERT INTO case_data (seq, data) VALUES (?1, ?2)")
        .and_then(|mut st| st.execute(rusqlite::params![seq, json]))
        .map_err(db("saving a case"))?;
    reindex(c, seq, case.id)
}

pub(crate) fn update_case(c: &Connection, case: &Case) -> Result<()> {
    let p = case_params(case)?;
    let json = to_json(&case.data)?;
    let n = c
        .prepare_cached(
            "UPDATE cases SET external_ref = ?2, event_date = ?3, kind = ?4, status = ?5, category = ?6, grp = ?7,
                    region = ?8, victim_type = ?9, perpetrator_type = ?10, created_at = ?11, updated_at = ?12
             WHERE id = ?1",
        )
        .and_then(|mut st| st.execute(rusqlite::params_from_iter(p)))
        .map_err(db("saving a case"))?;
    if n == 0 {
        return Err(case_not_found(case.id));
    }
    let seq = case_seq(c, case.id)?.ok_or_else(|| case_not_found(case.id))?;
    c.prepare_cached("UPDATE case_data SET data = ?2 WHERE seq = ?1")
        .and_then(|mut st| st.execute(rusqlite::params![seq, json]))
        .map_err(db("saving a case"))?;
    reindex(c, seq, case.id)
}

pub(crate) fn delete_case(c: &Connection, id: CaseId) -> Result<()> {
    let seq = case_seq(c, id)?.ok_or_else(|| case_not_found(id))?;
    c.execute("DELETE FROM developments WHERE case_id = ?1", [id.to_string()]).map_err(db("deleting a case"))?;
    c.execute("DELETE FROM case_data WHERE seq = ?1", [seq]).map_err(db("deleting a case"))?;
    c.execute("DELETE FROM cases WHERE seq = ?1", [seq]).map_err(db("deleting a case"))?;
    c.execute("DELETE FROM case_fts WHERE rowid = ?1", [seq]).map_err(db("deleting a case"))?;
    Ok(())
}

pub(crate) fn insert_development(c: &Connection, d: &Development) -> Result<()> {
    let json = to_json(&d.data)?;
    c.prepare_cached(
        "INSERT INTO developments (id, case_id, external_ref, event_date, created_at, updated_at, data)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .and_then(|mut st| {
        st.execute(rusqlite::params![
            d.id.to_string(),
            d.case_id.to_string(),
            d.data.external_ref,
            date_text(d.data.event_date),
            nanos(d.created_at),
            nanos(d.updated_at),
            json,
        ])
    })
    .map_err(db("saving a development"))?;
    reindex_case_of(c, d.case_id)
}

pub(crate) fn update_development(c: &Connection, d: &Development) -> Result<()> {
    let json = to_json(&d.data)?;
    c.prepare_cached(
        "UPDATE developments SET external_ref = ?2, event_date = ?3, created_at = ?4, updated_at = ?5, data = ?6
         WHERE id = ?1",
    )
    .and_then(|mut st| {
        st.execute(rusqlite::params![
            d.id.to_string(),
            d.data.external_ref,
            date_text(d.data.event_date),
            nanos(d.created_at),
            nanos(d.updated_at),
            json,
        ])
    })
    .map_err(db("saving a development"))?;
    reindex_case_of(c, d.case_id)
}

pub(crate) fn delete_development(c: &Connection, id: DevelopmentId) -> Result<()> {
    let dev = development(c, id)?.ok_or_else(|| development_not_found(id))?;
    c.execute("DELETE FROM developments WHERE id = ?1", [id.to_string()]).map_err(db("deleting a development"))?;
    reindex_case_of(c, dev.case_id)
}

pub(crate) fn reindex_case_of(c: &Connection, id: CaseId) -> Result<()> {
    let seq = case_seq(c, id)?.ok_or_else(|| case_not_found(id))?;
    reindex(c, seq, id)
}

/// The folded search text of a case and its developments, translations
/// included.
pub(crate) fn search_body(case: &CaseData, devs: &[DevelopmentData]) -> String {
    let mut parts: Vec<&str> = vec![&case.title, &case.summary, &case.victim.name, &case.victim.outlet];
    if let Some(r) = &case.external_ref {
        parts.push(r);
    }
    parts.extend(case.translations.values().flat_map(|t| [t.title.as_str(), t.summary.as_str()]));
    for d in devs {
        parts.push(&d.title);
        parts.push(&d.summary);
        parts.extend(d.translations.values().flat_map(|t| [t.title.as_str(), t.summary.as_str()]));
    }
    fold(&parts.into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join("\n"))
}

/// Rewrites the search row of one case.
fn reindex(c: &Connection, seq: i64, id: CaseId) -> Result<()> {
    let case = case(c, id)?.ok_or_else(|| case_not_found(id))?;
    let devs: Vec<DevelopmentData> =
        developments_where(c, "case_id = ?1", [id.to_string()])?.into_iter().map(|d| d.data).collect();
    let body = search_body(&case.data, &devs);
    c.prepare_cached("DELETE FROM case_fts WHERE rowid = ?1")
        .and_then(|mut st| st.execute([seq]))
        .map_err(db("updating the search index"))?;
    c.prepare_cached("INSERT INTO case_fts (rowid, body) VALUES (?1, ?2)")
        .and_then(|mut st| st.execute(rusqlite::params![seq, body]))
        .map_err(db("updating the search index"))?;
    Ok(())
}

/// The stored taxonomy; `None` in an empty vault.
pub(crate) fn read_taxonomy(c: &Connection) -> Result<Option<Taxonomy>> {
    let json: Option<String> = c
        .query_row("SELECT data FROM taxonomy WHERE id = 1", [], |r| r.get(0))
        .optional()
        .map_err(db("reading the taxonomy"))?;
    json.map(|j| {
        serde_json::from_str(&j)
            .map_err(|e| VaultError::Db { context: "reading the taxonomy".into(), source: conv_err(0, e) })
    })
    .transpose()
}

pub(crate) fn write_taxonomy(c: &Connection, t: &Taxonomy) -> Result<()> {
    c.execute(
        "INSERT INTO taxonomy (id, data) VALUES (1, ?1) ON CONFLICT (id) DO UPDATE SET data = excluded.data",
        [to_json(t)?],
    )
    .map_err(db("saving the taxonomy"))?;
    Ok(())
}

fn distinct(c: &Connection, sql: &str) -> Result<BTreeSet<String>> {
    let mut st = c.prepare(sql).map_err(db("checking the taxonomy"))?;
    let rows = st.query_map([], |r| r.get::<_, Option<String>>(0)).map_err(db("checking the taxonomy"))?;
    let mut out = BTreeSet::new();
    for r in rows {
        if let Some(s) = r.map_err(db("checking the taxonomy"))? {
            out.insert(s);
        }
    }
    Ok(out)
}

/// Refuses a taxonomy that lost a code some case still uses.
pub(crate) fn check_taxonomy_keeps_used_codes(c: &Connection, t: &Taxonomy) -> Result<()> {
    use crate::codes::*;
    let mut problems = Vec::new();
    let mut missing = |what: &str, code: &str| {
        problems.push(crate::case::FieldError::new(
            crate::case::Field::Taxonomy,
            crate::case::Problem::StillUsed { what: what.to_string(), code: code.to_string() },
        ))
    };
    /// What the code names, the codes cases use, and whether `t` knows one.
    type Check = (&'static str, &'static str, fn(&Taxonomy, &str) -> bool);
    let checks: [Check; 5] = [
        (
            "category",
            "SELECT category FROM cases UNION SELECT j.value FROM case_data, json_each(case_data.data, '$.tags') AS j",
            |t, s| CategoryCode::new(s).ok().is_some_and(|k| t.category(&k).is_some()),
        ),
        ("region", "SELECT DISTINCT region FROM cases", |t, s| {
            RegionCode::new(s).ok().is_some_and(|k| t.region(&k).is_some())
        }),
        ("victim type", "SELECT DISTINCT victim_type FROM cases", |t, s| {
            VictimTypeCode::new(s).ok().is_some_and(|k| t.victim_type(&k).is_some())
        }),
        ("perpetrator type", "SELECT DISTINCT perpetrator_type FROM cases", |t, s| {
            PerpetratorTypeCode::new(s).ok().is_some_and(|k| t.perpetrator_type(&k).is_some())
        }),
        ("legal basis", "SELECT DISTINCT json_extract(data, '$.legal_basis') FROM case_data", |t, s| {
            LegalBasisCode::new(s).ok().is_some_and(|k| t.legal_basis(&k).is_some())
        }),
    ];
    for (what, used, known) in checks {
        for code in distinct(c, used)? {
            if !known(t, &code) {
                missing(what, &code);
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(VaultError::Validation(ValidationErrors(problems)))
    }
}
