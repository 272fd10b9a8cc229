//! Transport types of the annual overview ([`kuzet_core::annual`]).

use super::summary::{BreakdownDto, CategoryCountDto, ChangeDto, GroupCountDto, MonthCountsDto, StateRollupDto};
use kuzet_core::annual::{AnnualSummary, PlatformClass, PlatformSplit, YearCounts};
use kuzet_core::taxonomy::Taxonomy;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The platforms' classes of violation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "PlatformClassDto.ts")]
pub enum PlatformClassDto {
    /// Physical attacks.
    Physical,
    /// Non-physical threats and pressure.
    NonPhysical,
    /// Judicial and legal harassment.
    Judicial,
}

impl From<PlatformClass> for PlatformClassDto {
    fn from(c: PlatformClass) -> Self {
        match c {
            PlatformClass::Physical => PlatformClassDto::Physical,
            PlatformClass::NonPhysical => PlatformClassDto::NonPhysical,
            PlatformClass::Judicial => PlatformClassDto::Judicial,
        }
    }
}

impl From<PlatformClassDto> for PlatformClass {
    fn from(c: PlatformClassDto) -> Self {
        match c {
            PlatformClassDto::Physical => PlatformClass::Physical,
            PlatformClassDto::NonPhysical => PlatformClass::NonPhysical,
            PlatformClassDto::Judicial => PlatformClass::Judicial,
        }
    }
}

/// The counts of one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "YearCountsDto.ts")]
pub struct YearCountsDto {
    /// The year.
    pub year: i32,
    /// Counted cases.
    pub total: u32,
    /// Every counted group, taxonomy order, zeros included.
    pub groups: Vec<GroupCountDto>,
}

impl From<&YearCounts> for YearCountsDto {
    fn from(y: &YearCounts) -> Self {
        YearCountsDto { year: y.year, total: y.total, groups: y.groups.iter().map(Into::into).collect() }
    }
}

/// One class of the platform split.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "PlatformCountDto.ts")]
pub struct PlatformCountDto {
    /// The class.
    pub class: PlatformClassDto,
    /// Counted cases of the year in it.
    pub count: u32,
    /// Its categories with at least one case, in taxonomy order.
    pub categories: Vec<CategoryCountDto>,
}

/// Everything counted for one year (the annual overview's numbers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "AnnualSummaryDto.ts")]
pub struct AnnualSummaryDto {
    /// The year itself.
    pub counts: YearCountsDto,
    /// Every year from the earliest counted case (and at least the year
    /// before, at 0 when it has none) through the year, oldest first.
    pub years: Vec<YearCountsDto>,
    /// The year's total against the year before's, as the PDF words it
    /// ("1.5 times more"; ratios truncated).
    pub change_from_previous_year: ChangeDto,
    /// January to December.
    pub months: Vec<MonthCountsDto>,
    /// The twelve monthly totals of the year before.
    pub previous_year_months: Vec<u32>,
    /// By region.
    pub by_region: BreakdownDto,
    /// By victim / target type.
    pub by_victim_type: BreakdownDto,
    /// By perpetrator type.
    pub by_perpetrator_type: BreakdownDto,
    /// State against non-state perpetrators.
    pub state_vs_non_state: StateRollupDto,
    /// Claims by legal basis.
    pub claims_by_legal_basis: BreakdownDto,
    /// By the platforms' classes, in report order.
    pub platform: Vec<PlatformCountDto>,
}

impl From<&AnnualSummary> for AnnualSummaryDto {
    fn from(s: &AnnualSummary) -> Self {
        AnnualSummaryDto {
            counts: (&s.counts).into(),
            years: s.years.iter().map(Into::into).collect(),
            months: s.months.iter().map(Into::into).collect(),
            previous_year_months: s.previous_year_months.clone(),
            by_region: (&s.breakdowns.by_region).into(),
            by_victim_type: (&s.breakdowns.by_victim_type).into(),
            by_perpetrator_type: (&s.breakdowns.by_perpetrator_type).into(),
            state_vs_non_state: (&s.breakdowns.state_vs_non_state).into(),
            claims_by_legal_basis: (&s.breakdowns.claims_by_legal_basis).into(),
            change_from_previous_year: kuzet_core::summary::change(
                s.counts.total,
                s.previous_year().map_or(0, |p| p.total),
            )
            .into(),
            platform: s
                .platform
                .iter()
                .map(|p| PlatformCountDto {
                    class: p.class.into(),
                    count: p.count,
                    categories: p
                        .categories
                        .iter()
                        .map(|c| CategoryCountDto { code: c.code.to_string(), count: c.count })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// Which class one category is counted under in the platform split.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "PlatformSplitRowDto.ts")]
pub struct PlatformSplitRowDto {
    /// The category code.
    pub category: String,
    /// The class it is counted under.
    pub class: PlatformClassDto,
    /// The class it has when nobody chose one.
    pub default_class: PlatformClassDto,
}

/// One row per category of every counted group, taxonomy order (retired
/// categories too: old cases still carry them).
pub fn split_rows(split: &PlatformSplit, taxonomy: &Taxonomy) -> Vec<PlatformSplitRowDto> {
    taxonomy
        .groups
        .iter()
        .filter(|g| g.counted)
        .flat_map(|g| g.categories.iter())
        .map(|c| PlatformSplitRowDto {
            category: c.code.to_string(),
            class: split.class_of(&c.code).into(),
            default_class: PlatformSplit::default_class(&c.code).into(),
        })
        .collect()
}
