//! [`Vault::find`](super::Vault::find): filters, free-text search, paging.

use super::conn::db;
use super::error::Result;
use super::filter::{CaseFilter, CasePage, Page, SortOrder};
use super::store::{case_from_row, date_text, CASE_COLS};
use crate::case::{CaseKind, CaseStatus};
use crate::text::fold;
use rusqlite::types::Value;
use rusqlite::Connection;

/// The FTS5 query for free text typed by a user, or `None` when it has no
/// word in it.
///
/// The text is folded like the index ([`fold`]), split on white space, and
/// every word becomes a quoted prefix term: `"word"*`, with `"` doubled
/// inside. Quoting makes FTS5 operators (`AND`, `NOT`, `-`, `*`, `:`, `^`,
/// parentheses) plain text; FTS5 then splits a quoted term into tokens with
/// the table's tokenizer, so `2024-05-001` becomes the phrase
/// `2024 05 001*`. Terms separated by spaces must all match (AND).
pub(crate) fn fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> = fold(text)
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

fn in_list<T: AsRef<str>>(wh: &mut Vec<String>, params: &mut Vec<Value>, col: &str, values: &[T]) {
    if values.is_empty() {
        return;
    }
    let marks = vec!["?"; values.len()].join(", ");
    wh.push(format!("{col} IN ({marks})"));
    params.extend(values.iter().map(|v| Value::Text(v.as_ref().to_string())));
}

/// The WHERE clause (without the keyword) and its parameters.
pub(crate) fn where_clause(filter: &CaseFilter) -> (String, Vec<Value>) {
    let mut wh = Vec::new();
    let mut params = Vec::new();
    if let Some(from) = filter.from {
        wh.push("event_date >= ?".to_string());
        params.push(Value::Text(date_text(from)));
    }
    if let Some(to) = filter.to {
        wh.push("event_date <= ?".to_string());
        params.push(Value::Text(date_text(to)));
    }
    in_list(&mut wh, &mut params, "grp", &filter.groups);
    in_list(&mut wh, &mut params, "category", &filter.categories);
    in_list(&mut wh, &mut params, "region", &filter.regions);
    in_list(&mut wh, &mut params, "victim_type", &filter.victim_types);
    in_list(&mut wh, &mut params, "perpetrator_type", &filter.perpetrator_types);
    if let Some(s) = filter.status {
        wh.push("status = ?".to_string());
        params.push(Value::Text(match s {
            CaseStatus::Open => "open".into(),
            CaseStatus::Closed => "closed".into(),
        }));
    }
    if let Some(k) = filter.kind {
        wh.push("kind = ?".to_string());
        params.push(Value::Text(match k {
            CaseKind::Case => "case".into(),
            CaseKind::Context => "context".into(),
        }));
    }
    if let Some(q) = filter.text.as_deref().and_then(fts_query) {
        wh.push("seq IN (SELECT rowid FROM case_fts WHERE case_fts MATCH ?)".to_string());
        params.push(Value::Text(q));
    }
    if wh.is_empty() {
        ("1".to_string(), params)
    } else {
        (wh.join(" AND "), params)
    }
}

pub(crate) fn find(c: &Connection, filter: &CaseFilter, page: Page) -> Result<CasePage> {
    let (cond, params) = where_clause(filter);
    let total: i64 = c
        .prepare_cached(&format!("SELECT count(*) FROM cases WHERE {cond}"))
        .and_then(|mut st| st.query_row(rusqlite::params_from_iter(params.iter()), |r| r.get(0)))
        .map_err(db("counting cases"))?;
    let order = match filter.sort {
        SortOrder::DateDesc => "event_date DESC, created_at DESC, id DESC",
        SortOrder::DateAsc => "event_date ASC, created_at ASC, id ASC",
    };
    let limit = page.limit.min(Page::MAX_LIMIT);
    let mut all = params;
    all.push(Value::Integer(i64::from(limit)));
    all.push(Value::Integer(i64::from(page.offset)));
    // The page is chosen on the narrow `cases` rows alone; only its (at
    // most 1000) rows fetch their JSON.
    let mut st = c
        .prepare_cached(&format!(
            "SELECT {CASE_COLS} FROM (SELECT seq, id, event_date, created_at, updated_at FROM cases
                                      WHERE {cond} ORDER BY {order} LIMIT ? OFFSET ?) AS c
             JOIN case_data d ON d.seq = c.seq
             ORDER BY {order}"
        ))
        .map_err(db("finding cases"))?;
    let cases = st
        .query_map(rusqlite::params_from_iter(all.iter()), case_from_row)
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .map_err(db("finding cases"))?;
    Ok(CasePage { cases, total: u64::try_from(total).unwrap_or(0) })
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn user_text_cannot_break_the_query() {
        assert_eq!(fts_query("ҚАЗАҚ Тілі").as_deref(), Some("\"қазақ\"* \"тілі\"*"));
        assert_eq!(fts_query("a\"b").as_deref(), Some("\"a\"\"b\"*"));
        assert_eq!(fts_query(" - * \" "), None);
        assert_eq!(fts_query("NOT -x").as_deref(), Some("\"not\"* \"-x\"*"));
    }
}
