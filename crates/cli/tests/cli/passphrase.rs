//! Passphrases as they are made and read: control characters are refused
//! when a passphrase is made (no prompt could type them again), and a
//! variable that is not UTF-8 is named as such, not reported as missing.

use super::*;

#[test]
fn a_new_passphrase_with_control_characters_is_refused() {
    for bad in ["tab\there", "line\nbreak", "bell\u{7}", "nul-less \u{1b}[31m"] {
        let d = Dir::new();
        let run = d.kuzet_with(&["init"], &[("KUZET_PASSPHRASE", bad)]);
        let run = run.fails(4, &["passphrase", "control characters"]);
        assert!(!run.stderr.contains(bad), "the passphrase is never printed");
        assert!(!d.vault.exists(), "no vault is made with {bad:?}");
    }
    let d = Dir::with_fixture();
    let run = d.kuzet_with(&["passwd"], &[("KUZET_PASSPHRASE", PASS), ("KUZET_NEW_PASSPHRASE", "new\tone")]);
    run.fails(4, &["passphrase", "control characters"]);
    d.kuzet(&["stats", "--month", "2024-05"]).ok();
}

#[cfg(unix)]
#[test]
fn a_passphrase_variable_that_is_not_utf8_is_named() {
    use std::os::unix::ffi::OsStringExt;
    let d = Dir::with_fixture();
    let not_utf8 = std::ffi::OsString::from_vec(b"caf\xe9".to_vec());
    for (args, var) in
        [(&["stats", "--month", "2024-05"][..], "KUZET_PASSPHRASE"), (&["passwd"][..], "KUZET_NEW_PASSPHRASE")]
    {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_kuzet"));
        cmd.arg("--vault").arg(&d.vault).args(args).current_dir(d.dir.path());
        cmd.env_remove("KUZET_VAULT").env("KUZET_PASSPHRASE", PASS).env(var, &not_utf8);
        let run = Run::new(cmd.stdin(std::process::Stdio::null()).output().unwrap(), args);
        run.fails(2, &[var, "not valid UTF-8"]);
    }
}
