//! The encrypted vault: opening and refusing files, the lock, secrecy on
//! disk, re-key and backup, cases and developments, search, import.

mod dry_run;
mod evidence;
mod exchange;
mod files;
mod import;
mod records;
mod search;
mod secrecy;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use kuzet_core::case::{CaseData, CaseKind, CaseStatus, DevelopmentData, Victim};
use kuzet_core::codes::{CategoryCode, PerpetratorTypeCode, RegionCode, VictimTypeCode};
use kuzet_core::lang::Lang;
use kuzet_core::vault::{Passphrase, Vault};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

pub fn at(h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 6, 1, h, 0, 0).unwrap()
}

pub fn pass() -> Passphrase {
    Passphrase::new("қорғаныс-2024")
}

/// A temporary folder and a vault path inside it.
pub fn place() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("cases.kuzet");
    (dir, path)
}

pub fn new_vault() -> (TempDir, Vault) {
    let (dir, path) = place();
    let v = Vault::create(&path, &pass()).expect("create vault");
    (dir, v)
}

/// A valid counted case.
pub fn case(on: NaiveDate, category: &str, title: &str) -> CaseData {
    CaseData {
        external_ref: None,
        kind: if category.starts_with("context.") { CaseKind::Context } else { CaseKind::Case },
        event_date: on,
        region: None,
        category: CategoryCode::new(category).unwrap(),
        tags: vec![],
        title: title.into(),
        summary: String::new(),
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
    }
}

pub fn with_ref(mut c: CaseData, r: &str) -> CaseData {
    c.external_ref = Some(r.into());
    c
}

pub fn region(c: &str) -> RegionCode {
    RegionCode::new(c).unwrap()
}

pub fn victim_type(c: &str) -> VictimTypeCode {
    VictimTypeCode::new(c).unwrap()
}

pub fn perpetrator(c: &str) -> PerpetratorTypeCode {
    PerpetratorTypeCode::new(c).unwrap()
}

pub fn dev(on: NaiveDate, title: &str) -> DevelopmentData {
    DevelopmentData {
        external_ref: None,
        event_date: on,
        title: title.into(),
        summary: String::new(),
        sources: vec![],
        language: Some(Lang::Ru),
        private_names: vec![],
        translations: Default::default(),
    }
}

/// Every regular file in `dir` (recursively) with its bytes.
pub fn files_in(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files_in(&p));
        } else {
            out.push((p.clone(), std::fs::read(&p).unwrap()));
        }
    }
    out.sort();
    out
}
