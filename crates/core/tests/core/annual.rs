//! The annual overview: a year counted by the monthly rule (the twelve
//! months add up to the year), compared with earlier years, split by the
//! platforms' classes, and printed in kk/ru/en.

use crate::overview::{run, tool, write_pdf};
use crate::seed_month::{book, date};
use kuzet_core::annual::{annual_summary, check_year, PlatformClass, PlatformSplit};
use kuzet_core::codes::CategoryCode;
use kuzet_core::lang::Lang;
use kuzet_core::month::Month;
use kuzet_core::overview::{render_annual, OrgSettings};
use kuzet_core::summary::month_counts;
use kuzet_core::taxonomy::Taxonomy;

fn code(s: &str) -> CategoryCode {
    CategoryCode::new(s).unwrap()
}

#[test]
fn a_year_is_the_sum_of_its_months_and_is_compared_with_every_earlier_year() {
    let (b, t) = (book(), Taxonomy::bundled());
    let s = annual_summary(&b.cases, &t, 2024, &PlatformSplit::default());
    // Jan 1 + Mar 11 + Apr 30 + May 45 + Jun 3 (context events never count).
    assert_eq!(s.counts.total, 90);
    assert_eq!(s.months.len(), 12);
    assert_eq!(s.months.iter().map(|m| m.total).sum::<u32>(), 90);
    for m in &s.months {
        assert_eq!(*m, month_counts(&b.cases, &t, m.month), "{} counts as its monthly overview does", m.month);
    }
    for g in &s.counts.groups {
        let by_month: u32 = s.months.iter().map(|m| m.group(g.code.as_str())).sum();
        assert_eq!(g.count, by_month, "group {} adds up over the months", g.code);
    }
    assert_eq!(s.counts.group("journalists"), 1 + 20 + 22 + 3);
    assert_eq!(s.counts.group("claims"), 20);
    let years: Vec<(i32, u32)> = s.years.iter().map(|y| (y.year, y.total)).collect();
    assert_eq!(years, vec![(2022, 9), (2023, 59), (2024, 90)], "every year since the earliest case, not two");
    assert_eq!(s.previous_year().map(|y| y.total), Some(59));
    assert_eq!(s.previous_year_months[4], 39, "May 2023 for the chart");
    assert_eq!(s.previous_year_months.iter().sum::<u32>(), 59);
}

#[test]
fn the_platform_split_follows_the_default_rule_and_the_staff_choices() {
    let (b, t) = (book(), Taxonomy::bundled());
    let s = annual_summary(&b.cases, &t, 2024, &PlatformSplit::default());
    let count = |s: &kuzet_core::annual::AnnualSummary, c: PlatformClass| {
        s.platform.iter().find(|p| p.class == c).map_or(0, |p| p.count)
    };
    assert_eq!(count(&s, PlatformClass::Physical), 2, "the May attack and detention");
    assert_eq!(count(&s, PlatformClass::Judicial), 20, "every claim");
    assert_eq!(count(&s, PlatformClass::NonPhysical), 68);
    let mut split = PlatformSplit::default();
    split.set(code("journalists.interference"), PlatformClass::Physical);
    let moved = annual_summary(&b.cases, &t, 2024, &split);
    assert_eq!(count(&moved, PlatformClass::Physical), 2 + 7, "seven interference cases in 2024");
    assert_eq!(count(&moved, PlatformClass::NonPhysical), 68 - 7);
    let physical = moved.platform.iter().find(|p| p.class == PlatformClass::Physical).unwrap();
    let listed: Vec<(&str, u32)> = physical.categories.iter().map(|c| (c.code.as_str(), c.count)).collect();
    assert_eq!(
        listed,
        vec![("journalists.attack", 1), ("journalists.detention", 1), ("journalists.interference", 7)],
        "taxonomy order"
    );
    split.set(code("journalists.interference"), PlatformClass::NonPhysical);
    assert!(split.overrides.is_empty(), "choosing the default again leaves no override");
}

#[test]
fn years_outside_the_event_years_are_refused_with_the_range() {
    assert_eq!(check_year(2024), Ok(2024));
    let e = check_year(1899).unwrap_err().to_string();
    assert!(e.contains("1899") && e.contains("1900") && e.contains("2999"), "{e}");
    assert!(check_year(3000).is_err());
    // The first year has no year before it in range: no panic, no row for 1899.
    let s = annual_summary(&[], &Taxonomy::bundled(), 1900, &PlatformSplit::default());
    assert_eq!(s.years.iter().map(|y| y.year).collect::<Vec<_>>(), vec![1900]);
    assert!(Month::new(1900, 1).is_ok());
}

#[test]
fn the_annual_pdf_reads_in_three_languages_with_the_comparison_and_the_tables() {
    let (b, t) = (book(), Taxonomy::bundled());
    let s = annual_summary(&b.cases, &t, 2024, &PlatformSplit::default());
    let org = OrgSettings::default();
    let expect: [(Lang, &[&str]); 3] = [
        (
            Lang::En,
            &[
                "Violations of freedom of speech in Kazakhstan in 2024: annual overview",
                "In total, 90 violations were recorded in 2024: 1.5 times more than in 2023 (59)",
                "Month by month",
                "Physical attacks: 2",
                "Judicial and legal harassment: 20",
                "2022",
            ],
        ),
        (
            Lang::Ru,
            &[
                "годовой обзор",
                "Всего в 2024 году зафиксировано 90 нарушений: это в 1,5 раза больше, чем в 2023 году (59)",
                "По месяцам",
                "Физические нападения: 2",
            ],
        ),
        (
            Lang::Kk,
            &[
                "жылдық шолу",
                "2024 жылы барлығы 90 бұзушылық тіркелді",
                "Айлар бойынша",
                "Соттық және құқықтық қудалау: 20",
                "Қаңтар",
            ],
        ),
    ];
    for (lang, wanted) in expect {
        let pdf = render_annual(lang, &s, &org, &t, date(2025, 1, 15)).unwrap();
        assert_eq!(pdf, render_annual(lang, &s, &org, &t, date(2025, 1, 15)).unwrap(), "reproducible");
        let (_dir, path) = write_pdf(&pdf, &format!("annual-{}.pdf", lang.code()));
        if std::env::var_os("KUZET_KEEP_PDF").is_some() {
            std::fs::copy(&path, format!("/tmp/annual-{}.pdf", lang.code())).unwrap();
        }
        let text = run("pdftotext", &["-layout", path.to_str().unwrap(), "-"]);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for w in wanted {
            assert!(
                flat.contains(&w.split_whitespace().collect::<Vec<_>>().join(" ")),
                "{lang:?}: {w:?} missing in:\n{text}"
            );
        }
        let info = run("pdfinfo", &[path.to_str().unwrap()]);
        assert!(info.contains("CreationDate:") && info.contains("2025"), "{info}");
        let qpdf = std::process::Command::new(tool("qpdf")).args(["--check", path.to_str().unwrap()]).output().unwrap();
        assert!(qpdf.status.success(), "qpdf: {}", String::from_utf8_lossy(&qpdf.stdout));
    }
}
