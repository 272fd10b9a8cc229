//! The main path: init, import, stats, search, export, import again.

use super::*;

#[test]
fn the_fixture_gives_the_published_may_2024_counts() {
    let d = Dir::new();
    d.kuzet(&["init"]).ok();
    let run = d.kuzet(&["import", fixture().to_str().unwrap()]).ok();
    assert!(run.stdout.contains("added 67, updated 0, unchanged 0"), "{}", run.stdout);
    assert_eq!(run.stderr, "", "no progress output when stderr is not a terminal");
    let may = d.stats("2024-05");
    assert_published_counts(&may);
    assert_eq!(may["previous_month"]["total"], 7, "April 2024 in the fixture: 3 + 2 + 2, Adilbekov's case included");
    assert_eq!(may["previous_year_same_month"]["total"], 6, "May 2023 in the fixture: 3 + 2 + 1");
    let human = d.kuzet(&["stats", "--month", "2024-05"]).ok();
    assert!(human.stdout.contains("May 2024: 45 counted"), "{}", human.stdout);
}

#[test]
fn importing_the_same_file_again_changes_nothing() {
    let d = Dir::with_fixture();
    let before = d.stats("2024-05");
    let run = d.kuzet(&["import", fixture().to_str().unwrap()]).ok();
    assert!(run.stdout.contains("added 0, updated 0, unchanged 67"), "{}", run.stdout);
    assert_eq!(d.stats("2024-05"), before);
}

#[test]
fn a_dry_run_reports_and_writes_nothing() {
    let d = Dir::new();
    d.kuzet(&["init"]).ok();
    let run = d.kuzet(&["import", "--dry-run", fixture().to_str().unwrap()]).ok();
    assert!(run.stdout.contains("would add 67, update 0, leave 0 unchanged"), "{}", run.stdout);
    assert_eq!(d.stats("2024-05")["total"], 0, "a dry run writes nothing");
    d.kuzet(&["import", fixture().to_str().unwrap()]).ok();
    let edited = std::fs::read_to_string(fixture()).unwrap().replace(
        "Police stopped a TV crew filming at a flood evacuation point",
        "Police stopped a TV crew filming at an evacuation point",
    );
    let run = d.kuzet(&["import", "--dry-run", d.file("edited.csv", edited).to_str().unwrap()]).ok();
    assert!(run.stdout.contains("would add 0, update 1, leave 66 unchanged"), "{}", run.stdout);
}

#[test]
fn search_folds_kazakh_upper_case_and_sorts_by_date() {
    let d = Dir::with_fixture();
    let run = d.kuzet(&["search", "ҚҰЛСАРЫ"]).ok();
    assert!(run.stdout.contains("2024-05-I01"), "«Құлсары» is found from upper case: {}", run.stdout);
    assert!(run.stdout.contains("2024-05-03"), "the date is printed: {}", run.stdout);
    let run = d.kuzet(&["search", "ТАСҚЫНЫНАН", "--json"]).ok();
    let cases: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(cases[0]["external_ref"], "2024-05-I01");
    let run = d.kuzet(&["search", "journalist", "--json"]).ok();
    let cases: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    assert!(cases.len() > 10, "many cases mention journalists: {}", cases.len());
    let dates: Vec<&str> = cases.iter().map(|c| c["event_date"].as_str().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "search results are sorted by date");
    let none = d.kuzet(&["search", "жоқсөзжоқ"]).ok();
    assert_eq!(none.stdout, "", "no match prints no rows");
}

#[test]
fn a_csv_export_imports_into_a_fresh_vault_with_the_same_counts() {
    let d = Dir::with_fixture();
    let csv = d.path("export.csv");
    let run = d.kuzet(&["export", "--format", "csv", "--out", csv.to_str().unwrap()]).ok();
    assert!(run.stderr.contains("NOT encrypted"), "the user is told: {}", run.stderr);
    let bytes = std::fs::read(&csv).unwrap();
    assert!(
        bytes.starts_with("\u{feff}# Kuzet full export - contains the names of private persons".as_bytes()),
        "UTF-8 BOM and the notice line"
    );
    assert!(
        String::from_utf8_lossy(&bytes).lines().nth(1).unwrap().starts_with("ref,kind,parent_ref,event_date"),
        "then the import header"
    );
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("\"'- 41 случай"), "a cell starting with '-' is neutralised for spreadsheets");

    let again = d.kuzet(&["import", csv.to_str().unwrap()]).ok();
    assert!(again.stdout.contains("added 0, updated 0, unchanged 67"), "export → same vault: {}", again.stdout);

    let fresh = Dir::new();
    fresh.kuzet(&["init"]).ok();
    let run = fresh.kuzet(&["import", csv.to_str().unwrap()]).ok();
    assert!(run.stdout.contains("added 67"), "{}", run.stdout);
    for month in ["2024-05", "2024-04", "2023-05"] {
        assert_eq!(fresh.stats(month), d.stats(month), "{month}: same counts after export and import");
    }
    let summary = |dir: &Dir| dir.kuzet(&["search", "41", "--json"]).ok().stdout;
    assert_eq!(
        serde_json::from_str::<Value>(&summary(&fresh)).unwrap()[0]["summary"],
        serde_json::from_str::<Value>(&summary(&d)).unwrap()[0]["summary"],
        "the apostrophe is removed again on import"
    );
}

#[test]
fn a_month_export_holds_that_months_cases_and_their_developments() {
    let d = Dir::with_fixture();
    let csv = d.path("may.csv");
    let run = d.kuzet(&["export", "--format", "csv", "--month", "2024-05", "--out", csv.to_str().unwrap()]).ok();
    assert!(run.stdout.contains("50 case(s) and 2 development(s)"), "45 counted + 5 context; {}", run.stdout);
    let fresh = Dir::new();
    fresh.kuzet(&["init"]).ok();
    fresh.kuzet(&["import", csv.to_str().unwrap()]).ok();
    assert_published_counts(&fresh.stats("2024-05"));
    assert_eq!(fresh.stats("2024-05")["previous_month"]["total"], 0, "April is not in a May export");
}

#[test]
fn xlsx_and_json_exports() {
    let d = Dir::with_fixture();
    let xlsx = d.path("cases.xlsx");
    d.kuzet(&["export", "--format", "xlsx", "--out", xlsx.to_str().unwrap()]).ok();
    let bytes = std::fs::read(&xlsx).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"), "an XLSX file is a zip archive");
    assert!(bytes.len() > 5000, "it holds the cases: {} bytes", bytes.len());

    let json = d.path("cases.json");
    d.kuzet(&["export", "--format", "json", "--out", json.to_str().unwrap()]).ok();
    let v: Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).expect("valid JSON");
    assert_eq!(v["format"], "kuzet-export");
    assert_eq!(
        v["cases"].as_array().unwrap().len(),
        63,
        "May 2024: 45 counted + 5 context events; April 2024: 7; May 2023: 6"
    );
    assert_eq!(v["developments"].as_array().unwrap().len(), 4, "Gusev, Maricheva, Adilbekov ×2");
    let maricheva = v["cases"].as_array().unwrap().iter().find(|c| c["external_ref"] == "2024-05-C02").unwrap();
    assert_eq!(maricheva["proceeding"]["branch"], "administrative", "claims carry their branch");
    assert_eq!(maricheva["proceeding"]["fine_kzt"], 73840);
}

#[test]
fn passwd_and_backup() {
    let d = Dir::with_fixture();
    let new = "новый пароль қазақша";
    d.kuzet_with(&["passwd"], &[("KUZET_PASSPHRASE", PASS), ("KUZET_NEW_PASSPHRASE", new)]).ok();
    d.kuzet(&["stats", "--month", "2024-05"]).fails(3, &["wrong passphrase"]);
    let stats = d.kuzet_with(&["stats", "--month", "2024-05", "--json"], &[("KUZET_PASSPHRASE", new)]).ok();
    assert!(stats.stdout.contains("\"total\": 45"));

    let backup = d.path("backup.kuzet");
    d.kuzet_with(&["backup", "--out", backup.to_str().unwrap()], &[("KUZET_PASSPHRASE", new)]).ok();
    let bytes = std::fs::read(&backup).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3"), "the backup is encrypted");
    let copy = Dir { dir: tempfile::tempdir().unwrap(), vault: backup.clone() };
    let run = copy.kuzet_with(&["stats", "--month", "2024-05", "--json"], &[("KUZET_PASSPHRASE", new)]).ok();
    assert!(run.stdout.contains("\"total\": 45"), "the backup opens with the same passphrase");
    d.kuzet_with(&["backup", "--out", backup.to_str().unwrap()], &[("KUZET_PASSPHRASE", new)])
        .fails(4, &["already exists"]);
}

#[test]
fn demo_builds_a_vault_with_passphrase_demo() {
    let d = Dir::new();
    let run = d.kuzet_with(&["demo"], &[]).ok();
    assert!(run.stdout.contains("passphrase \"demo\""), "{}", run.stdout);
    let stats = d.kuzet_with(&["stats", "--month", "2024-05", "--json"], &[("KUZET_PASSPHRASE", "demo")]).ok();
    assert_published_counts(&serde_json::from_str(&stats.stdout).unwrap());
    d.kuzet_with(&["demo"], &[]).fails(4, &["already exists"]);
}

/// A relative path starting with `file:` is a file of that name, never an
/// SQLite URI (`?mode=memory` once sent the backup to memory: 0 bytes).
#[test]
fn a_backup_named_like_an_sqlite_uri_is_a_real_file() {
    let d = Dir::with_fixture();
    let name = "file:copy.kuzet?mode=memory";
    d.kuzet(&["backup", "--out", name]).ok();
    let written = d.path(name);
    assert!(std::fs::metadata(&written).unwrap().len() > 8192, "the copy is on disk");
    let copy = Dir { dir: tempfile::tempdir().unwrap(), vault: written };
    let run = copy.kuzet(&["stats", "--month", "2024-05", "--json"]).ok();
    assert!(run.stdout.contains("\"total\": 45"), "the copy opens");
}
