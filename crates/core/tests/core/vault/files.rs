//! Creating, opening and refusing files; the lock; schema versions.

use super::*;
use kuzet_core::vault::VaultError;
use std::io::Write;

fn open_err(path: &Path, p: &Passphrase) -> VaultError {
    match Vault::open(path, p) {
        Ok(_) => panic!("{} must not open", path.display()),
        Err(e) => e,
    }
}

/// A closed vault with one case.
fn closed_vault() -> (TempDir, PathBuf) {
    let (dir, path) = place();
    let mut v = Vault::create(&path, &pass()).unwrap();
    v.insert_case(case(day(2024, 5, 3), "journalists.threat", "Журналисту угрожали"), at(1)).unwrap();
    drop(v);
    (dir, path)
}

#[test]
fn passphrases_with_quotes_cyrillic_emoji_and_spaces_round_trip() {
    let (dir, _) = place();
    let odd = [
        "it's a \"quoted\" pass; DROP TABLE cases; --",
        "Құпия сөз: Әлия Ғабитқызы",
        "🔐 ключ 🗝️",
        "  spaces  around  ",
    ];
    for (i, p) in odd.iter().enumerate() {
        let path = dir.path().join(format!("v{i}.kuzet"));
        let mut v = Vault::create(&path, &Passphrase::new(*p)).unwrap();
        v.insert_case(case(day(2024, 5, 3), "journalists.threat", p), at(1)).unwrap();
        drop(v);
        let v = Vault::open(&path, &Passphrase::new(*p)).unwrap_or_else(|e| panic!("{p:?}: {e}"));
        assert_eq!(v.all_cases().unwrap()[0].data.title, p.trim(), "{p:?}");
        drop(v);
        let trimmed = Passphrase::new(p.trim());
        if p.trim() != *p {
            assert!(matches!(open_err(&path, &trimmed), VaultError::WrongPassphrase), "passphrases are not trimmed");
        }
    }
}

#[test]
fn a_passphrase_typed_precomposed_or_decomposed_opens_the_same_vault() {
    let (_dir, path) = place();
    // "Пётр йод": ё and й precomposed (NFC) …
    let composed = "П\u{0451}тр \u{0439}од";
    // … and as е/и followed by combining marks (NFD), as some systems type them.
    let decomposed = "П\u{0435}\u{0308}тр \u{0438}\u{0306}од";
    assert_ne!(composed, decomposed);
    drop(Vault::create(&path, &Passphrase::new(decomposed)).unwrap());
    Vault::open(&path, &Passphrase::new(composed)).expect("NFC opens a vault made with NFD");
    assert!(matches!(open_err(&path, &Passphrase::new("Петр иод")), VaultError::WrongPassphrase), "marks still count");
}

#[test]
fn wrong_passphrase_is_an_error_and_leaves_the_file_as_it_was() {
    let (dir, path) = closed_vault();
    let before = files_in(dir.path());
    let e = open_err(&path, &Passphrase::new("қорғаныс-2025"));
    assert!(matches!(e, VaultError::WrongPassphrase), "{e:?}");
    assert_eq!(e.to_string(), "wrong passphrase");
    assert!(matches!(open_err(&path, &Passphrase::new("")), VaultError::WrongPassphrase));
    assert_eq!(files_in(dir.path()), before, "no byte changed, no file added");
    let v = Vault::open(&path, &pass()).unwrap();
    assert_eq!(v.all_cases().unwrap().len(), 1, "the right passphrase still opens it, data intact");
}

#[test]
fn files_that_are_not_vaults_are_refused_untouched() {
    let (dir, vault) = closed_vault();
    let good = std::fs::read(&vault).unwrap();
    let plain = dir.path().join("plain.sqlite");
    {
        let c = rusqlite::Connection::open(&plain).unwrap();
        c.execute_batch("CREATE TABLE cases (title TEXT); INSERT INTO cases VALUES ('x');").unwrap();
    }
    let mut random = vec![0u8; 10_000];
    let mut x: u32 = 0x1234_5678;
    for b in &mut random {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        *b = x as u8;
    }
    let samples: Vec<(&str, Vec<u8>)> = vec![
        ("empty.kuzet", vec![]),
        ("short.kuzet", good[..3000].to_vec()),
        ("truncated.kuzet", good[..good.len() - 100].to_vec()),
        ("random.kuzet", random),
        ("text.kuzet", "Журналисту угрожали\n".repeat(300).into_bytes()),
    ];
    let mut paths = vec![plain.clone()];
    for (name, bytes) in &samples {
        let p = dir.path().join(name);
        std::fs::File::create(&p).unwrap().write_all(bytes).unwrap();
        paths.push(p);
    }
    for p in &paths {
        let before = std::fs::read(p).unwrap();
        let e = open_err(p, &pass());
        assert!(matches!(&e, VaultError::NotAVault { path } if path == p), "{}: {e:?}", p.display());
        assert_eq!(std::fs::read(p).unwrap(), before, "{} changed", p.display());
        assert!(e.to_string().contains("is not a Kuzet vault"));
    }
    // Random bytes that are a whole number of pages look exactly like a
    // vault under another passphrase: that is what encryption is for.
    let pages = dir.path().join("pages.kuzet");
    std::fs::write(&pages, &samples[3].1[..8192]).unwrap();
    assert!(matches!(open_err(&pages, &pass()), VaultError::WrongPassphrase));
    assert_eq!(std::fs::read(&pages).unwrap(), &samples[3].1[..8192]);
}

#[test]
fn missing_files_and_existing_files() {
    let (dir, path) = place();
    let e = open_err(&path, &pass());
    assert!(matches!(e, VaultError::Missing { .. }), "{e:?}");
    assert!(!path.exists(), "open never creates a vault");
    std::fs::write(&path, b"notes").unwrap();
    let e = Vault::create(&path, &pass()).unwrap_err();
    assert!(matches!(e, VaultError::AlreadyExists { .. }), "{e:?}");
    assert_eq!(std::fs::read(&path).unwrap(), b"notes");
    let other = dir.path().join("other.kuzet");
    let e = Vault::create(&other, &Passphrase::new("")).unwrap_err();
    assert!(matches!(e, VaultError::Validation(_)), "{e:?}");
    assert!(!other.exists());
}

#[test]
fn a_vault_is_open_in_one_place_at_a_time() {
    let (_dir, path) = place();
    let v = Vault::create(&path, &pass()).unwrap();
    let e = open_err(&path, &pass());
    assert!(matches!(&e, VaultError::InUse { path: p } if p == &path), "{e:?}");
    // Another process: util-linux flock(1) on the lock file, when installed.
    let lock = path.with_file_name("cases.kuzet.lock");
    if let Ok(st) = std::process::Command::new("flock").arg("-n").arg(&lock).arg("true").status() {
        assert!(!st.success(), "another process must not get the lock");
    }
    drop(v);
    let v = Vault::open(&path, &pass()).expect("closing releases the lock");
    assert!(matches!(open_err(&path, &pass()), VaultError::InUse { .. }));
    drop(v);
    if let Ok(st) = std::process::Command::new("flock").arg("-n").arg(&lock).arg("true").status() {
        assert!(st.success());
    }
}

fn raw(path: &Path) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(path).unwrap();
    c.pragma_update(None, "key", "қорғаныс-2024").unwrap();
    c
}

#[test]
fn a_new_vault_has_the_latest_schema_and_a_newer_one_is_refused_untouched() {
    let (dir, path) = closed_vault();
    {
        let c = raw(&path);
        let v: i64 = c.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(v, 3);
        let tables: Vec<String> = c
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'case_fts_%' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            tables,
            [
                "attachment_chunks",
                "attachments",
                "bundles_received",
                "case_data",
                "case_fts",
                "case_links",
                "case_peers",
                "cases",
                "developments",
                "documents",
                "exchange_held",
                "history",
                "identity",
                "peers",
                "record_heads",
                "record_versions",
                "taxonomy",
                "trash"
            ]
        );
        let cipher: String = c.pragma_query_value(None, "cipher_version", |r| r.get(0)).unwrap();
        assert!(!cipher.is_empty());
        c.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = files_in(dir.path());
    let e = open_err(&path, &pass());
    assert!(matches!(e, VaultError::TooNew { found: 99, supported: 3 }), "{e:?}");
    assert_eq!(files_in(dir.path()), before, "a newer vault is left untouched");
}

#[test]
fn an_empty_vault_is_migrated_and_seeded() {
    let (_dir, path) = place();
    {
        let c = raw(&path);
        c.pragma_update(None, "application_id", 0x4B55_5A54).unwrap();
    }
    let v = Vault::open(&path, &pass()).expect("an empty vault is brought up to date");
    assert_eq!(v.taxonomy(), &kuzet_core::taxonomy::Taxonomy::bundled());
    assert!(v.all_cases().unwrap().is_empty());
    drop(v);
    let c = raw(&path);
    let ver: i64 = c.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(ver, 3);
}

#[test]
fn an_encrypted_database_of_another_program_is_not_a_vault() {
    let (_dir, path) = place();
    {
        let c = raw(&path);
        c.execute_batch("CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('x');").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    assert!(matches!(open_err(&path, &pass()), VaultError::NotAVault { .. }));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn passphrase_never_shows() {
    let p = Passphrase::new("Құпия-7731");
    assert_eq!(format!("{p:?}"), "Passphrase(***)");
    assert!(!p.is_empty());
    assert!(Passphrase::new("").is_empty());
}

#[test]
fn a_vault_can_move_between_threads() {
    fn send<T: Send>() {}
    send::<Vault>();
    send::<VaultError>();
    let (_dir, v) = new_vault();
    let v = std::thread::spawn(move || {
        assert!(v.all_cases().unwrap().is_empty());
        v
    })
    .join()
    .unwrap();
    assert!(v.path().ends_with("cases.kuzet"));
}

#[cfg(unix)]
#[test]
fn a_symlink_to_a_vault_in_use_is_in_use_and_vault_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cases.kuzet");
    let pass = Passphrase::new("сенім 'құпия' 🔑");
    let _held = Vault::create(&path, &pass).unwrap();
    let alias = dir.path().join("alias.kuzet");
    std::os::unix::fs::symlink(&path, &alias).unwrap();
    assert!(matches!(Vault::open(&alias, &pass), Err(VaultError::InUse { .. })), "the link names the same vault");
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the vault is readable by its owner only");
    let backup = dir.path().join("backup.kuzet");
    _held.backup_to(&backup, None).unwrap();
    assert_eq!(std::fs::metadata(&backup).unwrap().permissions().mode() & 0o777, 0o600, "so is a backup");
}

#[test]
fn a_passphrase_shaped_like_a_raw_sqlcipher_key_is_refused() {
    let (_dir, path) = place();
    let raw = format!("x'{}'", "ab".repeat(32));
    let e = Vault::create(&path, &Passphrase::new(raw)).unwrap_err();
    assert!(matches!(&e, VaultError::Validation(v) if v.0[0].field == kuzet_core::case::Field::Passphrase), "{e:?}");
    assert!(!path.exists(), "nothing created");
    Vault::create(&path, &Passphrase::new("x'ok")).expect("only the whole x'…' form is refused");
}

/// A hard link is a second name of the same file: the lock follows the
/// file, so the vault is in use under every name, in any folder, and a
/// re-key keeps the renamed-in file locked.
#[cfg(unix)]
#[test]
fn a_hard_link_to_a_vault_in_use_is_in_use() {
    let (dir, path) = closed_vault();
    let elsewhere = tempfile::tempdir_in(dir.path()).unwrap();
    let same_folder = dir.path().join("second-name.kuzet");
    let other_folder = elsewhere.path().join("cases.kuzet");
    std::fs::hard_link(&path, &same_folder).unwrap();
    std::fs::hard_link(&path, &other_folder).unwrap();
    let mut held = Vault::open(&path, &pass()).unwrap();
    for name in [&same_folder, &other_folder] {
        assert!(matches!(open_err(name, &pass()), VaultError::InUse { .. }), "{} is the same file", name.display());
    }
    drop(held);
    let through_link = Vault::open(&other_folder, &pass()).unwrap();
    assert!(matches!(open_err(&path, &pass()), VaultError::InUse { .. }), "and the other way round");
    drop(through_link);
    // After a re-key the vault's name holds a new file, which is locked too.
    held = Vault::open(&path, &pass()).unwrap();
    let new = Passphrase::new("жаңа кілт");
    held.change_passphrase(&pass(), &new).unwrap();
    let renamed = dir.path().join("renamed.kuzet");
    std::fs::hard_link(&path, &renamed).unwrap();
    assert!(matches!(open_err(&renamed, &new), VaultError::InUse { .. }), "the re-keyed file is locked");
    drop(held);
    Vault::open(&renamed, &new).expect("closing releases it");
}

/// The catalogue notices a write it did not make (another connection's
/// commit, through SQLite's data_version), instead of listing stale cases.
#[test]
fn the_list_notices_writes_made_by_another_connection() {
    let (_dir, path) = closed_vault();
    let v = Vault::open(&path, &pass()).unwrap();
    let all = kuzet_core::vault::CaseFilter::default();
    assert_eq!(v.find(&all, Default::default()).unwrap().total, 1);
    let other = raw(&path);
    other.execute_batch("DELETE FROM case_data; DELETE FROM cases;").unwrap();
    drop(other);
    assert_eq!(v.find(&all, Default::default()).unwrap().total, 0, "the deletion is seen");
}

/// A read-only open reads everything, writes nothing (the file keeps its
/// bytes), refuses writes, and holds the lock like any open.
#[test]
fn a_read_only_open_reads_and_never_writes() {
    let (_dir, path) = closed_vault();
    let before = std::fs::read(&path).unwrap();
    let mut v = Vault::open_read_only(&path, &pass()).unwrap();
    let all = kuzet_core::vault::CaseFilter::default();
    assert_eq!(v.find(&all, Default::default()).unwrap().total, 1);
    assert_eq!(v.all_cases().unwrap()[0].data.title, "Журналисту угрожали");
    assert!(matches!(open_err(&path, &pass()), VaultError::InUse { .. }));
    assert!(v.insert_case(case(day(2024, 5, 4), "journalists.threat", "Жазылмайды"), at(2)).is_err());
    drop(v);
    assert!(std::fs::read(&path).unwrap() == before, "the file is byte for byte as it was");
    assert!(matches!(Vault::open_read_only(&path, &Passphrase::new("wrong")), Err(VaultError::WrongPassphrase)));
}

/// A passphrase being made (a vault, a re-key, a backup's own) must not hold
/// control characters: no terminal prompt could type it again.
#[test]
fn a_new_passphrase_with_control_characters_is_refused() {
    let (dir, path) = place();
    let control =
        |e: VaultError| matches!(&e, VaultError::Validation(v) if v.to_string().contains("control characters"));
    assert!(control(Vault::create(&path, &Passphrase::new("таб\tуляция")).unwrap_err()));
    assert!(!path.exists(), "nothing is created");
    let mut v = Vault::create(&path, &pass()).unwrap();
    assert!(control(v.change_passphrase(&pass(), &Passphrase::new("жаңа\n")).unwrap_err()));
    let dest = dir.path().join("b.kuzet");
    assert!(control(v.backup_to(&dest, Some(&Passphrase::new("\u{1b}[0m"))).unwrap_err()));
    assert!(!dest.exists());
    drop(v);
    Vault::open(&path, &pass()).expect("the passphrase is unchanged");
}

/// The suggested backup name carries the date in Kazakhstan, not in UTC:
/// 20:30 UTC on 31 May is already 1 June in Almaty.
#[test]
fn the_backup_name_has_the_local_date_in_almaty() {
    let at = Utc.with_ymd_and_hms(2024, 5, 31, 20, 30, 0).unwrap();
    assert_eq!(kuzet_core::vault::backup_file_name(at), "kuzet-backup-2024-06-01.kuzet");
    let before_midnight = Utc.with_ymd_and_hms(2024, 5, 31, 17, 30, 0).unwrap();
    assert_eq!(kuzet_core::vault::backup_file_name(before_midnight), "kuzet-backup-2024-05-31.kuzet");
}

/// Removing a re-key's leftover is best effort: something of that name that
/// cannot be removed (here a folder) never keeps the vault from opening.
#[test]
fn a_leftover_that_cannot_be_removed_does_not_block_opening() {
    let (dir, path) = closed_vault();
    let odd = dir.path().join(".cases.kuzet.kuzet-partial");
    std::fs::create_dir(&odd).unwrap();
    let v = Vault::open(&path, &pass()).expect("opens anyway");
    assert!(v.removed_at_open().is_empty());
    assert!(odd.is_dir(), "not ours to remove");
}
