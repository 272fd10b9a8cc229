//! Import benchmark: builds a CSV of 10 000 rows (9 000 cases, 1 000
//! developments, Kazakh/Russian/English text, quoted fields) and imports it
//! into a fresh encrypted vault through the same core call `kuzet import`
//! uses, then imports it again (every row unchanged).
//!
//! Run in release: `cargo run --release -p kuzet-cli --example import_bench`
//! (optionally with a row count: `… -- 50000`). Target: a 10 000-row import
//! under 2 s. Figures are recorded in docs/PERFORMANCE.md; this is not a
//! test, so a slow machine never fails the build.

use chrono::Utc;
use kuzet_core::transfer::{import_csv, parse_csv, ImportOptions};
use kuzet_core::vault::{Passphrase, Vault};
use std::fmt::Write;
use std::time::Instant;

const CATEGORIES: [&str; 8] = [
    "journalists.obstruction",
    "journalists.threat",
    "journalists.interference",
    "information.refusal",
    "information.blocking",
    "claims.civil",
    "claims.administrative",
    "claims.criminal",
];
const REGIONS: [&str; 6] = ["astana", "almaty_city", "shymkent", "atyrau", "kostanay", "online"];
const TITLES: [(&str, &str); 3] = [
    ("kk", "Әкімдік журналистің сауалына жауап бермеді"),
    ("ru", "Журналиста не пустили на заседание, \"по распоряжению\" акима"),
    ("en", "Police stopped a TV crew, citing an order"),
];

fn csv(rows: usize) -> String {
    let developments = rows / 10;
    let cases = rows - developments;
    let mut s = String::from(
        "ref,kind,parent_ref,event_date,category,region,title,summary,victim_type,perpetrator_type,language\n",
    );
    for i in 0..cases {
        let (lang, title) = TITLES[i % TITLES.len()];
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        let year = 2020 + (i / 336) % 5;
        let _ = writeln!(
            s,
            "B{i},case,,{year}-{month:02}-{day:02},{},{},\"{} №{i}\",\"Line one, with a comma.\nLine two.\",journalist,state,{lang}",
            CATEGORIES[i % CATEGORIES.len()],
            REGIONS[i % REGIONS.len()],
            title.replace('"', "\"\""),
        );
    }
    for j in 0..developments {
        let _ = writeln!(s, "B{cases}-{j},development,B{},2024-06-01,,,Hearing {j},,,,en", j * 7 % cases);
    }
    s
}

fn main() {
    let rows: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let text = csv(rows);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.kuzet");
    let pass = Passphrase::new("benchmark passphrase");
    let mut vault = Vault::create(&path, &pass).expect("create vault");

    let t = Instant::now();
    let items = parse_csv(text.as_bytes(), vault.taxonomy()).expect("valid CSV");
    let parse = t.elapsed();
    assert_eq!(items.len(), rows);

    let t = Instant::now();
    let first = import_csv(&mut vault, text.as_bytes(), ImportOptions::default(), Utc::now()).expect("import");
    let import = t.elapsed();
    assert_eq!(first.added as usize, rows);

    let t = Instant::now();
    let again = import_csv(&mut vault, text.as_bytes(), ImportOptions::default(), Utc::now()).expect("re-import");
    let reimport = t.elapsed();
    assert_eq!(again.unchanged as usize, rows);

    let t = Instant::now();
    let dry = import_csv(&mut vault, text.as_bytes(), ImportOptions { dry_run: true }, Utc::now()).expect("dry run");
    let dry_run = t.elapsed();
    assert_eq!(dry.unchanged as usize, rows);

    println!("rows: {rows} ({} KiB of CSV)", text.len() / 1024);
    println!("parse + validate only:          {:>8.3} s", parse.as_secs_f64());
    println!("import into an empty vault:     {:>8.3} s  (target < 2 s for 10 000 rows)", import.as_secs_f64());
    println!("re-import, every row unchanged: {:>8.3} s", reimport.as_secs_f64());
    println!("dry run against the full vault: {:>8.3} s", dry_run.as_secs_f64());
}
