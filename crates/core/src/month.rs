//! Months and days in Kazakhstan's calendar.
//!
//! An event date is a plain calendar date in Kazakhstan ([`NaiveDate`]); the
//! monthly overview counts a case in the month of that date. Timestamps
//! (created/updated) are UTC and are turned into local dates only through the
//! `Asia/Almaty` zone ([`KZ_TZ`]): UTC+6 until 2024-02-29, UTC+5 since
//! 2024-03-01. Never a fixed offset, never the machine's zone.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The time zone the foundation's calendar follows.
pub const KZ_TZ: Tz = chrono_tz::Asia::Almaty;

/// The local calendar date in Kazakhstan at the UTC instant `at`.
pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&KZ_TZ).date_naive()
}

/// The wall-clock time in Kazakhstan (Asia/Almaty) at the UTC instant `at`,
/// as shown to staff: `YYYY-MM-DD HH:MM`.
pub fn local_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&KZ_TZ).format("%Y-%m-%d %H:%M").to_string()
}

/// Parses an event date written `YYYY-MM-DD` (the only form that crosses
/// between the UI, the CLI and the core).
///
/// # Errors
/// A message naming what is wrong: the shape, or an impossible date such as
/// `2024-02-30`.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let t = s.trim();
    let shaped = t.len() == 10
        && t.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    if !shaped {
        return Err(format!("{s:?} is not a date: expected YYYY-MM-DD"));
    }
    // Shape checked above: ten ASCII bytes, digits but for the two dashes.
    let num = |r: std::ops::Range<usize>| t.as_bytes()[r].iter().fold(0u32, |n, b| n * 10 + u32::from(b - b'0'));
    i32::try_from(num(0..4))
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, num(5..7), num(8..10)))
        .ok_or_else(|| format!("{s:?} is not a date in the calendar"))
}

/// The earliest year an event date may have.
pub const FIRST_EVENT_YEAR: i32 = 1900;
/// The latest year an event date may have.
pub const LAST_EVENT_YEAR: i32 = 2999;

/// A calendar month, e.g. May 2024. Written and parsed as `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Month {
    year: i32,
    month: u32,
}

/// The error for a string that is not a month `YYYY-MM` (or a month number
/// outside 1–12).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a month: expected YYYY-MM, e.g. 2024-05")]
pub struct BadMonth(pub String);

impl Month {
    /// The month `month` (1–12) of `year` (1000–9999: a four-digit year, so
    /// comparisons with the year before always exist for event dates, which
    /// are limited to [`FIRST_EVENT_YEAR`]–[`LAST_EVENT_YEAR`]).
    ///
    /// # Errors
    /// [`BadMonth`] when either is out of range.
    pub fn new(year: i32, month: u32) -> Result<Self, BadMonth> {
        if (1..=12).contains(&month) && (1000..=9999).contains(&year) {
            Ok(Month { year, month })
        } else {
            Err(BadMonth(format!("{year:04}-{month:02}")))
        }
    }

    /// The month a date falls in.
    pub fn of(date: NaiveDate) -> Self {
        Month { year: date.year(), month: date.month() }
    }

    /// The year, e.g. 2024.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month number, 1 (January) to 12 (December).
    pub fn number(self) -> u32 {
        self.month
    }

    /// The first day of the month.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("valid month")
    }

    /// The last day of the month (28–31).
    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().expect("not the first date")
    }

    /// Whether `date` lies in this month.
    pub fn contains(self, date: NaiveDate) -> bool {
        Month::of(date) == self
    }

    /// The month before (April 2024 for May 2024; December 2023 for January 2024).
    pub fn previous(self) -> Self {
        if self.month == 1 {
            Month { year: self.year - 1, month: 12 }
        } else {
            Month { year: self.year, month: self.month - 1 }
        }
    }

    /// The month after.
    pub fn next(self) -> Self {
        if self.month == 12 {
            Month { year: self.year + 1, month: 1 }
        } else {
            Month { year: self.year, month: self.month + 1 }
        }
    }

    /// The same month one year earlier (May 2023 for May 2024).
    pub fn same_month_last_year(self) -> Self {
        Month { year: self.year - 1, month: self.month }
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for Month {
    type Err = BadMonth;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadMonth(s.to_string());
        let t = s.trim();
        let (y, m) = t.split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        Month::new(y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?).map_err(|_| bad())
    }
}

impl TryFrom<String> for Month {
    type Error = BadMonth;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Month> for String {
    fn from(m: Month) -> String {
        m.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn almaty_moved_from_utc_plus_6_to_plus_5_on_2024_03_01() {
        // 18:30 UTC is 00:30 next day at UTC+6, but 23:30 the same day at UTC+5.
        let before = Utc.with_ymd_and_hms(2024, 2, 10, 18, 30, 0).unwrap();
        assert_eq!(local_date(before), NaiveDate::from_ymd_opt(2024, 2, 11).unwrap());
        let after = Utc.with_ymd_and_hms(2024, 5, 31, 18, 30, 0).unwrap();
        assert_eq!(
            local_date(after),
            NaiveDate::from_ymd_opt(2024, 5, 31).unwrap(),
            "23:30 local on May 31 still belongs to May"
        );
        let next = Utc.with_ymd_and_hms(2024, 5, 31, 19, 0, 0).unwrap();
        assert_eq!(local_date(next), NaiveDate::from_ymd_opt(2024, 6, 1).unwrap());
    }

    #[test]
    fn month_arithmetic_crosses_years() {
        let jan: Month = "2024-01".parse().unwrap();
        assert_eq!(jan.previous().to_string(), "2023-12");
        assert_eq!(jan.same_month_last_year().to_string(), "2023-01");
        let feb: Month = "2024-02".parse().unwrap();
        assert_eq!(feb.last_day(), NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
        assert_eq!("2023-12".parse::<Month>().unwrap().next().to_string(), "2024-01");
    }

    #[test]
    fn bad_months_and_dates_are_rejected() {
        for bad in ["2024-13", "2024-00", "2024-5", "24-05", "май", ""] {
            assert!(bad.parse::<Month>().is_err(), "{bad:?}");
        }
        assert!(parse_date("2024-02-30").unwrap_err().contains("calendar"));
        assert!(parse_date("30.05.2024").unwrap_err().contains("YYYY-MM-DD"));
        assert_eq!(parse_date("2024-02-29").unwrap(), NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
    }
}
