//! [`Vault::find`](super::Vault::find): filters, free-text search, paging.

use super::catalogue::Catalogue;
use super::conn::db;
use super::error::Result;
use super::filter::{CaseFilter, CasePage, Page};
use super::store::{case_from_row_at, CASE_COLS, CASE_FROM};
use crate::case::Case;
use crate::text::fold;
use rusqlite::Connection;
use std::collections::HashMap;

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

/// The seqs of the cases whose folded text matches `query` (an
/// [`fts_query`]), as a membership table indexed by seq (`max_seq + 1`
/// entries).
fn text_matches(c: &Connection, query: &str, max_seq: i64) -> Result<Vec<bool>> {
    let size = usize::try_from(max_seq).unwrap_or(0).saturating_add(1);
    let mut set = vec![false; size];
    let mut st =
        c.prepare_cached("SELECT rowid FROM case_fts WHERE case_fts MATCH ?1").map_err(db("searching case text"))?;
    let mut rows = st.query([query]).map_err(db("searching case text"))?;
    while let Some(r) = rows.next().map_err(db("searching case text"))? {
        let seq: i64 = r.get(0).map_err(db("searching case text"))?;
        if let Some(slot) = usize::try_from(seq).ok().and_then(|i| set.get_mut(i)) {
            *slot = true;
        }
    }
    Ok(set)
}

/// The cases with these seqs, in the order given.
fn cases_by_seq(c: &Connection, seqs: &[i64]) -> Result<Vec<Case>> {
    if seqs.is_empty() {
        return Ok(Vec::new());
    }
    let marks = vec!["?"; seqs.len()].join(", ");
    let mut st = c
        .prepare_cached(&format!("SELECT c.seq, {CASE_COLS} FROM {CASE_FROM} WHERE c.seq IN ({marks})"))
        .map_err(db("reading cases"))?;
    let mut by_seq: HashMap<i64, Case> = st
        .query_map(rusqlite::params_from_iter(seqs.iter()), |r| Ok((r.get::<_, i64>(0)?, case_from_row_at(r, 1)?)))
        .and_then(|rows| rows.collect::<rusqlite::Result<HashMap<_, _>>>())
        .map_err(db("reading cases"))?;
    Ok(seqs.iter().filter_map(|s| by_seq.remove(s)).collect())
}

/// One page of the cases matching `filter`, and how many match.
///
/// The catalogue chooses the page (see [`super::catalogue`]); free text is
/// answered by the FTS5 index; only the page's cases are read in full.
pub(crate) fn find(c: &Connection, catalogue: &Catalogue, filter: &CaseFilter, page: Page) -> Result<CasePage> {
    let text = match filter.text.as_deref().map(fts_query) {
        // Text with no word in it does not restrict.
        None | Some(None) => None,
        Some(Some(q)) => Some(text_matches(c, &q, catalogue.max_seq())?),
    };
    let limit = page.limit.min(Page::MAX_LIMIT);
    let chosen = catalogue.select(filter, text.as_deref(), page.offset, limit);
    Ok(CasePage { cases: cases_by_seq(c, &chosen.seqs)?, total: chosen.total })
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
