//! Commands that only read leave the vault file exactly as it was: same
//! bytes, same modification time (a backup or sync tool sees no change).

use super::*;

#[test]
fn stats_search_and_export_do_not_change_the_vault_file() {
    let d = Dir::with_fixture();
    let out = d.path("all.json");
    let month_out = d.path("may.csv");
    let runs: [&[&str]; 5] = [
        &["stats", "--month", "2024-05"],
        &["stats", "--month", "2024-05", "--json"],
        &["search", "journalist"],
        &["export", "--format", "json", "--out", out.to_str().unwrap()],
        &["export", "--format", "csv", "--month", "2024-05", "--out", month_out.to_str().unwrap()],
    ];
    for args in runs {
        let bytes = std::fs::read(&d.vault).unwrap();
        let modified = std::fs::metadata(&d.vault).unwrap().modified().unwrap();
        // Coarse file-system clocks: a write must be able to move the time.
        std::thread::sleep(std::time::Duration::from_millis(20));
        d.kuzet(args).ok();
        assert!(std::fs::read(&d.vault).unwrap() == bytes, "kuzet {} changed the vault's bytes", args.join(" "));
        assert_eq!(
            std::fs::metadata(&d.vault).unwrap().modified().unwrap(),
            modified,
            "kuzet {} touched the vault file",
            args.join(" ")
        );
    }
}
