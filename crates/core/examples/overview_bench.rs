//! Benchmark of the overviews: the monthly one (summary + draft + report
//! model + PDF) for a 60-case month and for a 1,000-case year (every case
//! of the year in one overview, the worst case for layout), and the annual
//! overview of 2024 from 1,000 cases (counting + PDF).
//!
//! `cargo run --release -p kuzet-core --example overview_bench [-- OUT_DIR]`
//!
//! Prints wall time per language and PDF size; peak memory (max RSS) is
//! read from /proc/self/status at the end. With OUT_DIR, writes the PDFs
//! there (to look at them with `pdftoppm -r 60 -png`).

use chrono::{NaiveDate, TimeZone, Utc};
use kuzet_core::annual::{annual_summary, PlatformSplit};
use kuzet_core::case::{
    Case, CaseData, CaseId, CaseKind, CaseStatus, Development, DevelopmentData, DevelopmentId, Victim,
};
use kuzet_core::codes::{CategoryCode, RegionCode};
use kuzet_core::lang::Lang;
use kuzet_core::month::Month;
use kuzet_core::overview::{build_report, default_draft, render_annual, render_pdf, OrgSettings};
use kuzet_core::summary::summary;
use kuzet_core::taxonomy::Taxonomy;
use std::time::Instant;
use uuid::Uuid;

const TEXT: &str = "Корреспондент сообщил, что сотрудники акимата отказались предоставить сведения о расходовании \
средств на восстановление жилья после паводков; редакция направила повторный запрос. Тілші әкімдік \
қызметкерлерінің ақпарат беруден бас тартқанын хабарлады. The outlet filed a second request and a complaint \
with the prosecutor's office.";

fn cases(n: usize, months: &[Month], taxonomy: &Taxonomy) -> (Vec<Case>, Vec<Development>) {
    let cats: Vec<&CategoryCode> = taxonomy.groups.iter().flat_map(|g| g.categories.iter()).map(|c| &c.code).collect();
    let at = Utc.with_ymd_and_hms(2024, 6, 1, 0, 0, 0).unwrap();
    let mut out = Vec::new();
    let mut devs = Vec::new();
    for i in 0..n {
        let m = months[i % months.len()];
        let day = (i as u32 % 28) + 1;
        let category = cats[i % cats.len()].clone();
        let kind = if category.as_str().starts_with("context.") { CaseKind::Context } else { CaseKind::Case };
        let id = CaseId(Uuid::from_u128(i as u128 + 1));
        out.push(Case {
            id,
            data: CaseData {
                external_ref: None,
                kind,
                event_date: NaiveDate::from_ymd_opt(m.year(), m.number(), day).unwrap(),
                region: Some(RegionCode::new(taxonomy.regions[i % taxonomy.regions.len()].code.as_str()).unwrap()),
                category,
                tags: vec![],
                title: format!("Журналисту №{i} отказали в информации о паводках в Атырауской области"),
                summary: TEXT.repeat(1 + i % 3),
                victim: Victim::default(),
                perpetrator_type: None,
                legal_basis: None,
                proceeding: None,
                sources: vec![],
                status: CaseStatus::Open,
                confidential: false,
                language: Some(Lang::Ru),
                private_names: vec![],
                translations: Default::default(),
            },
            created_at: at,
            updated_at: at,
        });
        if i % 10 == 0 {
            devs.push(Development {
                id: DevelopmentId(Uuid::from_u128(1_000_000 + i as u128)),
                case_id: id,
                data: DevelopmentData {
                    external_ref: None,
                    event_date: NaiveDate::from_ymd_opt(m.year(), m.number(), day).unwrap(),
                    title: format!("Суд рассмотрел дело №{i}"),
                    summary: TEXT.to_string(),
                    sources: vec![],
                    language: Some(Lang::Ru),
                    private_names: vec![],
                    translations: Default::default(),
                },
                created_at: at,
                updated_at: at,
            });
        }
    }
    (out, devs)
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
}

fn run(label: &str, month: Month, cases: &[Case], devs: &[Development], out_dir: Option<&str>) {
    let t = Taxonomy::bundled();
    for lang in Lang::ALL {
        let start = Instant::now();
        let s = summary(cases, &t, month);
        let draft = default_draft(month, cases, devs, &t, NaiveDate::from_ymd_opt(2024, 7, 16).unwrap());
        let model = build_report(lang, month, &s, &draft, &OrgSettings::default(), cases, devs, &t).unwrap();
        let built = start.elapsed();
        let pdf = render_pdf(&model).unwrap();
        let total = start.elapsed();
        println!(
            "{label:<24} {lang}: model {:>7.1} ms, total {:>7.1} ms, PDF {:>7} bytes",
            built.as_secs_f64() * 1000.0,
            total.as_secs_f64() * 1000.0,
            pdf.len()
        );
        if let Some(dir) = out_dir {
            let name = label.split_whitespace().next().unwrap_or("x");
            std::fs::write(format!("{dir}/{name}-{lang}.pdf"), &pdf).unwrap();
        }
    }
}

fn main() {
    let out_dir = std::env::args().nth(1);
    let t = Taxonomy::bundled();
    let may: Month = "2024-05".parse().unwrap();
    let (month_cases, month_devs) = cases(60, &[may], &t);
    run("month (60 cases)", may, &month_cases, &month_devs, out_dir.as_deref());

    // The annual overview of 2024 from 1,000 cases of 2024 (and 1,000 of
    // 2023 to compare with): counting and drawing, per language.
    let year: Vec<Month> = (1..=12).map(|m| Month::new(2024, m).unwrap()).collect();
    let (mut two_years, _) = cases(1000, &year, &t);
    let (earlier, _) = cases(1000, &year, &t);
    two_years.extend(earlier.into_iter().map(|mut c| {
        c.id = CaseId(Uuid::from_u128(c.id.0.as_u128() + 5_000_000));
        c.data.event_date = c.data.event_date.with_year(2023).unwrap();
        c
    }));
    for lang in Lang::ALL {
        let start = Instant::now();
        let s = annual_summary(&two_years, &t, 2024, &PlatformSplit::default());
        let counted = start.elapsed();
        let pdf = render_annual(lang, &s, &OrgSettings::default(), &t, NaiveDate::from_ymd_opt(2025, 1, 15).unwrap())
            .unwrap();
        let total = start.elapsed();
        println!(
            "annual 2024 (1000 cases) {lang}: counts {:>7.1} ms, total {:>7.1} ms, PDF {:>7} bytes (target < 1 s)",
            counted.as_secs_f64() * 1000.0,
            total.as_secs_f64() * 1000.0,
            pdf.len()
        );
        if let Some(dir) = out_dir.as_deref() {
            std::fs::write(format!("{dir}/annual-{lang}.pdf"), &pdf).unwrap();
        }
    }

    // A year: 1,000 cases over 2024, all drawn into one overview by
    // treating them as one month's entries (the heaviest layout).
    let (mut year_cases, mut year_devs) = cases(1000, &year, &t);
    for c in &mut year_cases {
        c.data.event_date = NaiveDate::from_ymd_opt(2024, 5, (c.data.event_date.ordinal() % 28) + 1).unwrap();
    }
    for d in &mut year_devs {
        d.data.event_date = NaiveDate::from_ymd_opt(2024, 5, (d.data.event_date.ordinal() % 28) + 1).unwrap();
    }
    run("year (1000 cases)", may, &year_cases, &year_devs, out_dir.as_deref());
    if let Some(kib) = peak_rss_kib() {
        println!("peak memory (VmHWM): {:.1} MiB", kib as f64 / 1024.0);
    }
}

use chrono::Datelike;
