//! Counting: the foundation's May 2024 numbers, boundaries, comparisons and
//! the JSON the CLI prints.

use crate::seed_month::{book, date, Book};
use kuzet_core::case::Case;
use kuzet_core::month::Month;
use kuzet_core::summary::{month_counts, summary, MonthCounts, Period, SeriesPoint};
use kuzet_core::taxonomy::Taxonomy;

fn may() -> Month {
    "2024-05".parse().unwrap()
}

/// What a month's counts should be: total and `(group, count)` for every
/// counted group, in taxonomy order.
struct Expected<'a> {
    total: u32,
    groups: [(&'a str, u32); 3],
}

fn check(cases: &[Case], month: Month, expected: Expected, why: &str) -> MonthCounts {
    let got = month_counts(cases, &Taxonomy::bundled(), month);
    let groups: Vec<(&str, u32)> = got.groups.iter().map(|g| (g.code.as_str(), g.count)).collect();
    assert_eq!(groups, expected.groups, "{why}: group counts");
    assert_eq!(got.total, expected.total, "{why}: total");
    assert_eq!(got.total, got.groups.iter().map(|g| g.count).sum::<u32>(), "{why}: groups add up to the total");
    for g in &got.groups {
        let listed: u32 = g.categories.iter().map(|c| c.count).sum();
        assert_eq!(listed + g.others, g.count, "{why}: categories and others add up to {}", g.code);
    }
    got
}

#[test]
fn the_seed_month_has_the_published_numbers() {
    let b = book();
    let got = check(
        &b.cases,
        may(),
        Expected { total: 45, groups: [("journalists", 22), ("information", 13), ("claims", 10)] },
        "May 2024 as published: 22 + 13 + 10",
    );
    let info = got.group_count("information").unwrap();
    assert_eq!(info.category("information.refusal"), 10, "13 on information, including 10 refusals");
    let claims = got.group_count("claims").unwrap();
    let branches: Vec<(&str, u32)> = claims.categories.iter().map(|c| (c.code.as_str(), c.count)).collect();
    assert_eq!(
        branches,
        [("claims.criminal", 1), ("claims.civil", 6), ("claims.administrative", 3)],
        "10 claims: 1 criminal, 6 civil, 3 administrative"
    );
    let j = got.group_count("journalists").unwrap();
    assert_eq!(j.others, 2, "journalists.other is folded into \"and others\"");
    assert!(j.categories.iter().all(|c| c.code.as_str() != "journalists.other"), "not listed by name");
    assert_eq!(j.category("journalists.interference"), 5);
    assert_eq!(j.share_percent, 48, "22 of 45 = 48.9%, truncated");
}

#[test]
fn boundaries_context_and_tags() {
    let mut b = Book::default();
    b.add(date(2024, 4, 30), "journalists.threat", "last day of April");
    b.add(date(2024, 6, 1), "journalists.threat", "first day of June");
    b.add(date(2024, 5, 15), "context.event", "an event in the country");
    check(
        &b.cases,
        may(),
        Expected { total: 0, groups: [("journalists", 0), ("information", 0), ("claims", 0)] },
        "April 30, June 1 and context events are not May's",
    );

    // Old or hand-made data: a context event filed under a counted category
    // is still a context event.
    b.add(date(2024, 5, 20), "journalists.threat", "context with a counted category").data.kind =
        kuzet_core::case::CaseKind::Context;
    b.add(date(2024, 5, 1), "journalists.threat", "first day of May");
    b.add(date(2024, 5, 31), "information.refusal", "last day of May").data.tags =
        vec!["journalists.threat".parse().unwrap(), "claims.civil".parse().unwrap()];
    check(
        &b.cases,
        may(),
        Expected { total: 2, groups: [("journalists", 1), ("information", 1), ("claims", 0)] },
        "May 1 and May 31 count; tags never count",
    );
    check(
        &b.cases,
        "2024-04".parse().unwrap(),
        Expected { total: 1, groups: [("journalists", 1), ("information", 0), ("claims", 0)] },
        "April 30 counts in April",
    );
    check(
        &b.cases,
        "2024-06".parse().unwrap(),
        Expected { total: 1, groups: [("journalists", 1), ("information", 0), ("claims", 0)] },
        "June 1 counts in June",
    );
}

#[test]
fn an_empty_month_has_every_counted_group_at_zero() {
    let got = check(
        &[],
        may(),
        Expected { total: 0, groups: [("journalists", 0), ("information", 0), ("claims", 0)] },
        "nothing recorded",
    );
    assert!(got.groups.iter().all(|g| g.share_percent == 0 && g.categories.is_empty()));
}

#[test]
fn comparisons_with_april_may_2023_and_the_year_to_date() {
    let b = book();
    let s = summary(&b.cases, &Taxonomy::bundled(), may());
    assert_eq!(s.counts.total, 45);
    assert_eq!(s.previous_month.month.to_string(), "2024-04");
    assert_eq!(s.previous_month.total, 30, "April has 30, one on April 30");
    assert_eq!(s.previous_year_same_month.total, 39);
    let j = s.previous_year_same_month.group_count("journalists").unwrap();
    assert_eq!((j.count, j.share_percent), (15, 38), "15 of 39 is written 38%");
    assert_eq!((s.year_to_date.total, s.year_to_date.previous_year_total), (87, 55), "87 against 55: 1.5 times");
    assert_eq!(s.year_to_date.from.to_string(), "2024-01");
    let claims = s.year_to_date.groups.iter().find(|g| g.code.as_str() == "claims").unwrap();
    assert_eq!((claims.count, claims.previous_year_count), (20, 8));
}

#[test]
fn series_gives_whole_earlier_years_and_this_year_to_date() {
    let b = book();
    let s = summary(&b.cases, &Taxonomy::bundled(), may());
    let j = s.series.iter().find(|g| g.code.as_str() == "journalists").unwrap();
    let interference = j.categories.iter().find(|c| c.code.as_str() == "journalists.interference").unwrap();
    let p = |year, through_month, count| SeriesPoint { period: Period { year, through_month }, count };
    assert_eq!(
        interference.points,
        [p(2022, 12, 9), p(2023, 12, 6), p(2024, 5, 7)],
        "as the seed: 2022: 9, 2023: 6, January–May 2024: 7 (June 1 excluded)"
    );
    assert_eq!(j.points.last().unwrap().count, 1 + 20 + 22, "journalists Jan–May 2024");
}

#[test]
fn breakdowns_of_the_month() {
    let b = book();
    let s = summary(&b.cases, &Taxonomy::bundled(), may());
    assert_eq!(s.breakdowns.by_region.get("atyrau"), 13 + 4, "13 information cases and every 6th journalists case");
    assert_eq!(s.breakdowns.by_region.unspecified, 10, "claims have no region");
    assert_eq!(s.breakdowns.by_region.counts[0].code, "astana", "taxonomy order: Astana before Almaty city");
    assert_eq!(s.breakdowns.by_victim_type.get("media_outlet"), 13);
    assert_eq!(s.breakdowns.by_victim_type.get("blogger"), 8);
    assert_eq!(s.breakdowns.by_perpetrator_type.get("platform"), 5);
    assert_eq!(
        (
            s.breakdowns.state_vs_non_state.state,
            s.breakdowns.state_vs_non_state.non_state,
            s.breakdowns.state_vs_non_state.unspecified
        ),
        (34, 11, 0),
        "state + quasi_state against the rest"
    );
    let bases: Vec<(&str, u32)> =
        s.breakdowns.claims_by_legal_basis.counts.iter().map(|c| (c.code.as_str(), c.count)).collect();
    assert_eq!(bases, [("false_information", 4), ("false_denunciation", 1), ("honour_dignity", 4), ("copyright", 1)]);
}

#[test]
fn stats_json_has_the_fields_the_cli_prints() {
    let b = book();
    let v = serde_json::to_value(summary(&b.cases, &Taxonomy::bundled(), may())).unwrap();
    assert_eq!(v["month"], "2024-05");
    assert_eq!(v["total"], 45);
    assert_eq!(v["groups"][0]["code"], "journalists");
    assert_eq!(v["groups"][0]["count"], 22);
    assert_eq!(v["groups"][1]["categories"][0]["code"], "information.refusal");
    assert_eq!(v["groups"][1]["categories"][0]["count"], 10);
    assert_eq!(v["previous_month"]["total"], 30);
    assert_eq!(v["previous_month"]["groups"][0]["code"], "journalists");
    assert_eq!(v["previous_year_same_month"]["total"], 39);
    assert_eq!(v["previous_year_same_month"]["groups"][0]["count"], 15);
    assert_eq!(v["year_to_date"]["total"], 87);
    assert_eq!(v["year_to_date"]["previous_year_total"], 55);
}
