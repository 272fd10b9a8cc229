//! What [`Vault::find`](super::Vault::find) takes and returns.

use crate::case::{Case, CaseKind, CaseStatus};
use crate::codes::{CategoryCode, GroupCode, PerpetratorTypeCode, RegionCode, VictimTypeCode};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The order of a case list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    /// Newest event date first (ties: newest `created_at`, then id).
    #[default]
    DateDesc,
    /// Oldest event date first (ties: oldest `created_at`, then id).
    DateAsc,
}

/// A case search. Empty fields do not restrict; the lists are OR within a
/// list and AND between fields.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CaseFilter {
    /// First event date, inclusive (local date in Kazakhstan).
    pub from: Option<NaiveDate>,
    /// Last event date, inclusive (local date in Kazakhstan).
    pub to: Option<NaiveDate>,
    /// Groups: a case matches when its primary category is in one of them.
    pub groups: Vec<GroupCode>,
    /// Primary categories.
    pub categories: Vec<CategoryCode>,
    /// Regions.
    pub regions: Vec<RegionCode>,
    /// Victim / target types.
    pub victim_types: Vec<VictimTypeCode>,
    /// Perpetrator types.
    pub perpetrator_types: Vec<PerpetratorTypeCode>,
    /// Open or closed.
    pub status: Option<CaseStatus>,
    /// Counted case or context event.
    pub kind: Option<CaseKind>,
    /// Free text: every word must occur (as a word prefix, case folded by
    /// [`crate::text::fold`]) in the title, summary, victim name, outlet,
    /// external ref, or the title/summary of one of the case's developments
    /// (translations included).
    pub text: Option<String>,
    /// The order.
    pub sort: SortOrder,
}

/// A window of a result list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    /// How many matches to skip.
    pub offset: u32,
    /// How many to return at most; capped at [`Page::MAX_LIMIT`].
    pub limit: u32,
}

impl Page {
    /// The largest page.
    pub const MAX_LIMIT: u32 = 1000;
}

impl Default for Page {
    fn default() -> Self {
        Page { offset: 0, limit: 50 }
    }
}

/// One page of matching cases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CasePage {
    /// The cases of the page, in the requested order.
    pub cases: Vec<Case>,
    /// The number of matches, ignoring paging.
    pub total: u64,
}
