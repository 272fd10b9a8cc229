//! Transport types of the month's counts ([`kuzet_core::summary`]).

use kuzet_core::summary::{
    Breakdown, Change, GroupCount, GroupSeries, MonthCounts, MonthSummary, SeriesPoint, StateRollup, YearToDate,
};
use serde::Serialize;
use ts_rs::TS;

/// The count of one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "CategoryCountDto.ts")]
pub struct CategoryCountDto {
    /// Category code.
    pub code: String,
    /// Counted cases.
    pub count: u32,
}

/// The count of one counted group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "GroupCountDto.ts")]
pub struct GroupCountDto {
    /// Group code.
    pub code: String,
    /// Counted cases in the group.
    pub count: u32,
    /// Share of the period's total, percent, truncated.
    pub share_percent: u32,
    /// Named categories with at least one case, taxonomy order.
    pub categories: Vec<CategoryCountDto>,
    /// Cases in catch-all or unknown categories ("and others").
    pub others: u32,
}

impl From<&GroupCount> for GroupCountDto {
    fn from(g: &GroupCount) -> Self {
        GroupCountDto {
            code: g.code.to_string(),
            count: g.count,
            share_percent: g.share_percent,
            categories: g
                .categories
                .iter()
                .map(|c| CategoryCountDto { code: c.code.to_string(), count: c.count })
                .collect(),
            others: g.others,
        }
    }
}

/// The counts of one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "MonthCountsDto.ts")]
pub struct MonthCountsDto {
    /// `"YYYY-MM"`.
    pub month: String,
    /// All counted cases.
    pub total: u32,
    /// Every counted group, taxonomy order, zeros included.
    pub groups: Vec<GroupCountDto>,
}

impl From<&MonthCounts> for MonthCountsDto {
    fn from(m: &MonthCounts) -> Self {
        MonthCountsDto { month: m.month.to_string(), total: m.total, groups: m.groups.iter().map(Into::into).collect() }
    }
}

/// How a count compares with an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export_to = "ChangeDto.ts")]
pub enum ChangeDto {
    /// Equal.
    Same,
    /// Earlier was zero.
    FromZero,
    /// At least 1.5 times: `whole.tenth` times, truncated.
    Times {
        /// Whole part.
        whole: u32,
        /// Tenths.
        tenth: u32,
    },
    /// More by this percent (truncated).
    MorePercent {
        /// Percent.
        percent: u32,
    },
    /// Fewer by this percent (truncated).
    LessPercent {
        /// Percent.
        percent: u32,
    },
}

impl From<Change> for ChangeDto {
    fn from(c: Change) -> Self {
        match c {
            Change::Same => ChangeDto::Same,
            Change::FromZero => ChangeDto::FromZero,
            Change::Times { whole, tenth } => ChangeDto::Times { whole, tenth },
            Change::MorePercent { percent } => ChangeDto::MorePercent { percent },
            Change::LessPercent { percent } => ChangeDto::LessPercent { percent },
        }
    }
}

/// One point of a multi-year series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SeriesPointDto.ts")]
pub struct SeriesPointDto {
    /// The year.
    pub year: i32,
    /// Last month included (12 for a whole year).
    pub through_month: u32,
    /// Counted cases.
    pub count: u32,
}

impl From<&SeriesPoint> for SeriesPointDto {
    fn from(p: &SeriesPoint) -> Self {
        SeriesPointDto { year: p.period.year, through_month: p.period.through_month, count: p.count }
    }
}

/// A category's series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "CategorySeriesDto.ts")]
pub struct CategorySeriesDto {
    /// Category code.
    pub code: String,
    /// Oldest first.
    pub points: Vec<SeriesPointDto>,
}

/// A group's series with its categories.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "GroupSeriesDto.ts")]
pub struct GroupSeriesDto {
    /// Group code.
    pub code: String,
    /// Oldest first.
    pub points: Vec<SeriesPointDto>,
    /// Categories with at least one case in the span.
    pub categories: Vec<CategorySeriesDto>,
}

impl From<&GroupSeries> for GroupSeriesDto {
    fn from(g: &GroupSeries) -> Self {
        GroupSeriesDto {
            code: g.code.to_string(),
            points: g.points.iter().map(Into::into).collect(),
            categories: g
                .categories
                .iter()
                .map(|c| CategorySeriesDto {
                    code: c.code.to_string(),
                    points: c.points.iter().map(Into::into).collect(),
                })
                .collect(),
        }
    }
}

/// A group's year-to-date count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "GroupYearToDateDto.ts")]
pub struct GroupYearToDateDto {
    /// Group code.
    pub code: String,
    /// January through the month.
    pub count: u32,
    /// The same span a year earlier.
    pub previous_year_count: u32,
}

/// January through the month, against the same span a year earlier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "YearToDateDto.ts")]
pub struct YearToDateDto {
    /// `"YYYY-01"`.
    pub from: String,
    /// The month, `"YYYY-MM"`.
    pub to: String,
    /// Counted cases.
    pub total: u32,
    /// The same span a year earlier.
    pub previous_year_total: u32,
    /// Per counted group.
    pub groups: Vec<GroupYearToDateDto>,
}

impl From<&YearToDate> for YearToDateDto {
    fn from(y: &YearToDate) -> Self {
        YearToDateDto {
            from: y.from.to_string(),
            to: y.to.to_string(),
            total: y.total,
            previous_year_total: y.previous_year_total,
            groups: y
                .groups
                .iter()
                .map(|g| GroupYearToDateDto {
                    code: g.code.to_string(),
                    count: g.count,
                    previous_year_count: g.previous_year_count,
                })
                .collect(),
        }
    }
}

/// A code and its count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "CodeCountDto.ts")]
pub struct CodeCountDto {
    /// Code (region, victim type, …).
    pub code: String,
    /// Counted cases.
    pub count: u32,
}

/// Counts by a code list, with the cases that gave none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "BreakdownDto.ts")]
pub struct BreakdownDto {
    /// In list order, then unknown codes.
    pub counts: Vec<CodeCountDto>,
    /// Cases without a value.
    pub unspecified: u32,
}

impl From<&Breakdown> for BreakdownDto {
    fn from(b: &Breakdown) -> Self {
        BreakdownDto {
            counts: b.counts.iter().map(|c| CodeCountDto { code: c.code.clone(), count: c.count }).collect(),
            unspecified: b.unspecified,
        }
    }
}

/// State against non-state perpetrators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "StateRollupDto.ts")]
pub struct StateRollupDto {
    /// By state actors.
    pub state: u32,
    /// By non-state actors.
    pub non_state: u32,
    /// Perpetrator not given.
    pub unspecified: u32,
}

impl From<&StateRollup> for StateRollupDto {
    fn from(s: &StateRollup) -> Self {
        StateRollupDto { state: s.state, non_state: s.non_state, unspecified: s.unspecified }
    }
}

/// Everything counted for one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "MonthSummaryDto.ts")]
pub struct MonthSummaryDto {
    /// The month itself.
    pub counts: MonthCountsDto,
    /// The month before.
    pub previous_month: MonthCountsDto,
    /// The same month a year earlier.
    pub previous_year_same_month: MonthCountsDto,
    /// Change of the total against the previous month.
    pub change_from_previous_month: ChangeDto,
    /// Change of the total against the same month last year.
    pub change_from_previous_year: ChangeDto,
    /// January through the month.
    pub year_to_date: YearToDateDto,
    /// Multi-year series per counted group.
    pub series: Vec<GroupSeriesDto>,
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
}

impl From<&MonthSummary> for MonthSummaryDto {
    fn from(s: &MonthSummary) -> Self {
        MonthSummaryDto {
            counts: (&s.counts).into(),
            previous_month: (&s.previous_month).into(),
            previous_year_same_month: (&s.previous_year_same_month).into(),
            change_from_previous_month: kuzet_core::summary::change(s.counts.total, s.previous_month.total).into(),
            change_from_previous_year: kuzet_core::summary::change(s.counts.total, s.previous_year_same_month.total)
                .into(),
            year_to_date: (&s.year_to_date).into(),
            series: s.series.iter().map(Into::into).collect(),
            by_region: (&s.breakdowns.by_region).into(),
            by_victim_type: (&s.breakdowns.by_victim_type).into(),
            by_perpetrator_type: (&s.breakdowns.by_perpetrator_type).into(),
            state_vs_non_state: (&s.breakdowns.state_vs_non_state).into(),
            claims_by_legal_basis: (&s.breakdowns.claims_by_legal_basis).into(),
        }
    }
}
