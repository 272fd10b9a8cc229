//! The catalogue: an in-memory copy of the narrow `cases` rows, in list
//! order, that [`Vault::find`](super::Vault::find) filters, counts and pages.
//!
//! SQLite answers an arbitrary mix of filters (two categories + kind, oldest
//! first; two regions at a deep offset; a word found in most cases) by
//! counting and sorting thousands of rows per query, 30–80 ms at 100 000
//! cases. The catalogue holds every case's list columns as small integers
//! (≈ 64 bytes per case: 6 MB for 100 000 cases), already in list order, so
//! any filter is one linear pass: count the matches, keep the requested page.
//! Only the page's cases are then read from the database, and free text is
//! still answered by the FTS5 index.
//!
//! It holds codes, dates, ids and row numbers only: no case text. It lives
//! in memory, never on disk. Saving or deleting one case updates it in place
//! ([`Catalogue::refresh_case`]); writes that cannot touch list columns are
//! declared so ([`Catalogue::ignore_writes_since`]); after any other change
//! made through this connection (`sqlite3_total_changes` moved) the next list
//! rebuilds it (one scan of the `cases` table and a sort). The vault lock
//! keeps other Kuzet programs from writing the file meanwhile; a write by
//! any other connection (another tool ignoring the lock) moves SQLite's
//! `PRAGMA data_version`, and the next list rebuilds it too.

use super::conn::db;
use super::error::Result;
use super::filter::{CaseFilter, SortOrder};
use crate::case::{CaseKind, CaseStatus};
use crate::month::parse_date;
use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use rustc_hash::FxHashMap;
use uuid::Uuid;

/// "No value" (a case without region, victim type or perpetrator type).
const NONE: u32 = u32::MAX;

/// One case's list columns.
#[derive(Debug, Clone, Copy)]
struct Row {
    /// `cases.seq`: the key of `case_data` and of the FTS5 row.
    seq: i64,
    event_date: NaiveDate,
    /// UTC, nanoseconds since 1970.
    created_at: i64,
    /// The case id; lower-case hyphenated text in the database, whose text
    /// order is the order of the UUID's bytes.
    id: Uuid,
    is_case: bool,
    is_open: bool,
    category: u32,
    group: u32,
    region: u32,
    victim_type: u32,
    perpetrator_type: u32,
}

/// Every case's list columns, sorted by (event date, `created_at`, id)
/// ascending — the [`SortOrder::DateAsc`] order; [`SortOrder::DateDesc`]
/// walks it backwards.
#[derive(Debug)]
pub(crate) struct Catalogue {
    /// `Connection::total_changes` when loaded: the catalogue is current
    /// while the connection's counter has not moved.
    stamp: u64,
    /// `PRAGMA data_version` when loaded: it moves when another connection
    /// commits a write to the file.
    data_version: Option<i64>,
    rows: Vec<Row>,
    /// Code text → its number in `rows` (one table for every column).
    codes: FxHashMap<Box<[u8]>, u32>,
    /// The largest `seq`, for the size of the free-text match set.
    max_seq: i64,
}

/// SQLite's `PRAGMA data_version` of `c` (`None` if it cannot be read).
fn data_version(c: &Connection) -> Option<i64> {
    c.query_row("PRAGMA data_version", [], |r| r.get(0)).ok()
}

/// A filter with its codes turned into the catalogue's numbers.
struct Compiled {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    groups: Option<Vec<u32>>,
    categories: Option<Vec<u32>>,
    regions: Option<Vec<u32>>,
    victim_types: Option<Vec<u32>>,
    perpetrator_types: Option<Vec<u32>>,
    status: Option<CaseStatus>,
    kind: Option<CaseKind>,
}

fn matches_list(list: &Option<Vec<u32>>, value: u32) -> bool {
    list.as_ref().is_none_or(|l| l.contains(&value))
}

impl Compiled {
    fn matches(&self, r: &Row) -> bool {
        self.from.is_none_or(|d| r.event_date >= d)
            && self.to.is_none_or(|d| r.event_date <= d)
            && matches_list(&self.categories, r.category)
            && matches_list(&self.groups, r.group)
            && matches_list(&self.regions, r.region)
            && matches_list(&self.victim_types, r.victim_type)
            && matches_list(&self.perpetrator_types, r.perpetrator_type)
            && self.status.is_none_or(|s| (s == CaseStatus::Open) == r.is_open)
            && self.kind.is_none_or(|k| (k == CaseKind::Case) == r.is_case)
    }
}

/// The columns [`row_from`] reads.
const ROW_COLS: &str = "seq, event_date, created_at, id, kind, status,
                        category, grp, region, victim_type, perpetrator_type";

impl Row {
    /// The list order: event date, then `created_at`, then id.
    fn key(&self) -> (NaiveDate, i64, Uuid) {
        (self.event_date, self.created_at, self.id)
    }
}

fn bad_value(col: usize, e: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, Box::new(e))
}

/// Text columns as bytes: codes and dates are ASCII, and skipping the UTF-8
/// check and the allocation halves the time to load 100 000 rows.
fn bytes<'a>(r: &'a rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<&'a [u8]>> {
    match r.get_ref(i)? {
        ValueRef::Null => Ok(None),
        ValueRef::Text(b) => Ok(Some(b)),
        other => Err(rusqlite::Error::InvalidColumnType(i, String::new(), other.data_type())),
    }
}

/// One row of [`ROW_COLS`], with its codes numbered in `codes`.
fn row_from(r: &rusqlite::Row<'_>, codes: &mut FxHashMap<Box<[u8]>, u32>) -> rusqlite::Result<Row> {
    let mut number = |i: usize| -> rusqlite::Result<u32> {
        Ok(match bytes(r, i)? {
            None => NONE,
            Some(code) => match codes.get(code) {
                Some(&n) => n,
                None => {
                    let n = u32::try_from(codes.len()).unwrap_or(NONE - 1);
                    codes.insert(code.into(), n);
                    n
                }
            },
        })
    };
    let date = bytes(r, 1)?.unwrap_or_default();
    let event_date = std::str::from_utf8(date)
        .map_err(|e| bad_value(1, e))
        .and_then(|d| parse_date(d).map_err(|e| bad_value(1, std::io::Error::other(e))))?;
    let id = Uuid::try_parse_ascii(bytes(r, 3)?.unwrap_or_default()).map_err(|e| bad_value(3, e))?;
    Ok(Row {
        seq: r.get(0)?,
        event_date,
        created_at: r.get(2)?,
        id,
        is_case: bytes(r, 4)? == Some(b"case"),
        is_open: bytes(r, 5)? == Some(b"open"),
        category: number(6)?,
        group: number(7)?,
        region: number(8)?,
        victim_type: number(9)?,
        perpetrator_type: number(10)?,
    })
}

/// The seqs of one page of matches (in list order) and the number of all
/// matches.
pub(crate) struct Selection {
    pub(crate) seqs: Vec<i64>,
    pub(crate) total: u64,
}

impl Catalogue {
    /// Reads every case's list columns: one scan of the narrow `cases`
    /// table in storage order (sequential pages: the cheapest read of an
    /// encrypted file), then a sort in memory.
    pub(crate) fn load(c: &Connection) -> Result<Catalogue> {
        let stamp = c.total_changes();
        let data_version = data_version(c);
        let mut codes = FxHashMap::default();
        let mut st = c.prepare(&format!("SELECT {ROW_COLS} FROM cases")).map_err(db("listing cases"))?;
        let mut raw = st.query([]).map_err(db("listing cases"))?;
        let mut rows = Vec::new();
        while let Some(r) = raw.next().map_err(db("listing cases"))? {
            rows.push(row_from(r, &mut codes).map_err(db("listing cases"))?);
        }
        rows.sort_unstable_by_key(Row::key);
        let max_seq = rows.iter().map(|r| r.seq).max().unwrap_or(0);
        Ok(Catalogue { stamp, data_version, rows, codes, max_seq })
    }

    /// Brings the catalogue up to date after a write that touched only the
    /// case `id` (added, changed or deleted), when it was current at the
    /// stamp `before` the write; otherwise it stays stale and is rebuilt by
    /// the next list.
    ///
    /// # Errors
    /// DB errors (the caller then drops the catalogue).
    pub(crate) fn refresh_case(&mut self, c: &Connection, id: Uuid, before: u64) -> Result<()> {
        if self.stamp != before || !self.same_data_version(c) {
            return Ok(());
        }
        if let Some(at) = self.rows.iter().position(|r| r.id == id) {
            self.rows.remove(at);
        }
        let mut st =
            c.prepare_cached(&format!("SELECT {ROW_COLS} FROM cases WHERE id = ?1")).map_err(db("listing cases"))?;
        let mut raw = st.query([id.hyphenated().to_string()]).map_err(db("listing cases"))?;
        if let Some(r) = raw.next().map_err(db("listing cases"))? {
            let row = row_from(r, &mut self.codes).map_err(db("listing cases"))?;
            let at = self.rows.partition_point(|x| x.key() < row.key());
            self.rows.insert(at, row);
            self.max_seq = self.max_seq.max(row.seq);
        }
        self.stamp = c.total_changes();
        Ok(())
    }

    /// Whether nothing was written through `c` since [`Catalogue::load`],
    /// nor by any other connection.
    pub(crate) fn is_current(&self, c: &Connection) -> bool {
        self.stamp == c.total_changes() && self.same_data_version(c)
    }

    /// Whether no other connection committed a write since the load.
    fn same_data_version(&self, c: &Connection) -> bool {
        self.data_version.is_some() && self.data_version == data_version(c)
    }

    /// Declares the writes made since the stamp `before` irrelevant to the
    /// catalogue (settings, drafts): a current catalogue stays current.
    pub(crate) fn ignore_writes_since(&mut self, before: u64, c: &Connection) {
        if self.stamp == before && self.same_data_version(c) {
            self.stamp = c.total_changes();
        }
    }

    /// The largest `seq` (0 when empty).
    pub(crate) fn max_seq(&self) -> i64 {
        self.max_seq
    }

    /// The codes of a filter list as numbers; `None` when the list does not
    /// restrict. Codes no case uses are dropped, so a list of only such
    /// codes matches nothing (an empty `Some`).
    fn numbers<T: AsRef<str>>(&self, list: &[T]) -> Option<Vec<u32>> {
        (!list.is_empty()).then(|| list.iter().filter_map(|c| self.codes.get(c.as_ref().as_bytes()).copied()).collect())
    }

    /// Filters, counts and pages. `text_match`, when given, is the set of
    /// seqs the free-text search found (indexed by seq).
    pub(crate) fn select(
        &self,
        filter: &CaseFilter,
        text_match: Option<&[bool]>,
        offset: u32,
        limit: u32,
    ) -> Selection {
        let f = Compiled {
            from: filter.from,
            to: filter.to,
            groups: self.numbers(&filter.groups),
            categories: self.numbers(&filter.categories),
            regions: self.numbers(&filter.regions),
            victim_types: self.numbers(&filter.victim_types),
            perpetrator_types: self.numbers(&filter.perpetrator_types),
            status: filter.status,
            kind: filter.kind,
        };
        // Rows are in date order: the date range is a slice.
        let start = f.from.map_or(0, |d| self.rows.partition_point(|r| r.event_date < d));
        let end = f.to.map_or(self.rows.len(), |d| self.rows.partition_point(|r| r.event_date <= d));
        let rows = self.rows.get(start..end.max(start)).unwrap_or_default();
        let found = |r: &&Row| {
            text_match.is_none_or(|m| usize::try_from(r.seq).ok().and_then(|i| m.get(i)).copied().unwrap_or(false))
                && f.matches(r)
        };
        let (offset, limit) = (offset as usize, limit as usize);
        let mut seqs = Vec::with_capacity(limit.min(rows.len()));
        let mut total = 0usize;
        let mut take = |r: &Row| {
            if total >= offset && seqs.len() < limit {
                seqs.push(r.seq);
            }
            total += 1;
        };
        match filter.sort {
            SortOrder::DateAsc => rows.iter().filter(found).for_each(&mut take),
            SortOrder::DateDesc => rows.iter().rev().filter(found).for_each(&mut take),
        }
        Selection { seqs, total: total as u64 }
    }
}
