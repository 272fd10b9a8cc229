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

/// CPU time of this process so far (user + system), in seconds, from
/// `/proc/self/stat` (Linux; ticks of 1/100 s). Wall time on a busy machine
/// mostly measures the neighbours; CPU time measures the import.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses): state is
    // field 3, utime field 14, stime field 15.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Runs `f`, returning its result, wall seconds and CPU seconds.
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64, f64) {
    let (c, t) = (cpu_seconds().unwrap_or(0.0), Instant::now());
    let out = f();
    (out, t.elapsed().as_secs_f64(), cpu_seconds().unwrap_or(0.0) - c)
}

fn main() {
    let rows: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let text = csv(rows);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.kuzet");
    let pass = Passphrase::new("benchmark passphrase");
    let mut vault = Vault::create(&path, &pass).expect("create vault");

    let (items, parse, parse_cpu) = timed(|| parse_csv(text.as_bytes(), vault.taxonomy()).expect("valid CSV"));
    assert_eq!(items.len(), rows);

    let (first, import, import_cpu) =
        timed(|| import_csv(&mut vault, text.as_bytes(), ImportOptions::default(), Utc::now()).expect("import"));
    assert_eq!(first.added as usize, rows);

    let (again, reimport, reimport_cpu) =
        timed(|| import_csv(&mut vault, text.as_bytes(), ImportOptions::default(), Utc::now()).expect("re-import"));
    assert_eq!(again.unchanged as usize, rows);

    let (dry, dry_run, dry_run_cpu) = timed(|| {
        import_csv(&mut vault, text.as_bytes(), ImportOptions { dry_run: true, ..Default::default() }, Utc::now())
            .expect("dry run")
    });
    assert_eq!(dry.unchanged as usize, rows);

    println!("rows: {rows} ({} KiB of CSV); seconds, wall / CPU", text.len() / 1024);
    println!("parse + validate only:          {parse:>7.3} / {parse_cpu:>6.2}");
    println!("import into an empty vault:     {import:>7.3} / {import_cpu:>6.2}   (target < 2 s for 10 000 rows)");
    println!("re-import, every row unchanged: {reimport:>7.3} / {reimport_cpu:>6.2}");
    println!("dry run against the full vault: {dry_run:>7.3} / {dry_run_cpu:>6.2}");
}
