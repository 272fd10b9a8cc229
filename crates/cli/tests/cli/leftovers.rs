//! What an interrupted (killed) run leaves behind is removed, and reported,
//! by the next run of the same command. The tests plant the file the killed
//! run would have left instead of killing one.

use super::*;

/// Asserts that `path` is gone and that `run` said it removed it.
fn removed_and_said_so(run: &Run, path: &Path) {
    assert!(!path.exists(), "kuzet {} left {} in place", run.what, path.display());
    let name = path.file_name().unwrap().to_str().unwrap();
    assert!(
        run.stderr.contains("removed") && run.stderr.contains(name),
        "kuzet {} does not say it removed {name}:\n{}",
        run.what,
        run.stderr
    );
}

#[test]
fn export_removes_the_plaintext_partial_file_a_killed_export_left() {
    let d = Dir::with_fixture();
    let partial = d.file(".may.csv.kuzet-partial", "ref,title\nKZ-1,half-written plaintext");
    let old_temp = d.file(".kuzet-export-Ab12Cd", "ref,title\nKZ-1,left by an older version");
    let out = d.path("may.csv");
    let run = d.kuzet(&["export", "--format", "csv", "--out", out.to_str().unwrap()]).ok();
    removed_and_said_so(&run, &partial);
    removed_and_said_so(&run, &old_temp);
    assert!(std::fs::read_to_string(&out).unwrap().contains("event_date"));
    let names: Vec<String> =
        std::fs::read_dir(d.dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert!(!names.iter().any(|n| n.contains("partial") || n.starts_with(".kuzet")), "nothing left: {names:?}");
}

#[test]
fn overview_removes_the_partial_pdf_a_killed_overview_left() {
    let d = Dir::with_fixture();
    let partial = d.file(".may.pdf.kuzet-partial", "%PDF-1.7 half");
    let out = d.path("may.pdf");
    let run = d
        .kuzet(&["overview", "--month", "2024-05", "--lang", "en", "--out", out.to_str().unwrap(), "--names-checked"])
        .ok();
    removed_and_said_so(&run, &partial);
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));
}

#[test]
fn a_backup_retried_after_a_kill_succeeds_and_removes_the_partial_copy() {
    let d = Dir::with_fixture();
    // A killed backup leaves only its partial file, never the name asked for.
    let partial = d.file(".backup.kuzet.kuzet-partial", vec![0u8; 8192]);
    let out = d.path("backup.kuzet");
    let run = d.kuzet(&["backup", "--out", out.to_str().unwrap()]).ok();
    removed_and_said_so(&run, &partial);
    let copy = Dir { dir: tempfile::tempdir().unwrap(), vault: out.clone() };
    assert_eq!(copy.stats("2024-05")["total"], 45, "the backup is complete");
}

#[test]
fn opening_the_vault_removes_the_copy_a_killed_rekey_left() {
    let d = Dir::with_fixture();
    let partial = d.file(".cases.kuzet.kuzet-partial", vec![0u8; 8192]);
    let older = d.file("cases.kuzet.rekey-tmp", vec![0u8; 8192]);
    let run = d.kuzet(&["stats", "--month", "2024-05"]).ok();
    removed_and_said_so(&run, &partial);
    removed_and_said_so(&run, &older);
    let run = d.kuzet(&["stats", "--month", "2024-05"]).ok();
    assert!(!run.stderr.contains("removed"), "nothing more to remove:\n{}", run.stderr);
}

/// Real kills, at spread points of a run: whatever moment `backup` or
/// `export` dies at, the name asked for is absent or complete, nothing but
/// the partial file is left, and the retry succeeds and leaves nothing.
#[cfg(unix)]
#[test]
fn killed_backups_and_exports_leave_nothing_the_retry_does_not_clean() {
    use std::time::{Duration, Instant};
    let d = Dir::with_fixture();
    let baseline: Vec<String> = names(&d);
    for (what, out_name) in [("backup", "b.kuzet"), ("export", "all.csv")] {
        let out = d.path(out_name);
        let args: Vec<&str> = match what {
            "backup" => vec!["backup", "--out", out.to_str().unwrap()],
            _ => vec!["export", "--format", "csv", "--force", "--out", out.to_str().unwrap()],
        };
        let started = Instant::now();
        d.kuzet(&args).ok();
        let full = started.elapsed();
        std::fs::remove_file(&out).unwrap();
        for step in 0..10u32 {
            let mut child = command(&d, &args).spawn().unwrap();
            std::thread::sleep(full * step / 10 + Duration::from_millis(u64::from(step)));
            let _ = child.kill();
            let _ = child.wait();
            if out.exists() {
                complete(what, &out);
                std::fs::remove_file(&out).unwrap();
            }
            let extra: Vec<String> = names(&d).into_iter().filter(|n| !baseline.contains(n)).collect();
            // The partial file, and for a backup SQLite's (encrypted) journal of it.
            let partial = format!(".{out_name}.kuzet-partial");
            let journal = format!("{partial}-journal");
            assert!(
                extra.iter().all(|n| *n == partial || *n == journal),
                "{what} killed at step {step} left {extra:?}"
            );
            d.kuzet(&args).ok();
            complete(what, &out);
            std::fs::remove_file(&out).unwrap();
            assert_eq!(names(&d), baseline, "{what}: the retry after step {step} leaves nothing");
        }
    }
}

/// The names in the test folder, sorted, without lock files (checking a
/// backup opens it, which makes its lock file).
fn names(d: &Dir) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(d.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| !n.ends_with(".lock"))
        .collect();
    n.sort();
    n
}

/// `kuzet --vault <vault> args…` as a command, with the test passphrase.
fn command(d: &Dir, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kuzet"));
    cmd.arg("--vault").arg(&d.vault).args(args).current_dir(d.dir.path());
    cmd.env_remove("KUZET_VAULT").env_remove("KUZET_NEW_PASSPHRASE").env("KUZET_PASSPHRASE", PASS);
    cmd.stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
    cmd
}

/// Asserts that `out` is a complete backup or export of the fixture.
fn complete(what: &str, out: &Path) {
    if what == "backup" {
        let copy = Dir { dir: tempfile::tempdir().unwrap(), vault: out.to_path_buf() };
        assert_eq!(copy.stats("2024-05")["total"], 45, "a complete backup");
    } else {
        let text = std::fs::read_to_string(out).unwrap();
        let rows = text.lines().count();
        assert!(rows > 67, "a complete export has the header and all 67 records: {rows} lines");
    }
}

/// Real kills during `passwd`: afterwards exactly one of the two
/// passphrases opens the vault, with every case, and the next command that
/// opens it leaves nothing beside it.
#[cfg(unix)]
#[test]
fn a_killed_passwd_leaves_one_passphrase_and_nothing_the_next_open_does_not_clean() {
    use std::time::{Duration, Instant};
    let d = Dir::with_fixture();
    let baseline = names(&d);
    let (mut current, mut other) = (PASS.to_string(), "another passphrase 2024".to_string());
    let passwd = |from: &str, to: &str| {
        let mut cmd = command(&d, &["passwd"]);
        cmd.env("KUZET_PASSPHRASE", from).env("KUZET_NEW_PASSPHRASE", to);
        cmd
    };
    let started = Instant::now();
    assert!(passwd(&current, &other).status().unwrap().success());
    let full = started.elapsed();
    std::mem::swap(&mut current, &mut other);
    for step in 0..10u32 {
        let mut child = passwd(&current, &other).spawn().unwrap();
        std::thread::sleep(full * step / 10 + Duration::from_millis(u64::from(step)));
        let _ = child.kill();
        let _ = child.wait();
        let opens = |p: &str| {
            let run = d.kuzet_with(&["stats", "--month", "2024-05", "--json"], &[("KUZET_PASSPHRASE", p)]);
            (run.code == 0).then(|| serde_json::from_str::<Value>(&run.stdout).unwrap()["total"].clone())
        };
        match (opens(&current), opens(&other)) {
            (Some(total), None) => assert_eq!(total, 45, "step {step}: the old passphrase opens everything"),
            (None, Some(total)) => {
                assert_eq!(total, 45, "step {step}: the new passphrase opens everything");
                std::mem::swap(&mut current, &mut other);
            }
            (a, b) => panic!("step {step}: exactly one passphrase must open the vault: {a:?} {b:?}"),
        }
        assert_eq!(names(&d), baseline, "step {step}: the open after the kill leaves nothing beside the vault");
    }
}
