//! Transport types of case lists: a search ([`CaseFilterDto`]), the page
//! it answers ([`CasePageDto`]) and its rows. Dates cross as `"YYYY-MM-DD"`
//! (local dates in Kazakhstan); codes as plain strings, checked when the
//! filter is converted.

use super::case::{CaseKindDto, CaseStatusDto, Problems};
use super::error::IpcError;
use kuzet_core::case::Case;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One row of a case list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "CaseRowDto.ts")]
pub struct CaseRowDto {
    /// The case id (UUID).
    pub id: String,
    /// The external reference, if any.
    #[serde(rename = "ref")]
    pub external_ref: Option<String>,
    /// Counted case or context event.
    pub kind: CaseKindDto,
    /// `"YYYY-MM-DD"`, local date in Kazakhstan.
    pub event_date: String,
    /// Primary category code.
    pub category: String,
    /// Region code.
    pub region: Option<String>,
    /// Title.
    pub title: String,
    /// Victim's name (may be empty).
    pub victim_name: String,
    /// Media outlet (may be empty).
    pub outlet: String,
    /// Open or closed.
    pub status: CaseStatusDto,
}

impl From<&Case> for CaseRowDto {
    fn from(c: &Case) -> Self {
        CaseRowDto {
            id: c.id.to_string(),
            external_ref: c.data.external_ref.clone(),
            kind: c.data.kind.into(),
            event_date: c.data.event_date.format("%Y-%m-%d").to_string(),
            category: c.data.category.to_string(),
            region: c.data.region.as_ref().map(ToString::to_string),
            title: c.data.title.clone(),
            victim_name: c.data.victim.name.clone(),
            outlet: c.data.victim.outlet.clone(),
            status: c.data.status.into(),
        }
    }
}

/// One page of a case list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "CasePageDto.ts")]
pub struct CasePageDto {
    /// The rows of the page, in the requested order.
    pub rows: Vec<CaseRowDto>,
    /// All matches, ignoring paging.
    #[ts(type = "number")]
    pub total: u64,
}

/// The order of a case list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SortOrderDto.ts")]
pub enum SortOrderDto {
    /// Newest event date first.
    #[default]
    DateDesc,
    /// Oldest first.
    DateAsc,
}

/// A case search. Empty lists and nulls do not restrict; lists are OR
/// within, AND between fields. Every field may be omitted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "CaseFilterDto.ts")]
pub struct CaseFilterDto {
    /// First event date, `"YYYY-MM-DD"`, inclusive.
    #[ts(optional = nullable)]
    pub from: Option<String>,
    /// Last event date, `"YYYY-MM-DD"`, inclusive.
    #[ts(optional = nullable)]
    pub to: Option<String>,
    /// Group codes.
    #[ts(optional, as = "Option<Vec<String>>")]
    pub groups: Vec<String>,
    /// Primary category codes.
    #[ts(optional, as = "Option<Vec<String>>")]
    pub categories: Vec<String>,
    /// Region codes.
    #[ts(optional, as = "Option<Vec<String>>")]
    pub regions: Vec<String>,
    /// Victim type codes.
    #[ts(optional, as = "Option<Vec<String>>")]
    pub victim_types: Vec<String>,
    /// Perpetrator type codes.
    #[ts(optional, as = "Option<Vec<String>>")]
    pub perpetrator_types: Vec<String>,
    /// Open or closed.
    #[ts(optional = nullable)]
    pub status: Option<CaseStatusDto>,
    /// Case or context.
    #[ts(optional = nullable)]
    pub kind: Option<CaseKindDto>,
    /// Free text; every word must match a word prefix, Cyrillic case folded.
    #[ts(optional = nullable)]
    pub text: Option<String>,
    /// The order (default newest first).
    #[ts(optional = nullable)]
    pub sort: Option<SortOrderDto>,
}

impl TryFrom<CaseFilterDto> for kuzet_core::vault::CaseFilter {
    type Error = IpcError;

    fn try_from(f: CaseFilterDto) -> Result<Self, IpcError> {
        let mut p = Problems::default();
        let from = f.from.as_deref().filter(|s| !s.trim().is_empty()).and_then(|s| p.date("from", s));
        let to = f.to.as_deref().filter(|s| !s.trim().is_empty()).and_then(|s| p.date("to", s));
        let groups = p.codes("groups", &f.groups);
        let categories = p.codes("categories", &f.categories);
        let regions = p.codes("regions", &f.regions);
        let victim_types = p.codes("victimTypes", &f.victim_types);
        let perpetrator_types = p.codes("perpetratorTypes", &f.perpetrator_types);
        p.finish(|| kuzet_core::vault::CaseFilter {
            from,
            to,
            groups,
            categories,
            regions,
            victim_types,
            perpetrator_types,
            status: f.status.map(Into::into),
            kind: f.kind.map(Into::into),
            text: f.text.filter(|t| !t.trim().is_empty()),
            sort: match f.sort.unwrap_or_default() {
                SortOrderDto::DateDesc => kuzet_core::vault::SortOrder::DateDesc,
                SortOrderDto::DateAsc => kuzet_core::vault::SortOrder::DateAsc,
            },
        })
    }
}
