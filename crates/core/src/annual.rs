//! The annual overview's numbers: a year's counts per group and category,
//! month by month, against earlier years, the year's breakdowns, and the
//! split the international press-freedom platforms use in their annual
//! reports.
//!
//! The counting rules are the monthly overview's ([`crate::summary`],
//! `docs/COUNTING.md`): a case is counted once, in the month of its event
//! date (a local date in Kazakhstan), under its primary category; context
//! events and developments are never counted. So the twelve months of a
//! year add up to the year, and a year's count equals the sum of its twelve
//! monthly overviews.
//!
//! The platform split ([`PlatformClass`]) is a mapping from categories
//! that staff can adjust ([`PlatformSplit`], a vault document); categories
//! it does not name follow [`PlatformSplit::default_class`].
//!
//! Pure functions of `(cases, taxonomy, year)`, and at the end the loaders
//! that read them from a vault for the CLI and the app.

use crate::case::Case;
use crate::codes::CategoryCode;
use crate::month::{Month, FIRST_EVENT_YEAR, LAST_EVENT_YEAR};
use crate::summary::{
    breakdowns_between, counted_group, counts_between, month_counts, Breakdowns, CategoryCount, GroupCount, MonthCounts,
};
use crate::taxonomy::Taxonomy;
use crate::vault::{Vault, VaultError};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The vault document holding the staff's [`PlatformSplit`].
pub const PLATFORM_SPLIT_KEY: &str = "annual.platform_split";

/// The three kinds of violation the international press-freedom platforms
/// (e.g. the Council of Europe's platform, Mapping Media Freedom) count in
/// their annual reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlatformClass {
    /// Physical attacks: assault, detention, damage to property.
    Physical,
    /// Non-physical threats and pressure: threats, obstruction, censorship,
    /// refusals of information, blocking, cyberattacks.
    NonPhysical,
    /// Judicial and legal harassment: criminal, civil and administrative
    /// proceedings, persecution for disseminating information.
    Judicial,
}

impl PlatformClass {
    /// Every class, in report order.
    pub const ALL: [PlatformClass; 3] = [PlatformClass::Physical, PlatformClass::NonPhysical, PlatformClass::Judicial];

    /// The snake-case code (`physical`, `non_physical`, `judicial`).
    pub fn code(self) -> &'static str {
        match self {
            PlatformClass::Physical => "physical",
            PlatformClass::NonPhysical => "non_physical",
            PlatformClass::Judicial => "judicial",
        }
    }
}

/// Which [`PlatformClass`] each category is counted under: the staff's
/// choices (`overrides`, saved under [`PLATFORM_SPLIT_KEY`]); every other
/// category follows [`PlatformSplit::default_class`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformSplit {
    /// Category code → class, where the staff chose one.
    #[serde(default)]
    pub overrides: BTreeMap<CategoryCode, PlatformClass>,
}

impl PlatformSplit {
    /// The class of a category nobody chose one for: attacks and
    /// detentions of journalists are physical; the claims group and
    /// persecution for disseminating information are judicial; everything
    /// else is non-physical pressure.
    pub fn default_class(code: &CategoryCode) -> PlatformClass {
        match code.as_str() {
            "journalists.attack" | "journalists.detention" => PlatformClass::Physical,
            "information.persecution" => PlatformClass::Judicial,
            _ if code.group().as_str() == "claims" => PlatformClass::Judicial,
            _ => PlatformClass::NonPhysical,
        }
    }

    /// The class `code` is counted under.
    pub fn class_of(&self, code: &CategoryCode) -> PlatformClass {
        self.overrides.get(code).copied().unwrap_or_else(|| Self::default_class(code))
    }

    /// Sets the class of `code`; choosing its default removes the override.
    pub fn set(&mut self, code: CategoryCode, class: PlatformClass) {
        if Self::default_class(&code) == class {
            self.overrides.remove(&code);
        } else {
            self.overrides.insert(code, class);
        }
    }
}

/// The counts of one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearCounts {
    /// The year.
    pub year: i32,
    /// Counted cases with an event date in the year.
    pub total: u32,
    /// Every counted group of the taxonomy, in taxonomy order, even at 0.
    pub groups: Vec<GroupCount>,
}

impl YearCounts {
    /// The count of group `code` (0 when absent).
    pub fn group(&self, code: &str) -> u32 {
        self.groups.iter().find(|g| g.code.as_str() == code).map_or(0, |g| g.count)
    }
}

/// One class of the platform split with what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlatformCount {
    /// The class.
    pub class: PlatformClass,
    /// Counted cases of the year in it.
    pub count: u32,
    /// Its categories with at least one case, in taxonomy order (categories
    /// the taxonomy no longer lists come last, by code).
    pub categories: Vec<CategoryCount>,
}

/// Everything the annual overview says about a year's numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnnualSummary {
    /// The year itself.
    pub counts: YearCounts,
    /// Every year from the earliest counted case given (at most
    /// [`MAX_SERIES_YEARS`] back, and at least the year before, at 0 when
    /// it has no case) through the year, oldest first; the last is
    /// `counts`.
    pub years: Vec<YearCounts>,
    /// January to December of the year, with the same group layout.
    pub months: Vec<MonthCounts>,
    /// The twelve monthly totals of the year before (for the chart).
    pub previous_year_months: Vec<u32>,
    /// The year's counted cases by region, victim, perpetrator, legal basis.
    pub breakdowns: Breakdowns,
    /// The year's counted cases by [`PlatformClass`], in report order.
    pub platform: Vec<PlatformCount>,
}

impl AnnualSummary {
    /// The year before's counts (`None` only for the first year of events).
    pub fn previous_year(&self) -> Option<&YearCounts> {
        self.years.iter().rev().nth(1)
    }
}

/// How many years the annual series reaches back at most (the foundation
/// has monitored since the 1990s; a table of thirty rows is still a page).
pub const MAX_SERIES_YEARS: i32 = 30;

fn year_counts(cases: &[Case], taxonomy: &Taxonomy, year: i32) -> YearCounts {
    let (first, last) = year_bounds(year);
    let dec = Month::new(year, 12).expect("December of a valid year");
    let c = counts_between(cases, taxonomy, dec, first, last);
    YearCounts { year, total: c.total, groups: c.groups }
}

/// 1 January and 31 December of `year`.
///
/// # Panics
/// Never for a year [`Month::new`] accepts.
pub fn year_bounds(year: i32) -> (NaiveDate, NaiveDate) {
    let jan = Month::new(year, 1).expect("January of a valid year");
    let dec = Month::new(year, 12).expect("December of a valid year");
    (jan.first_day(), dec.last_day())
}

/// The error for a year outside the years event dates may have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0} is not a year of recorded events: years run from {FIRST_EVENT_YEAR} to {LAST_EVENT_YEAR}")]
pub struct BadYear(pub i32);

impl BadYear {
    /// The problem as a field error on [`Field::Year`](crate::case::Field::Year)
    /// ([`Problem::YearOutOfRange`](crate::case::Problem::YearOutOfRange),
    /// its `date` the year given), for the app's year input.
    pub fn field_error(&self) -> crate::case::FieldError {
        crate::case::FieldError::new(
            crate::case::Field::Year,
            crate::case::Problem::YearOutOfRange {
                date: self.0.to_string(),
                first: FIRST_EVENT_YEAR,
                last: LAST_EVENT_YEAR,
            },
        )
    }
}

/// `year` if event dates may fall in it ([`FIRST_EVENT_YEAR`] through
/// [`LAST_EVENT_YEAR`]).
///
/// # Errors
/// [`BadYear`] otherwise.
pub fn check_year(year: i32) -> Result<i32, BadYear> {
    if (FIRST_EVENT_YEAR..=LAST_EVENT_YEAR).contains(&year) {
        Ok(year)
    } else {
        Err(BadYear(year))
    }
}

/// The year's counts and comparisons.
///
/// `cases` should hold every case through 31 December of `year` from as
/// far back as the series should reach; cases of any kind may be passed and
/// cases after the year are ignored. `year` must pass [`check_year`].
pub fn annual_summary(cases: &[Case], taxonomy: &Taxonomy, year: i32, split: &PlatformSplit) -> AnnualSummary {
    let (first, last) = year_bounds(year);
    let earliest = cases
        .iter()
        .filter(|c| c.data.event_date <= last && counted_group(c, taxonomy).is_some())
        .map(|c| c.data.event_date.year())
        .min()
        .unwrap_or(year)
        .clamp(year - MAX_SERIES_YEARS, year);
    // Always the year before, so the comparison has a row even at zero.
    let from = earliest.min(year - 1).max(FIRST_EVENT_YEAR);
    let years: Vec<YearCounts> = (from..=year).map(|y| year_counts(cases, taxonomy, y)).collect();
    let months = (1..=12)
        .map(|m| month_counts(cases, taxonomy, Month::new(year, m).expect("a month of a valid year")))
        .collect();
    let previous_year_months =
        (1..=12).map(|m| Month::new(year - 1, m).map_or(0, |mm| month_counts(cases, taxonomy, mm).total)).collect();

    let mut per_class: BTreeMap<PlatformClass, BTreeMap<&CategoryCode, u32>> = BTreeMap::new();
    for c in cases.iter().filter(|c| (first..=last).contains(&c.data.event_date)) {
        if counted_group(c, taxonomy).is_some() {
            *per_class.entry(split.class_of(&c.data.category)).or_default().entry(&c.data.category).or_default() += 1;
        }
    }
    let order: Vec<&CategoryCode> = taxonomy.groups.iter().flat_map(|g| g.categories.iter().map(|c| &c.code)).collect();
    let platform = PlatformClass::ALL
        .iter()
        .map(|class| {
            let mut of = per_class.remove(class).unwrap_or_default();
            let count = of.values().sum();
            let mut categories: Vec<CategoryCount> = order
                .iter()
                .filter_map(|code| of.remove(code).map(|n| CategoryCount { code: (*code).clone(), count: n }))
                .collect();
            categories.extend(of.into_iter().map(|(code, count)| CategoryCount { code: code.clone(), count }));
            PlatformCount { class: *class, count, categories }
        })
        .collect();

    AnnualSummary {
        counts: years.last().cloned().expect("the year itself is in the range"),
        years,
        months,
        previous_year_months,
        breakdowns: breakdowns_between(cases, taxonomy, first, last),
        platform,
    }
}

/// The staff's platform split saved in `vault` (the default when none).
///
/// # Errors
/// Vault read errors.
pub fn platform_split(vault: &Vault) -> Result<PlatformSplit, VaultError> {
    Ok(vault.get_document(PLATFORM_SPLIT_KEY)?.unwrap_or_default())
}

/// Saves the platform split (recorded in the vault's history like the other
/// documents).
///
/// # Errors
/// Vault write errors.
pub fn save_platform_split(vault: &mut Vault, split: &PlatformSplit) -> Result<(), VaultError> {
    vault.put_document(PLATFORM_SPLIT_KEY, split)
}

/// Loads and counts `year` from `vault`: every case from
/// [`MAX_SERIES_YEARS`] before it through 31 December, with the vault's
/// platform split. The CLI and the app count a year through this.
///
/// `year` must pass [`check_year`] (the caller checks it).
///
/// # Errors
/// Vault read errors.
pub fn annual_from_vault(vault: &Vault, year: i32) -> Result<AnnualSummary, VaultError> {
    let (_, last) = year_bounds(year);
    let (first, _) = year_bounds((year - MAX_SERIES_YEARS).max(FIRST_EVENT_YEAR));
    let cases = vault.cases_between(first, last)?;
    Ok(annual_summary(&cases, vault.taxonomy(), year, &platform_split(vault)?))
}
