//! Evidence benchmark: adding and extracting a large attachment (throughput
//! and peak memory), and verifying it.
//!
//! ```text
//! cargo run --release -p kuzet-core --example evidence_bench [-- MIB [DIR]]
//! ```
//!
//! MIB defaults to 200. Prints Markdown lines (docs/PERFORMANCE.md records
//! the figures). Not a test: nothing is asserted; the targets are flat
//! memory (peak RSS < 100 MiB while adding 1 GiB) and a throughput a
//! correspondent does not notice for photos and short videos. The cost of
//! the history on saving a case at 100 000 cases is in `vault_bench`.

use chrono::{NaiveDate, Utc};
use kuzet_core::case::{CaseData, CaseKind, CaseStatus, Victim};
use kuzet_core::codes::CategoryCode;
use kuzet_core::vault::{Passphrase, Vault};
use std::io::Write;
use std::time::Instant;

#[path = "support/memory.rs"]
mod memory;
use memory::{reset_peak, status_kib};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mib: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(200);
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = args.get(2).map(std::path::PathBuf::from).unwrap_or_else(|| tmp.path().to_path_buf());
    std::fs::create_dir_all(&dir).expect("bench dir");
    let vault_path = dir.join("evidence-bench.kuzet");
    let _ = std::fs::remove_file(&vault_path);
    let src = dir.join("evidence-bench-video.bin");
    {
        // Incompressible bytes (xorshift), written 1 MiB at a time.
        let mut f = std::io::BufWriter::new(std::fs::File::create(&src).expect("source"));
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let mut buf = vec![0u8; 1 << 20];
        for _ in 0..mib {
            for b in buf.chunks_mut(8) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                b.copy_from_slice(&x.to_le_bytes()[..b.len()]);
            }
            f.write_all(&buf).expect("write source");
        }
    }
    let pass = Passphrase::new("bench passphrase — құпия");
    let mut v = Vault::create(&vault_path, &pass).expect("create");
    let data = CaseData {
        external_ref: None,
        kind: CaseKind::Case,
        event_date: NaiveDate::from_ymd_opt(2024, 5, 14).expect("date"),
        region: None,
        category: CategoryCode::new("journalists.attack").expect("code"),
        tags: vec![],
        title: "Тілшіге шабуыл: бейнежазба".into(),
        summary: String::new(),
        victim: Victim::default(),
        perpetrator_type: None,
        legal_basis: None,
        proceeding: None,
        sources: vec![],
        status: CaseStatus::Open,
        confidential: false,
        language: None,
        private_names: vec![],
        translations: Default::default(),
    };
    let case = v.insert_case(data, Utc::now()).expect("case");
    let size = (mib as f64) * 1024.0 * 1024.0;
    let rate = |secs: f64| size / secs / (1024.0 * 1024.0);

    println!("# Kuzet evidence benchmark: one {mib} MiB attachment\n");
    reset_peak();
    let rss_before = status_kib("VmRSS:");
    let t = Instant::now();
    let a = v.add_attachments(case.id, std::slice::from_ref(&src), Utc::now()).expect("add").remove(0);
    let add_s = t.elapsed().as_secs_f64();
    let add_peak = status_kib("VmHWM:");
    println!(
        "- add: {add_s:.2} s, {:.0} MiB/s; RSS {} MiB before, peak {} MiB",
        rate(add_s),
        rss_before / 1024,
        add_peak / 1024
    );

    let out = dir.join("evidence-bench-copy.bin");
    let _ = std::fs::remove_file(&out);
    reset_peak();
    let t = Instant::now();
    v.extract_attachment(a.id, &out).expect("extract");
    let extract_s = t.elapsed().as_secs_f64();
    println!(
        "- extract (SHA-256 verified): {extract_s:.2} s, {:.0} MiB/s; peak RSS {} MiB",
        rate(extract_s),
        status_kib("VmHWM:") / 1024
    );

    reset_peak();
    let t = Instant::now();
    let report = v.verify().expect("verify");
    let verify_s = t.elapsed().as_secs_f64();
    assert!(report.ok());
    println!(
        "- verify (chain + re-hash): {verify_s:.2} s, {:.0} MiB/s; peak RSS {} MiB",
        rate(verify_s),
        status_kib("VmHWM:") / 1024
    );
    let vault_mib = std::fs::metadata(&vault_path).map(|m| m.len()).unwrap_or(0) / (1 << 20);
    println!("- vault file: {vault_mib} MiB for {mib} MiB of evidence");
    for p in [&src, &out] {
        let _ = std::fs::remove_file(p);
    }
}
