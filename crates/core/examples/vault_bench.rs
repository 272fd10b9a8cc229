//! Vault benchmark: 100 000 synthetic cases (kk/ru/en text), filtered page
//! queries and free-text search, encrypted vault vs the same data in a plain
//! SQLite file.
//!
//! ```text
//! cargo run --release -p kuzet-core --features bench-plain --example vault_bench [-- CASES [DIR]]
//! ```
//!
//! Prints a Markdown table (docs/PERFORMANCE.md records the figures). Not a
//! test: nothing is asserted; the targets are filtered page p95 < 30 ms,
//! search p95 < 50 ms, encrypted/plain ≤ 1.15×.

use chrono::{Duration, NaiveDate, Utc};
use kuzet_core::case::{CaseKind, CaseStatus};
use kuzet_core::taxonomy::Taxonomy;
use kuzet_core::vault::{CaseFilter, Page, Passphrase, SortOrder, Vault};
use std::path::Path;
use std::time::Instant;

#[path = "support/synthetic.rs"]
mod synthetic;
use synthetic::{codes, fill, first_day, Codes, Rng, DAYS, EN, FIRST, KK, LAST, OUTLETS, RU};

fn month_range(rng: &mut Rng) -> (NaiveDate, NaiveDate) {
    let start = first_day() + Duration::days(rng.below(DAYS as usize - 31) as i64);
    let from = start.with_day0(0).unwrap();
    (from, from + Duration::days(30))
}

use chrono::Datelike;

#[path = "support/memory.rs"]
mod memory;
use memory::{reset_peak, status_kib};

/// The filtered list queries a monitor makes: a month and a group, a region,
/// a year + victim type + status, two categories, everything, a deep page.
fn filter_queries(c: &Codes, n: usize) -> Vec<(CaseFilter, Page)> {
    let mut rng = Rng(42);
    (0..n)
        .map(|i| {
            let mut f = CaseFilter::default();
            let mut page = Page::default();
            match i % 6 {
                0 => {
                    let (a, b) = month_range(&mut rng);
                    f.from = Some(a);
                    f.to = Some(b);
                    f.groups = vec![rng.pick(&c.groups).clone()];
                }
                1 => f.regions = vec![rng.pick(&c.regions).clone()],
                2 => {
                    let y = 2019 + rng.below(7) as i32;
                    f.from = NaiveDate::from_ymd_opt(y, 1, 1);
                    f.to = NaiveDate::from_ymd_opt(y, 12, 31);
                    f.victim_types = vec![rng.pick(&c.victims).clone()];
                    f.status = Some(CaseStatus::Open);
                }
                3 => {
                    f.categories = vec![rng.pick(&c.counted).clone(), rng.pick(&c.counted).clone()];
                    f.kind = Some(CaseKind::Case);
                    f.sort = SortOrder::DateAsc;
                }
                4 => {}
                _ => {
                    f.regions = vec![rng.pick(&c.regions).clone(), rng.pick(&c.regions).clone()];
                    page = Page { offset: 1000, limit: 50 };
                }
            }
            (f, page)
        })
        .collect()
}

/// Free-text searches: one or two word prefixes in kk/ru/en, a name, an
/// outlet; every third one within a year.
fn search_queries(n: usize) -> Vec<(CaseFilter, Page)> {
    let mut rng = Rng(7);
    (0..n)
        .map(|i| {
            let word = |rng: &mut Rng| {
                let pool = *rng.pick(&[KK, RU, EN, FIRST, LAST, OUTLETS]);
                let w: Vec<char> = rng.pick(pool).chars().collect();
                let len = (4 + rng.below(6)).min(w.len());
                w[..len].iter().collect::<String>()
            };
            let mut text = word(&mut rng);
            if i % 2 == 1 {
                text = format!("{text} {}", word(&mut rng));
            }
            let mut f = CaseFilter { text: Some(text.to_uppercase()), ..Default::default() };
            if i % 3 == 2 {
                let y = 2019 + rng.below(7) as i32;
                f.from = NaiveDate::from_ymd_opt(y, 1, 1);
                f.to = NaiveDate::from_ymd_opt(y, 12, 31);
            }
            (f, Page::default())
        })
        .collect()
}

struct Stats {
    p50: f64,
    p95: f64,
    max: f64,
    mean_hits: f64,
    /// p95 per query shape (index = query number % 6).
    by_shape: Vec<(f64, f64)>,
}

fn stats(mut ms: Vec<f64>, hits: u64) -> Stats {
    let mut shapes: Vec<Vec<f64>> = vec![Vec::new(); 6];
    for (i, t) in ms.iter().enumerate() {
        shapes[i % 6].push(*t);
    }
    let n = ms.len();
    ms.sort_by(f64::total_cmp);
    let by_shape = shapes
        .into_iter()
        .map(|mut v| {
            v.sort_by(f64::total_cmp);
            (v[v.len() / 2], v[v.len() * 95 / 100])
        })
        .collect();
    Stats { by_shape, p50: ms[n / 2], p95: ms[n * 95 / 100], max: ms[n - 1], mean_hits: hits as f64 / n as f64 }
}

/// Each query on the encrypted vault, then at once on the plain file, so
/// both meet the same machine load (a loaded shared machine drifts over
/// a run; measuring one file after the other made the ratio noisy).
fn measure_pair(enc: &Vault, plain: &Vault, queries: &[(CaseFilter, Page)]) -> (Stats, Stats) {
    // Warm-up: the app keeps the vault open, so the page cache is warm.
    for (f, p) in queries.iter().take(20) {
        enc.find(f, *p).expect("query");
        plain.find(f, *p).expect("query");
    }
    let (mut e_ms, mut p_ms) = (Vec::new(), Vec::new());
    let mut hits = 0u64;
    for (f, p) in queries {
        let t = Instant::now();
        let page = enc.find(f, *p).expect("query");
        e_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        let plain_page = plain.find(f, *p).expect("query");
        p_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(page.total, plain_page.total, "same data, same answer");
        hits += page.total;
    }
    (stats(e_ms, hits), stats(p_ms, hits))
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = args.get(2).map(std::path::PathBuf::from).unwrap_or_else(|| tmp.path().to_path_buf());
    std::fs::create_dir_all(&dir).expect("bench dir");
    let enc_path = dir.join("bench.kuzet");
    let plain_path = dir.join("bench-plain.sqlite");
    // `reuse` as third argument: measure existing files of an earlier run.
    let reuse = args.get(3).is_some_and(|a| a == "reuse") && enc_path.exists() && plain_path.exists();
    if !reuse {
        for p in [&enc_path, &plain_path] {
            let _ = std::fs::remove_file(p);
        }
    }
    let pass = Passphrase::new("bench passphrase — құпия");
    let c = codes(&Taxonomy::bundled());
    let filters = filter_queries(&c, 600);
    let searches = search_queries(600);

    println!("# Kuzet vault benchmark: {n} cases, {} developments\n", n.div_ceil(5));

    let (mut create_s, mut fill_enc, mut fill_plain) = (f64::NAN, f64::NAN, f64::NAN);
    if !reuse {
        let t = Instant::now();
        let mut v = Vault::create(&enc_path, &pass).expect("create");
        create_s = t.elapsed().as_secs_f64();
        fill_enc = fill(&mut v, n, &c);
        drop(v);
        let mut p = Vault::create_plain_for_bench(&plain_path).expect("create plain");
        fill_plain = fill(&mut p, n, &c);
        drop(p);
    }

    reset_peak();
    let rss_before = status_kib("VmRSS:");
    let t = Instant::now();
    let v = Vault::open(&enc_path, &pass).expect("open");
    let open_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let first = v.find(&CaseFilter::default(), Page::default()).expect("first page");
    let first_ms = t.elapsed().as_secs_f64() * 1000.0;
    // Saving an edited case (its history entry with the changed title, a
    // snapshot and the hash chain included), then the list the app shows
    // next (the catalogue is updated in place), 20 times.
    let mut v = v;
    let mut saves = Vec::new();
    for k in 0..20 {
        let c = first.cases[k % first.cases.len()].clone();
        let mut data = c.data;
        data.title = format!("{} · {k}", data.title);
        let t = Instant::now();
        v.update_case(c.id, data, Utc::now()).expect("save");
        v.find(&CaseFilter::default(), Page::default()).expect("list after save");
        saves.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    saves.sort_by(f64::total_cmp);
    let v = v;
    let t = Instant::now();
    let all = v.all_cases().expect("all cases").len();
    let all_s = t.elapsed().as_secs_f64();
    let peak_session = status_kib("VmHWM:");

    let pv = Vault::open_plain_for_bench(&plain_path).expect("open plain");
    let (enc_filter, plain_filter) = measure_pair(&v, &pv, &filters);
    let (enc_search, plain_search) = measure_pair(&v, &pv, &searches);
    drop(pv);
    drop(v);

    let size_enc = std::fs::metadata(&enc_path).map(|m| m.len()).unwrap_or(0);
    let size_plain = std::fs::metadata(&plain_path).map(|m| m.len()).unwrap_or(0);
    assert_eq!(first.total as usize, n);
    assert_eq!(all, n);

    println!("| measure | encrypted vault | plain SQLite | ratio |");
    println!("|---|---|---|---|");
    let row = |name: &str, e: f64, p: f64| println!("| {name} | {e:.2} ms | {p:.2} ms | {:.2}× |", e / p);
    row("filtered page, p50", enc_filter.p50, plain_filter.p50);
    row("filtered page, p95", enc_filter.p95, plain_filter.p95);
    row("filtered page, max", enc_filter.max, plain_filter.max);
    row("free-text search, p50", enc_search.p50, plain_search.p50);
    row("free-text search, p95", enc_search.p95, plain_search.p95);
    row("free-text search, max", enc_search.max, plain_search.max);
    println!(
        "| file size | {:.1} MiB | {:.1} MiB | {:.2}× |",
        mib(size_enc),
        mib(size_plain),
        size_enc as f64 / size_plain as f64
    );
    println!(
        "| import ({n} cases, batches of 5 000) | {fill_enc:.1} s | {fill_plain:.1} s | {:.2}× |",
        fill_enc / fill_plain
    );
    let names = [
        "month + group",
        "one region",
        "year + victim type + open",
        "two categories + kind, oldest first",
        "no filter",
        "two regions, offset 1000",
    ];
    for (i, name) in names.iter().enumerate() {
        let (e50, e95) = enc_filter.by_shape[i];
        let (_, p95) = plain_filter.by_shape[i];
        println!("| filtered: {name}, p50 / p95 | {e50:.2} / {e95:.2} ms | p95 {p95:.2} ms | {:.2}× |", e95 / p95);
    }
    let snames = ["one word", "two words", "one word + year", "two words", "one word", "two words + year"];
    for (i, name) in snames.iter().enumerate() {
        let (e50, e95) = enc_search.by_shape[i];
        let (_, p95) = plain_search.by_shape[i];
        println!("| search: {name}, p50 / p95 | {e50:.2} / {e95:.2} ms | p95 {p95:.2} ms | {:.2}× |", e95 / p95);
    }
    println!();
    println!(
        "- queries: {} filtered pages (mean {:.0} matches), {} searches (mean {:.0} matches), after 20 warm-up queries; each query on the encrypted vault, then at once on the plain file",
        filters.len(),
        enc_filter.mean_hits,
        searches.len(),
        enc_search.mean_hits
    );
    println!("- create (KDF + schema + taxonomy): {create_s:.2} s; open (KDF + checks): {open_s:.2} s; first page after open: {first_ms:.1} ms");
    println!(
        "- save one edited case (with its history entry) + list the first page: p50 {:.1} ms, max {:.1} ms (20 saves)",
        saves[saves.len() / 2],
        saves[saves.len() - 1]
    );
    println!("- all_cases() ({all} cases, for export/counting): {all_s:.2} s");
    println!(
        "- memory: RSS {:.0} MiB before open; peak (VmHWM) {:.0} MiB during the encrypted session (open, first page, 20 saves, all_cases)",
        rss_before as f64 / 1024.0,
        peak_session as f64 / 1024.0
    );
    let _ = Path::new(&dir);
}
