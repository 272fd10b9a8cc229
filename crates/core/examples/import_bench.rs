//! Import benchmark: a 10 000-row XLSX workbook (a Kuzet export of 10 000
//! synthetic cases and their developments) checked and imported into an
//! empty vault, as the app's Cases → Import does (`import_file`: the check is
//! a dry run, the import writes everything in one transaction).
//!
//! ```text
//! cargo run --release -p kuzet-core --example import_bench [-- ROWS]
//! ```
//!
//! Prints Markdown lines (docs/PERFORMANCE.md records the figures). Not a
//! test: nothing is asserted; the target is the whole import under 3 s.

use chrono::Utc;
use kuzet_core::taxonomy::Taxonomy;
use kuzet_core::transfer::{export_bytes, import_file, select, ExportFormat, ImportFormat, ImportOptions};
use kuzet_core::vault::{Passphrase, Vault};
use std::time::Instant;

#[path = "support/synthetic.rs"]
mod synthetic;
use synthetic::{codes, fill};

fn main() {
    let rows: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(10_000);
    // `fill` adds one development per five cases: rows = cases × 1.2.
    let cases = rows * 5 / 6;
    let dir = tempfile::tempdir().expect("temp dir");
    let pass = Passphrase::new("bench-import");
    let mut source = Vault::create(&dir.path().join("source.kuzet"), &pass).expect("vault");
    fill(&mut source, cases, &codes(&Taxonomy::bundled()));
    let set = select(&source, None).expect("select");
    let t = Instant::now();
    let xlsx = export_bytes(&set, ExportFormat::Xlsx, Utc::now()).expect("export");
    let export_s = t.elapsed().as_secs_f64();
    drop(source);

    let mut target = Vault::create(&dir.path().join("target.kuzet"), &pass).expect("vault");
    let options = |dry_run| ImportOptions { dry_run, origin: "bench.xlsx".into() };
    let t = Instant::now();
    let check = import_file(&mut target, &xlsx, ImportFormat::of(&xlsx), options(true), Utc::now()).expect("check");
    let check_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let done = import_file(&mut target, &xlsx, ImportFormat::Xlsx, options(false), Utc::now()).expect("import");
    let import_s = t.elapsed().as_secs_f64();
    assert_eq!((check.added, done.added), (done.added, set.cases.len() as u32 + set.developments.len() as u32));

    println!("| step | rows | seconds | workbook bytes |");
    println!("|---|---:|---:|---:|");
    println!("| export (to make the workbook) | {} | {export_s:.2} | {} |", done.added, xlsx.len());
    println!("| check (dry run, the app's preview) | {} | {check_s:.2} | |", check.added);
    println!("| import (one transaction) | {} | {import_s:.2} | |", done.added);
    println!("| check + import | | {:.2} | |", check_s + import_s);
}
