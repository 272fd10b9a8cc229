//! Counting: how many violations a month has, and how that compares.
//!
//! Pure functions of `(cases, taxonomy, month)`: no I/O, no clock. The rules
//! are the foundation's (see `docs/COUNTING.md`):
//!
//! - only cases of kind [`CaseKind::Case`] are counted; context events
//!   ([`CaseKind::Context`]) never are, and developments are not cases, so
//!   they never reach these functions;
//! - a case is counted once, in the month of its event date (a local date in
//!   Kazakhstan), under its primary category and that category's group; tags
//!   are never counted;
//! - only groups marked `counted` in the taxonomy appear, in taxonomy order;
//! - ratios and percentages are **truncated**, never rounded: 87 against 55
//!   is "1.5 times", 15 of 39 is "38%" ([`percent`], [`times`]).
//!
//! This module knows nothing about the vault, the report layout or PDFs.

use crate::case::{Case, CaseKind};
use crate::codes::{CategoryCode, GroupCode};
use crate::month::Month;
use crate::taxonomy::{Group, Taxonomy};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

/// `part` as a percentage of `whole`, truncated towards zero (15 of 39 is
/// 38, not 38.46 or 39). `whole == 0` gives 0.
pub fn percent(part: u32, whole: u32) -> u32 {
    if whole == 0 {
        0
    } else {
        (u64::from(part) * 100 / u64::from(whole)) as u32
    }
}

/// How many times `a` is `b`, truncated to tenths: `(whole, tenth)`;
/// 87 against 55 (1.58…) is `Some((1, 5))`, written "1.5 times".
/// `None` when `b == 0` (no ratio exists).
pub fn times(a: u32, b: u32) -> Option<(u32, u32)> {
    if b == 0 {
        return None;
    }
    let tenths = u64::from(a) * 10 / u64::from(b);
    Some(((tenths / 10) as u32, (tenths % 10) as u32))
}

/// How a count compares with an earlier one, in the form the overview
/// words it (see `docs/COUNTING.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// Both counts are equal (including both zero).
    Same,
    /// The earlier count was zero, the current one is not: no ratio exists.
    FromZero,
    /// At least 1.5 times the earlier count: `whole.tenth` times, truncated.
    Times {
        /// The whole part ("1" of 1.5).
        whole: u32,
        /// The tenths (0–9; "5" of 1.5).
        tenth: u32,
    },
    /// More, but less than 1.5 times: by this many percent of the earlier
    /// count, truncated.
    MorePercent {
        /// Percent (1–49; 0 when the rise is below 1%).
        percent: u32,
    },
    /// Fewer: by this many percent of the earlier count, truncated (9 → 6
    /// is 33% fewer).
    LessPercent {
        /// Percent (0–100).
        percent: u32,
    },
}

/// Compares `current` with `earlier` by the overview's rule: rises of at
/// least 1.5 times are given in times (truncated to tenths), smaller rises
/// and every fall in percent of the earlier count (truncated).
pub fn change(current: u32, earlier: u32) -> Change {
    if current == earlier {
        Change::Same
    } else if earlier == 0 {
        Change::FromZero
    } else if current > earlier {
        match times(current, earlier) {
            Some((whole, tenth)) if whole * 10 + tenth >= 15 => Change::Times { whole, tenth },
            _ => Change::MorePercent { percent: percent(current - earlier, earlier) },
        }
    } else {
        Change::LessPercent { percent: percent(earlier - current, earlier) }
    }
}

/// The count of one category in a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryCount {
    /// The category.
    pub code: CategoryCode,
    /// Counted cases filed under it.
    pub count: u32,
}

/// The count of one counted group in a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupCount {
    /// The group.
    pub code: GroupCode,
    /// Counted cases whose primary category is in the group.
    pub count: u32,
    /// `count` as a percentage of the period's total, truncated.
    pub share_percent: u32,
    /// Named categories with at least one case, in taxonomy order; the
    /// group's catch-all ("other") categories are not listed here but in
    /// `others`.
    pub categories: Vec<CategoryCount>,
    /// Cases in catch-all categories and in categories the taxonomy no
    /// longer lists: printed as "and others".
    pub others: u32,
}

impl GroupCount {
    /// The count of `category` (0 when absent).
    pub fn category(&self, category: &str) -> u32 {
        self.categories.iter().find(|c| c.code.as_str() == category).map_or(0, |c| c.count)
    }
}

/// The counts of one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthCounts {
    /// The month (serialised `"YYYY-MM"`).
    pub month: Month,
    /// All counted cases of the month.
    pub total: u32,
    /// Every counted group of the taxonomy, in taxonomy order, even when
    /// its count is 0 (so comparisons line up).
    pub groups: Vec<GroupCount>,
}

impl MonthCounts {
    /// The count of group `code` (0 when absent).
    pub fn group(&self, code: &str) -> u32 {
        self.group_count(code).map_or(0, |g| g.count)
    }

    /// The entry of group `code`.
    pub fn group_count(&self, code: &str) -> Option<&GroupCount> {
        self.groups.iter().find(|g| g.code.as_str() == code)
    }
}

/// The counted group a case falls in, if it is counted at all.
pub(crate) fn counted_group<'t>(case: &Case, taxonomy: &'t Taxonomy) -> Option<&'t Group> {
    if case.data.kind != CaseKind::Case {
        return None;
    }
    // A category the taxonomy no longer knows still belongs to the group its
    // code names, so the case is not silently lost from the group's count.
    let group = taxonomy.group_of(&case.data.category).or_else(|| taxonomy.group(&case.data.category.group()))?;
    group.counted.then_some(group)
}

/// Counts `cases` whose event date lies in `from..=to` (local dates in
/// Kazakhstan), labelled `month` (the last month of the period for a
/// longer one): each counted case once, under its primary category.
pub fn counts_between(
    cases: &[Case],
    taxonomy: &Taxonomy,
    month: Month,
    from: NaiveDate,
    to: NaiveDate,
) -> MonthCounts {
    let mut per_category: BTreeMap<&CategoryCode, u32> = BTreeMap::new();
    let mut per_group: BTreeMap<&GroupCode, u32> = BTreeMap::new();
    let mut total = 0;
    for case in cases {
        let d = case.data.event_date;
        if d < from || d > to {
            continue;
        }
        if let Some(g) = counted_group(case, taxonomy) {
            total += 1;
            *per_group.entry(&g.code).or_default() += 1;
            *per_category.entry(&case.data.category).or_default() += 1;
        }
    }
    let groups = taxonomy
        .groups
        .iter()
        .filter(|g| g.counted)
        .map(|g| {
            let count = per_group.get(&g.code).copied().unwrap_or(0);
            let mut categories = Vec::new();
            let mut listed = 0;
            for c in g.categories.iter().filter(|c| !c.is_other()) {
                let n = per_category.get(&c.code).copied().unwrap_or(0);
                if n > 0 {
                    categories.push(CategoryCount { code: c.code.clone(), count: n });
                    listed += n;
                }
            }
            GroupCount {
                code: g.code.clone(),
                count,
                share_percent: percent(count, total),
                categories,
                others: count - listed,
            }
        })
        .collect();
    MonthCounts { month, total, groups }
}

/// The counts of `month`: each counted case (kind `case`, event date in the
/// month) once, under its primary category and group.
pub fn month_counts(cases: &[Case], taxonomy: &Taxonomy, month: Month) -> MonthCounts {
    counts_between(cases, taxonomy, month, month.first_day(), month.last_day())
}

/// A period of a series: a whole year, or January through `through_month`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    /// The year.
    pub year: i32,
    /// The last month included (12 for a whole year).
    pub through_month: u32,
}

/// One point of a multi-year series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SeriesPoint {
    /// The period counted.
    pub period: Period,
    /// Counted cases in it.
    pub count: u32,
}

/// A multi-year series of a category: whole earlier years, then the
/// current year to date ("2022: 9, 2023: 6, January–May 2024: 7").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategorySeries {
    /// The category.
    pub code: CategoryCode,
    /// One point per period, oldest first.
    pub points: Vec<SeriesPoint>,
}

/// A multi-year series of a counted group, with its categories.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupSeries {
    /// The group.
    pub code: GroupCode,
    /// One point per period, oldest first.
    pub points: Vec<SeriesPoint>,
    /// Categories of the group with at least one case in the span, in
    /// taxonomy order.
    pub categories: Vec<CategorySeries>,
}

/// Year to date (January through the month) against the same months of the
/// year before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearToDate {
    /// The first month (January of the year).
    pub from: Month,
    /// The month of the overview.
    pub to: Month,
    /// Counted cases from `from` through `to`.
    pub total: u32,
    /// Counted cases in the same months of the previous year.
    pub previous_year_total: u32,
    /// Per counted group, in taxonomy order.
    pub groups: Vec<GroupYearToDate>,
}

/// One group's year-to-date count and the previous year's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupYearToDate {
    /// The group.
    pub code: GroupCode,
    /// This year, January through the month.
    pub count: u32,
    /// The same months of the previous year.
    pub previous_year_count: u32,
}

/// A count per code, for breakdowns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeCount {
    /// The code (region, victim type, perpetrator type or legal basis).
    pub code: String,
    /// Counted cases with it.
    pub count: u32,
}

/// Counted cases of the month broken down by one attribute.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Breakdown {
    /// Codes with at least one case, in taxonomy order; codes the taxonomy
    /// does not list come last, by code.
    pub counts: Vec<CodeCount>,
    /// Cases without the attribute.
    pub unspecified: u32,
}

impl Breakdown {
    /// The count of `code` (0 when absent).
    pub fn get(&self, code: &str) -> u32 {
        self.counts.iter().find(|c| c.code == code).map_or(0, |c| c.count)
    }
}

/// State against non-state perpetrators: `state` + `quasi_state` against
/// every other perpetrator type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct StateRollup {
    /// Perpetrator type `state` or `quasi_state`.
    pub state: u32,
    /// Any other perpetrator type (`non_state`, `platform`, `unknown`, …).
    pub non_state: u32,
    /// No perpetrator type recorded.
    pub unspecified: u32,
}

/// Everything the overview says about a month's numbers.
///
/// Serialises as the CLI's `stats --json`: `month`, `total`, `groups` at the
/// top level, then `previous_month`, `previous_year_same_month`,
/// `year_to_date`, `series` and the breakdowns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthSummary {
    /// The month itself.
    #[serde(flatten)]
    pub counts: MonthCounts,
    /// The month before.
    pub previous_month: MonthCounts,
    /// The same month a year earlier.
    pub previous_year_same_month: MonthCounts,
    /// January through the month, against the same months a year earlier.
    pub year_to_date: YearToDate,
    /// Per counted group (and its categories): every whole year from the
    /// earliest counted case in the input up to last year, then this year to
    /// date.
    pub series: Vec<GroupSeries>,
    /// The month's counted cases by region, victim, perpetrator and legal
    /// basis (serialised flat: `by_region`, `by_victim_type`, …).
    #[serde(flatten)]
    pub breakdowns: Breakdowns,
}

/// Counted cases of a period broken down by attribute.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Breakdowns {
    /// By region.
    pub by_region: Breakdown,
    /// By victim / target type.
    pub by_victim_type: Breakdown,
    /// By perpetrator type.
    pub by_perpetrator_type: Breakdown,
    /// State against non-state perpetrators.
    pub state_vs_non_state: StateRollup,
    /// Claims (cases of group `claims`) by legal basis.
    pub claims_by_legal_basis: Breakdown,
}

fn ordered_breakdown<'a>(
    order: impl Iterator<Item = &'a str>,
    counts: BTreeMap<String, u32>,
    unspecified: u32,
) -> Breakdown {
    let mut counts = counts;
    let mut out = Vec::new();
    for code in order {
        if let Some(n) = counts.remove(code) {
            out.push(CodeCount { code: code.to_string(), count: n });
        }
    }
    out.extend(counts.into_iter().map(|(code, count)| CodeCount { code, count }));
    Breakdown { counts: out, unspecified }
}

fn breakdown<'a>(
    cases: &[&Case],
    order: impl Iterator<Item = &'a str>,
    key: impl Fn(&Case) -> Option<String>,
) -> Breakdown {
    let mut counts = BTreeMap::new();
    let mut unspecified = 0;
    for c in cases {
        match key(c) {
            Some(k) => *counts.entry(k).or_insert(0) += 1,
            None => unspecified += 1,
        }
    }
    ordered_breakdown(order, counts, unspecified)
}

fn series(cases: &[Case], taxonomy: &Taxonomy, month: Month) -> Vec<GroupSeries> {
    let end = month.last_day();
    let counted: Vec<&Case> =
        cases.iter().filter(|c| c.data.event_date <= end && counted_group(c, taxonomy).is_some()).collect();
    let first_year = counted.iter().map(|c| c.data.event_date.year()).min().unwrap_or(month.year()).min(month.year());
    let periods: Vec<Period> = (first_year..=month.year())
        .map(|year| Period { year, through_month: if year == month.year() { month.number() } else { 12 } })
        .collect();
    let in_period = |d: NaiveDate, p: &Period| d.year() == p.year && d.month() <= p.through_month;
    taxonomy
        .groups
        .iter()
        .filter(|g| g.counted)
        .map(|g| {
            let of_group: Vec<&&Case> =
                counted.iter().filter(|c| counted_group(c, taxonomy).is_some_and(|cg| cg.code == g.code)).collect();
            let points = periods
                .iter()
                .map(|p| SeriesPoint {
                    period: *p,
                    count: of_group.iter().filter(|c| in_period(c.data.event_date, p)).count() as u32,
                })
                .collect();
            let categories = g
                .categories
                .iter()
                .filter(|cat| of_group.iter().any(|c| c.data.category == cat.code))
                .map(|cat| CategorySeries {
                    code: cat.code.clone(),
                    points: periods
                        .iter()
                        .map(|p| SeriesPoint {
                            period: *p,
                            count: of_group
                                .iter()
                                .filter(|c| c.data.category == cat.code && in_period(c.data.event_date, p))
                                .count() as u32,
                        })
                        .collect(),
                })
                .collect();
            GroupSeries { code: g.code.clone(), points, categories }
        })
        .collect()
}

/// The counted cases of `cases` whose event date lies in `from..=to`
/// (local dates in Kazakhstan), broken down by region, victim type,
/// perpetrator type (and state against non-state) and, for claims, legal
/// basis; codes in taxonomy order.
pub fn breakdowns_between(cases: &[Case], taxonomy: &Taxonomy, from: NaiveDate, to: NaiveDate) -> Breakdowns {
    let in_period: Vec<&Case> = cases
        .iter()
        .filter(|c| (from..=to).contains(&c.data.event_date) && counted_group(c, taxonomy).is_some())
        .collect();
    let by_region = breakdown(&in_period, taxonomy.regions.iter().map(|r| r.code.as_str()), |c| {
        c.data.region.as_ref().map(|r| r.to_string())
    });
    let by_victim_type = breakdown(&in_period, taxonomy.victim_types.iter().map(|t| t.code.as_str()), |c| {
        c.data.victim.kind.as_ref().map(|r| r.to_string())
    });
    let by_perpetrator_type = breakdown(&in_period, taxonomy.perpetrator_types.iter().map(|t| t.code.as_str()), |c| {
        c.data.perpetrator_type.as_ref().map(|r| r.to_string())
    });
    let mut state_vs_non_state = StateRollup::default();
    for c in &in_period {
        match c.data.perpetrator_type.as_ref().map(|p| p.as_str()) {
            Some("state" | "quasi_state") => state_vs_non_state.state += 1,
            Some(_) => state_vs_non_state.non_state += 1,
            None => state_vs_non_state.unspecified += 1,
        }
    }
    let claims: Vec<&Case> =
        in_period.iter().copied().filter(|c| c.data.category.group().as_str() == "claims").collect();
    let claims_by_legal_basis = breakdown(&claims, taxonomy.legal_bases.iter().map(|t| t.code.as_str()), |c| {
        c.data.legal_basis.as_ref().map(|r| r.to_string())
    });

    Breakdowns { by_region, by_victim_type, by_perpetrator_type, state_vs_non_state, claims_by_legal_basis }
}

/// The month's counts with every comparison and breakdown the overview
/// uses.
///
/// `cases` should hold every case from January of the earliest year wanted
/// in the series (at least January of the previous year, for the
/// comparisons) through the end of `month`; cases of any kind may be passed
/// and cases after the month are ignored.
pub fn summary(cases: &[Case], taxonomy: &Taxonomy, month: Month) -> MonthSummary {
    let counts = month_counts(cases, taxonomy, month);
    let previous_month = month_counts(cases, taxonomy, month.previous());
    let previous_year_same_month = month_counts(cases, taxonomy, month.same_month_last_year());

    let jan = Month::new(month.year(), 1).expect("January of a valid year");
    let ytd = counts_between(cases, taxonomy, month, jan.first_day(), month.last_day());
    let last = month.same_month_last_year();
    let jan_last = Month::new(last.year(), 1).expect("January of a valid year");
    let ytd_prev = counts_between(cases, taxonomy, last, jan_last.first_day(), last.last_day());
    let year_to_date = YearToDate {
        from: jan,
        to: month,
        total: ytd.total,
        previous_year_total: ytd_prev.total,
        groups: ytd
            .groups
            .iter()
            .map(|g| GroupYearToDate {
                code: g.code.clone(),
                count: g.count,
                previous_year_count: ytd_prev.group(g.code.as_str()),
            })
            .collect(),
    };

    let breakdowns = breakdowns_between(cases, taxonomy, month.first_day(), month.last_day());
    MonthSummary {
        series: series(cases, taxonomy, month),
        counts,
        previous_month,
        previous_year_same_month,
        year_to_date,
        breakdowns,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_truncates_like_the_foundation() {
        assert_eq!(percent(15, 39), 38, "15/39 = 38.46% is written 38%");
        assert_eq!(percent(2, 3), 66, "66.7% truncates to 66, never rounds to 67");
        assert_eq!(percent(3, 9), 33);
        assert_eq!(percent(5, 0), 0, "no whole, no percentage");
        assert_eq!(percent(u32::MAX, u32::MAX), 100, "no overflow");
    }

    #[test]
    fn times_truncates_to_tenths() {
        assert_eq!(times(87, 55), Some((1, 5)), "87/55 = 1.58 is written 1.5 times");
        assert_eq!(times(20, 10), Some((2, 0)));
        assert_eq!(times(29, 10), Some((2, 9)));
        assert_eq!(times(1, 0), None);
    }

    #[test]
    fn change_words_rises_in_times_and_falls_in_percent() {
        assert_eq!(change(87, 55), Change::Times { whole: 1, tenth: 5 });
        assert_eq!(change(6, 9), Change::LessPercent { percent: 33 }, "9 → 6 is 33% fewer, as in the seed");
        assert_eq!(change(11, 10), Change::MorePercent { percent: 10 });
        assert_eq!(change(14, 10), Change::MorePercent { percent: 40 }, "1.4 times is still a percentage");
        assert_eq!(change(15, 10), Change::Times { whole: 1, tenth: 5 });
        assert_eq!(change(4, 0), Change::FromZero);
        assert_eq!(change(0, 0), Change::Same);
        assert_eq!(change(0, 7), Change::LessPercent { percent: 100 });
    }
}
