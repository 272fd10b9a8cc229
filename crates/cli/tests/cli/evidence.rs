//! `attach`, `attachments`, `extract`, `history`, `verify`, `delete` and
//! `trash` through the binary, and a real kill during a large attachment.

use super::*;

/// Bytes with a marker at each MiB, so a plaintext copy would be found.
fn evidence(len: usize) -> Vec<u8> {
    let marker = "ДӘЛЕЛ-CLI-маркер".as_bytes();
    (0..len)
        .map(|i| {
            if i % (1 << 20) < marker.len() {
                marker[i % (1 << 20)]
            } else {
                (i as u32).wrapping_mul(2_654_435_761).to_le_bytes()[3]
            }
        })
        .collect()
}

#[test]
fn attach_list_extract_verify_history_and_trash() {
    let d = Dir::with_fixture();
    let photo = d.file("фото.bin", evidence(3 << 20));
    let run = d.kuzet_with(
        &["attach", "2024-05-J06", photo.to_str().unwrap()],
        &[("KUZET_PASSPHRASE", PASS), ("KUZET_STAFF", "Әлия Сейітова")],
    );
    let run = run.ok();
    assert!(run.stdout.contains("Attached фото.bin"), "{}", run.stdout);
    let list = d.kuzet(&["attachments", "2024-05-J06", "--json"]).ok();
    let list: Value = serde_json::from_str(&list.stdout).unwrap();
    assert_eq!(list[0]["size"], 3 << 20);
    assert_eq!(list[0]["added_by"], "Әлия Сейітова");
    let out = d.path("copy.bin");
    let run = d.kuzet(&["extract", "2024-05-J06", "1", "--out", out.to_str().unwrap()]).ok();
    assert!(run.stdout.contains("verified"), "{}", run.stdout);
    assert_eq!(std::fs::read(&out).unwrap(), evidence(3 << 20));
    d.kuzet(&["extract", "2024-05-J06", "фото.bin", "--out", out.to_str().unwrap()]).fails(4, &["exists"]);
    d.kuzet(&["extract", "2024-05-J06", "9", "--out", d.path("x").to_str().unwrap()])
        .fails(4, &["no attachment \"9\""]);
    d.kuzet(&["extract", "2024-05-J06", "1", "--out", d.vault.to_str().unwrap(), "--force"]).fails(4, &[]);

    let verify = d.kuzet(&["verify"]).ok();
    assert!(
        verify.stdout.contains("The chain holds") && verify.stdout.contains("1 re-hashed, 0 do not match"),
        "{}",
        verify.stdout
    );
    let history = d.kuzet(&["history", "2024-05-J06"]).ok();
    assert!(history.stdout.contains("Әлия Сейітова  via cli  created attachment"), "{}", history.stdout);
    assert!(history.stdout.contains("via import: may-2024.csv  created case"), "{}", history.stdout);

    d.kuzet(&["delete", "2024-05-J06"]).ok();
    assert_eq!(d.stats("2024-05")["total"], 44, "a case in the trash is not counted");
    let trash = d.kuzet(&["trash"]).ok();
    assert!(trash.stdout.contains("2024-05-J06") && trash.stdout.contains("1 attachment(s)"), "{}", trash.stdout);
    d.kuzet(&["trash", "--empty"]).fails(2, &["--yes"]);
    d.kuzet(&["trash", "--restore", "2024-05-J06"]).ok();
    assert_eq!(d.stats("2024-05")["total"], 45);
    d.kuzet(&["attachments", "2024-05-J06"]).ok();
}

#[test]
fn a_corrupt_attachment_fails_verify_and_extract_with_exit_6() {
    let d = Dir::with_fixture();
    let f = d.file("scan.pdf", evidence(1 << 20));
    d.kuzet(&["attach", "2024-05-J06", f.to_str().unwrap()]).ok();
    {
        let c = rusqlite::Connection::open(&d.vault).unwrap();
        c.pragma_update(None, "key", PASS).unwrap();
        c.execute("UPDATE attachment_chunks SET data = zeroblob(length(data))", []).unwrap();
    }
    d.kuzet(&["verify"]).fails(6, &["does not verify"]);
    let out = d.path("scan-copy.pdf");
    d.kuzet(&["extract", "2024-05-J06", "1", "--out", out.to_str().unwrap()]).fails(6, &["scan.pdf", "SHA-256"]);
    assert!(!out.exists());
}

/// `kill -9` while a large file is being attached: the next open rolls the
/// transaction back (SQLite's journal, encrypted), so there is no partial
/// attachment, `integrity_check` says ok, and no plaintext was written
/// anywhere; attaching again succeeds.
#[cfg(unix)]
#[test]
fn a_kill_while_attaching_leaves_no_partial_attachment() {
    use std::time::{Duration, Instant};
    let d = Dir::with_fixture();
    let big = d.file("video.bin", evidence(256 << 20));
    let before = std::fs::metadata(&d.vault).unwrap().len();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kuzet"));
    cmd.arg("--vault").arg(&d.vault).args(["attach", "2024-05-J06", big.to_str().unwrap()]);
    cmd.env("KUZET_PASSPHRASE", PASS).env_remove("KUZET_VAULT").stdout(std::process::Stdio::null());
    let mut child = cmd.spawn().unwrap();
    // Kill once the vault has grown by 32 MiB: midway through the chunks.
    let started = Instant::now();
    while std::fs::metadata(&d.vault).unwrap().len() < before + (32 << 20) {
        assert!(started.elapsed() < Duration::from_secs(120), "the attach never got going");
        assert!(child.try_wait().unwrap().is_none(), "the attach finished before it could be killed");
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(d.path("cases.kuzet-journal").exists(), "killed inside its transaction");
    // The journal and the grown file hold encrypted pages only.
    let marker = "ДӘЛЕЛ-CLI-маркер".as_bytes();
    for name in ["cases.kuzet", "cases.kuzet-journal"] {
        let bytes = std::fs::read(d.path(name)).unwrap();
        assert!(!bytes.windows(marker.len()).any(|w| w == marker), "{name} holds plaintext evidence");
    }

    let list = d.kuzet(&["attachments", "2024-05-J06", "--json"]).ok();
    assert_eq!(list.stdout.trim(), "[]", "no partial attachment");
    {
        let c = rusqlite::Connection::open(&d.vault).unwrap();
        c.pragma_update(None, "key", PASS).unwrap();
        let check: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(check, "ok");
        let chunks: i64 = c.query_row("SELECT count(*) FROM attachment_chunks", [], |r| r.get(0)).unwrap();
        assert_eq!(chunks, 0);
    }
    assert!(!d.path("cases.kuzet-journal").exists(), "rolled back on open");
    d.kuzet(&["verify"]).ok();
    let small = d.file("ok.bin", evidence(2 << 20));
    d.kuzet(&["attach", "2024-05-J06", small.to_str().unwrap()]).ok();
}
