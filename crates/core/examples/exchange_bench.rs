//! Exchange benchmark: a bundle of 5 000 changed cases exported by a
//! correspondent and applied at headquarters (new, then all edited), and
//! the duplicate candidates of one new case against 100 000 cases.
//!
//! ```text
//! cargo run --release -p kuzet-core --example exchange_bench [-- CASES [DIR]]
//! ```
//!
//! CASES (default 100 000) is the size of the vault the duplicate search
//! runs in. Prints Markdown lines (docs/PERFORMANCE.md records the
//! figures). Not a test: nothing is asserted; the targets are export and
//! apply under 2 s each, duplicates of one case under 50 ms.

use chrono::Utc;
use kuzet_core::case::CaseData;
use kuzet_core::taxonomy::Taxonomy;
use kuzet_core::vault::{ImportItem, Passphrase, PeerRole, Vault};
use std::time::Instant;

#[path = "support/synthetic.rs"]
mod synthetic;
use synthetic::{codes, fill, first_day};

const BUNDLE_CASES: usize = 5000;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = args.get(2).map(std::path::PathBuf::from).unwrap_or_else(|| tmp.path().to_path_buf());
    std::fs::create_dir_all(&dir).expect("bench dir");
    let pass = Passphrase::new("bench-exchange");
    let c_codes = codes(&Taxonomy::bundled());
    let mut corr = Vault::create(&dir.join("correspondent.kuzet"), &pass).expect("vault");
    let mut hq = Vault::create(&dir.join("hq.kuzet"), &pass).expect("vault");
    corr.set_identity_name("Correspondent").unwrap();
    hq.set_identity_name("HQ").unwrap();
    corr.add_peer(&hq.identity().unwrap().encode(), PeerRole::Headquarters, Utc::now()).unwrap();
    hq.add_peer(&corr.identity().unwrap().encode(), PeerRole::Correspondent, Utc::now()).unwrap();
    fill(&mut corr, BUNDLE_CASES, &c_codes);

    println!("| step | records | seconds | bundle bytes |");
    println!("|---|---:|---:|---:|");
    let round = |corr: &mut Vault, hq: &mut Vault, name: &str, label: &str| {
        let out = dir.join(name);
        let t = Instant::now();
        let sent = corr.export_bundle("HQ", &out, false, Utc::now()).expect("export");
        let export_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let r = hq.import_bundle(&out, false, Utc::now()).expect("import");
        let apply_s = t.elapsed().as_secs_f64();
        let records = r.changes.len();
        println!("| export, {label} | {records} | {export_s:.2} | {} |", sent.bytes);
        println!("| apply, {label} | {records} | {apply_s:.2} | |");
    };
    round(&mut corr, &mut hq, "new.kuzetbundle", "5 000 new cases");
    // Every case edited at the correspondent.
    let edits: Vec<(u64, ImportItem)> = corr
        .all_cases()
        .unwrap()
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let mut d: CaseData = c.data;
            d.summary.push_str(" — уточнено");
            (i as u64 + 2, ImportItem::Case(d))
        })
        .collect();
    corr.apply_import(edits, Utc::now()).expect("edit");
    round(&mut corr, &mut hq, "edited.kuzetbundle", "5 000 edited cases");

    // Duplicates of one new case in a vault of `n` cases.
    drop(corr);
    if n > BUNDLE_CASES {
        let mut big = Vault::create(&dir.join("big.kuzet"), &pass).expect("vault");
        let t = Instant::now();
        fill(&mut big, n, &c_codes);
        eprintln!("filled {n} cases in {:.0} s", t.elapsed().as_secs_f64());
        let sample = big.all_cases().unwrap();
        let mut times = Vec::new();
        let mut found = 0;
        for k in 0..50 {
            let mut d = sample[(k * 1931) % sample.len()].data.clone();
            d.external_ref = None;
            d.title = format!("{} (повтор)", d.title);
            let new = big.insert_case(d, Utc::now()).unwrap();
            let t = Instant::now();
            found += big.duplicates_of(new.id).unwrap().len();
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        println!();
        println!(
            "duplicates of one new case among {n} cases: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms ({} candidates over 50 runs)",
            times[times.len() / 2],
            times[times.len() * 95 / 100],
            times[times.len() - 1],
            found
        );
        let t = Instant::now();
        let month = big
            .duplicate_candidates(Some((
                first_day() + chrono::Duration::days(400),
                first_day() + chrono::Duration::days(430),
            )))
            .unwrap();
        println!(
            "every candidate pair of one month: {:.0} ms ({} pairs)",
            t.elapsed().as_secs_f64() * 1000.0,
            month.len()
        );
        let t = Instant::now();
        let all = big.duplicate_candidates(None).unwrap();
        println!("every candidate pair of all {n} cases: {:.1} s ({} pairs)", t.elapsed().as_secs_f64(), all.len());
    }
}
