//! Bad input: every refusal has its documented exit code and a message
//! naming the problem, and leaves the vault as it was.

use super::*;
use kuzet_core::vault::{Passphrase, Vault};

const HEADER: &str = "ref,kind,parent_ref,event_date,category,title\n";

/// Imports `csv` into a vault holding the fixture, expects exit 4 with every
/// `needle` on stderr, and checks that nothing changed.
fn refused(csv: impl AsRef<[u8]>, needles: &[&str]) {
    let d = Dir::with_fixture();
    let before = d.stats("2024-05");
    let file = d.file("bad.csv", csv);
    let run = d.kuzet(&["import", file.to_str().unwrap()]).fails(4, needles);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert_eq!(d.stats("2024-05"), before, "a refused import leaves the vault unchanged");
    assert_eq!(
        d.kuzet(&["search", "Valid", "row", "--json"]).ok().stdout.trim(),
        "[]",
        "not even the valid rows of a refused file were written"
    );
}

#[test]
fn unknown_category_names_line_and_column() {
    refused(
        format!("{HEADER}N1,,,2024-05-10,journalists.threat,Valid row\nN2,,,2024-05-11,journalists.spying,Bad\n"),
        &["line 3, column category: unknown category journalists.spying"],
    );
}

#[test]
fn impossible_date() {
    refused(
        format!("{HEADER}N1,,,2024-05-10,journalists.threat,Valid row\nN2,,,2024-02-30,journalists.threat,Bad\n"),
        &["line 3, column event_date: \"2024-02-30\" is not a date in the calendar"],
    );
}

#[test]
fn development_without_a_case() {
    refused(
        format!("{HEADER}N1,,,2024-05-10,journalists.threat,Valid row\nD1,development,NOPE-1,2024-05-11,,Hearing\n"),
        &["line 3, column parent_ref: no case with ref \"NOPE-1\""],
    );
}

#[test]
fn a_development_may_continue_a_case_already_in_the_vault() {
    let d = Dir::with_fixture();
    let file = d.file("dev.csv", format!("{HEADER}2024-05-C02-D2,development,2024-05-C02,2024-05-30,,Appeal filed\n"));
    d.kuzet(&["import", file.to_str().unwrap()]).ok();
    assert_eq!(d.stats("2024-05")["total"], 45, "a development is never counted");
}

#[test]
fn duplicate_ref() {
    refused(
        format!("{HEADER}N1,,,2024-05-10,journalists.threat,Valid row\nN1,,,2024-05-11,journalists.threat,Again\n"),
        &["line 3, column ref: ref \"N1\" is already used on line 2"],
    );
}

#[test]
fn unknown_column() {
    refused("ref,event_date,title,colour\nN1,2024-05-10,Valid row,red\n", &["line 1, column colour: unknown column"]);
}

#[test]
fn every_bad_row_is_listed() {
    refused(
        format!(
            "{HEADER}N1,,,2024-05-10,journalists.threat,Valid row\n\
             N2,,,2024-13-01,journalists.threat,Bad month\n\
             N3,,,2024-05-12,,No category\n"
        ),
        &["2 problem(s)", "line 3, column event_date", "line 4, column category: required for a case"],
    );
}

#[test]
fn truncated_file_with_an_open_quote() {
    refused(
        format!("{HEADER}N1,,,2024-05-10,journalists.threat,Valid row\nN2,,,2024-05-11,journalists.threat,\"Cut off"),
        &["line 3: a quoted field starts here and is never closed"],
    );
}

#[test]
fn binary_file() {
    refused(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03Valid row", &["line 1: the file holds a NUL byte"]);
}

#[test]
fn file_that_is_not_utf8() {
    let mut bytes =
        format!("{HEADER}N1,,,2024-05-10,journalists.threat,Valid row\nN2,,,2024-05-10,journalists.threat,")
            .into_bytes();
    // "Алматы" in Windows-1251, as an old spreadsheet would save it.
    bytes.extend_from_slice(b"\xC0\xEB\xEC\xE0\xF2\xFB\n");
    refused(bytes, &["line 3: the file is not UTF-8 text (byte 0xC0"]);
}

#[test]
fn utf16_without_a_bom() {
    let text = format!("{HEADER}N1,,,2024-05-10,journalists.threat,Valid row\n");
    // Cyrillic in UTF-16 without a BOM is all bytes below 0x80: valid UTF-8,
    // but full of control characters.
    let bytes: Vec<u8> = "Алматы".encode_utf16().flat_map(u16::to_le_bytes).collect();
    refused([text.as_bytes(), &bytes].concat(), &["line 3: the file holds the control character U+0010"]);
}

#[test]
fn import_file_that_does_not_exist() {
    let d = Dir::with_fixture();
    d.kuzet(&["import", d.path("nope.csv").to_str().unwrap()]).fails(4, &["cannot read"]);
}

#[test]
fn wrong_passphrase() {
    let d = Dir::with_fixture();
    let run = d.kuzet_with(&["stats", "--month", "2024-05"], &[("KUZET_PASSPHRASE", "guess")]);
    run.fails(3, &["wrong passphrase"]);
}

#[test]
fn an_empty_passphrase_is_a_usage_error_not_a_wrong_one() {
    let d = Dir::with_fixture();
    let run = d.kuzet_with(&["stats", "--month", "2024-05"], &[("KUZET_PASSPHRASE", "")]);
    run.fails(2, &["the passphrase is empty"]);
}

#[test]
fn missing_vault_file() {
    let d = Dir::new();
    d.kuzet(&["stats", "--month", "2024-05"]).fails(3, &["there is no vault at"]);
}

#[test]
fn a_file_that_is_not_a_vault() {
    let d = Dir::new();
    std::fs::write(&d.vault, "ref,title\n1,not a vault\n").unwrap();
    d.kuzet(&["search", "x"]).fails(3, &["is not a Kuzet vault"]);
    assert_eq!(std::fs::read_to_string(&d.vault).unwrap(), "ref,title\n1,not a vault\n", "left untouched");
}

#[test]
fn init_never_overwrites_a_file() {
    let d = Dir::new();
    std::fs::write(&d.vault, "precious").unwrap();
    d.kuzet(&["init"]).fails(4, &["already exists"]);
    assert_eq!(std::fs::read_to_string(&d.vault).unwrap(), "precious");
}

#[test]
fn a_vault_open_elsewhere_is_in_use() {
    let d = Dir::with_fixture();
    let held = Vault::open(&d.vault, &Passphrase::new(PASS)).expect("the test opens the vault");
    d.kuzet(&["stats", "--month", "2024-05"]).fails(5, &["already open"]);
    drop(held);
    d.kuzet(&["stats", "--month", "2024-05"]).ok();
}

#[test]
fn usage_errors_exit_2() {
    let d = Dir::with_fixture();
    d.kuzet(&["stats", "--month", "2024-13"]).fails(2, &["not a month"]);
    d.kuzet(&["export", "--format", "pdf", "--out", "x"]).fails(2, &["invalid value"]);
    d.kuzet(&["frobnicate"]).fails(2, &[]);
}

#[test]
fn no_passphrase_without_a_terminal_is_a_usage_error() {
    // setsid detaches the child from any controlling terminal, so the prompt
    // cannot open /dev/tty even when the tests run in one.
    let Ok(out) = Command::new("setsid")
        .arg("-w")
        .arg(env!("CARGO_BIN_EXE_kuzet"))
        .args(["--vault", "/nonexistent.kuzet", "stats", "--month", "2024-05"])
        .env_remove("KUZET_PASSPHRASE")
        .stdin(std::process::Stdio::null())
        .output()
    else {
        panic!("setsid (util-linux) is needed for this test");
    };
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("set KUZET_PASSPHRASE"));
}

#[test]
fn a_development_cannot_move_to_another_case() {
    let d = Dir::with_fixture();
    let file = d.file(
        "move.csv",
        format!("{HEADER}2024-05-C02-D1,development,2024-05-C01,2024-05-13,,Maricheva fined 73 840 tenge\n"),
    );
    let f = file.to_str().unwrap();
    d.kuzet(&["import", "--dry-run", f]).fails(4, &["line 2, column parent_ref:", "belongs to another case"]);
    d.kuzet(&["import", f]).fails(4, &["line 2, column parent_ref:", "belongs to another case"]);
}

#[test]
fn an_export_never_replaces_the_vault() {
    let d = Dir::with_fixture();
    let vault = d.vault.to_str().unwrap().to_string();
    d.kuzet(&["export", "--format", "csv", "--out", &vault]).fails(4, &["is the vault itself"]);
    d.kuzet(&["overview", "--month", "2024-05", "--lang", "en", "--out", &vault]).fails(4, &["is the vault itself"]);
    d.kuzet(&["export", "--format", "csv", "--force", "--out", &vault]).fails(4, &["is the vault itself"]);
    let lock = format!("{}.lock", d.vault.canonicalize().unwrap().display());
    d.kuzet(&["export", "--format", "json", "--force", "--out", &lock]).fails(4, &["lock file"]);
    assert_eq!(d.stats("2024-05")["total"], 45, "the vault is intact");
}

#[test]
fn an_existing_file_is_replaced_only_with_force() {
    let d = Dir::with_fixture();
    let backup = d.path("backup.kuzet");
    d.kuzet(&["backup", "--out", backup.to_str().unwrap()]).ok();
    let before = std::fs::read(&backup).unwrap();
    let out = backup.to_str().unwrap();
    d.kuzet(&["export", "--format", "csv", "--out", out]).fails(4, &["already exists", "--force"]);
    d.kuzet(&["overview", "--month", "2024-05", "--lang", "kk", "--out", out]).fails(4, &["already exists"]);
    assert_eq!(std::fs::read(&backup).unwrap(), before, "the encrypted backup is untouched");
    d.kuzet(&["export", "--format", "csv", "--force", "--out", out]).ok();
    assert!(std::fs::read_to_string(&backup).unwrap().contains("event_date"), "replaced with --force");
}

#[test]
fn a_search_without_letters_is_a_usage_error_not_every_case() {
    let d = Dir::new();
    // Checked before the vault is opened: no vault needed.
    for text in ["\"", "*", "-", "  "] {
        d.kuzet(&["search", text]).fails(2, &["no letter or digit"]);
    }
}

#[test]
fn a_development_of_a_development_is_named_as_such() {
    let d = Dir::with_fixture();
    let file = d.file("devdev.csv", format!("{HEADER}X-1,development,2024-05-C01-D1,2024-06-01,,Appeal filed\n"));
    let f = file.to_str().unwrap();
    d.kuzet(&["import", f]).fails(4, &["line 2, column parent_ref:", "is a development in the vault, not a case"]);
}
