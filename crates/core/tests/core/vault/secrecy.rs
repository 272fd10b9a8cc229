//! Nothing readable on disk; re-key; backup.

use super::*;
use kuzet_core::text::fold;
use kuzet_core::vault::VaultError;

const MARKER: &str = "ҚҰПИЯ-маркер-SECRET-7731";

/// Every spelling of the marker (and its words, as the search index keeps
/// words) that must not occur in any file.
fn needles() -> Vec<Vec<u8>> {
    let mut texts = vec![MARKER.to_string(), fold(MARKER)];
    texts.extend(["ҚҰПИЯ", "құпия", "маркер", "SECRET", "secret", "Әлия Нұрланқызы", "нұрланқызы"].map(String::from));
    let mut out = Vec::new();
    for t in texts {
        out.push(t.as_bytes().to_vec());
        out.push(t.encode_utf16().flat_map(u16::to_le_bytes).collect());
        out.push(t.encode_utf16().flat_map(u16::to_be_bytes).collect());
    }
    out
}

fn assert_no_plaintext(dir: &Path, when: &str) {
    let files = files_in(dir);
    assert!(!files.is_empty());
    for (path, bytes) in files {
        for n in needles() {
            assert!(
                !bytes.windows(n.len()).any(|w| w == n.as_slice()),
                "{when}: {} contains {:?}",
                path.display(),
                String::from_utf8_lossy(&n)
            );
        }
    }
}

fn secret_case() -> CaseData {
    let mut c = case(day(2024, 5, 14), "journalists.threat", &format!("{MARKER} угроза журналисту"));
    c.summary = format!("Подробности: {MARKER}. Қорқыту.");
    c.victim.name = "Әлия Нұрланқызы".into();
    c.victim.outlet = format!("Outlet {MARKER}");
    c
}

/// The file and the lock file, and during a session nothing else readable.
#[test]
fn case_text_never_reaches_the_disk_in_plaintext() {
    let (dir, path) = place();
    let mut v = Vault::create(&path, &pass()).unwrap();
    let c = v.insert_case(secret_case(), at(1)).unwrap();
    let mut d = dev(day(2024, 5, 20), &format!("Суд: {MARKER}"));
    d.summary = MARKER.into();
    v.insert_development(c.id, d, at(2)).unwrap();
    v.put_document("case-editor-draft/1", &serde_json::json!({ "title": MARKER })).unwrap();
    // Self-check: the scan would find it if it were there.
    assert!(files_in(dir.path()).len() >= 2);
    assert_no_plaintext(dir.path(), "during the session");
    let hits = v
        .find(
            &kuzet_core::vault::CaseFilter { text: Some("құпия маркер".into()), ..Default::default() },
            Default::default(),
        )
        .unwrap();
    assert_eq!(hits.total, 1);
    drop(v);
    assert_no_plaintext(dir.path(), "after closing");
    let names: Vec<String> =
        files_in(dir.path()).iter().map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["cases.kuzet", "cases.kuzet.lock"], "no journal, WAL or temp files are left");
    // The scan itself works: a plain copy of the marker is found.
    std::fs::write(dir.path().join("probe"), MARKER).unwrap();
    let r = std::panic::catch_unwind(|| assert_no_plaintext(dir.path(), "probe"));
    assert!(r.is_err(), "the scan must find a plaintext marker");
}

#[test]
fn change_passphrase_reencrypts_and_keeps_the_data() {
    let (dir, path) = place();
    let mut v = Vault::create(&path, &pass()).unwrap();
    let c = v.insert_case(secret_case(), at(1)).unwrap();
    v.put_document("org", &"Адил соз").unwrap();
    let new = Passphrase::new("жаңа 'құпия' сөз");
    assert!(matches!(v.change_passphrase(&pass(), &Passphrase::new("")), Err(VaultError::Validation(_))));
    assert!(matches!(v.change_passphrase(&new, &new), Err(VaultError::WrongPassphrase)), "the current one is checked");
    v.change_passphrase(&pass(), &new).unwrap();
    assert!(v.is_passphrase(&new) && !v.is_passphrase(&pass()), "the vault knows its new passphrase");
    // Still usable in the same session, data intact.
    assert_eq!(v.case(c.id).unwrap(), c);
    v.insert_case(case(day(2024, 5, 15), "journalists.attack", "После смены ключа"), at(3)).unwrap();
    assert_no_plaintext(dir.path(), "after re-key");
    drop(v);
    let names: Vec<String> =
        files_in(dir.path()).iter().map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["cases.kuzet", "cases.kuzet.lock"], "no temporary file left");
    assert!(
        matches!(Vault::open(&path, &pass()), Err(VaultError::WrongPassphrase)),
        "old passphrase no longer opens it"
    );
    let v = Vault::open(&path, &new).unwrap();
    assert_eq!(v.case(c.id).unwrap(), c);
    assert_eq!(v.all_cases().unwrap().len(), 2);
    assert_eq!(v.get_document::<String>("org").unwrap().as_deref(), Some("Адил соз"));
    assert_eq!(
        v.find(
            &kuzet_core::vault::CaseFilter { text: Some("маркер".into()), ..Default::default() },
            Default::default()
        )
        .unwrap()
        .total,
        1,
        "the search index survives"
    );
}

#[test]
fn backup_is_an_encrypted_copy_under_its_own_passphrase() {
    let (dir, path) = place();
    let mut v = Vault::create(&path, &pass()).unwrap();
    let c = v.insert_case(secret_case(), at(1)).unwrap();
    v.insert_development(c.id, dev(day(2024, 5, 21), "Апелляция"), at(2)).unwrap();
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("backup.kuzet");
    let bpass = Passphrase::new("резерв 🔒");
    v.backup_to(&dest, Some(&bpass)).unwrap();
    let e = v.backup_to(&dest, Some(&bpass)).unwrap_err();
    assert!(matches!(e, VaultError::AlreadyExists { .. }), "{e:?}");
    let e = v.backup_to(&out.path().join("b2.kuzet"), Some(&Passphrase::new(""))).unwrap_err();
    assert!(matches!(e, VaultError::Validation(_)));
    assert!(!out.path().join("b2.kuzet").exists());
    assert_no_plaintext(out.path(), "backup");
    assert_no_plaintext(dir.path(), "vault after backup");
    drop(v);
    assert!(
        matches!(Vault::open(&dest, &pass()), Err(VaultError::WrongPassphrase)),
        "the backup has its own passphrase"
    );
    let b = Vault::open(&dest, &bpass).unwrap();
    assert_eq!(b.all_cases().unwrap(), vec![c.clone()]);
    assert_eq!(b.developments(c.id).unwrap().len(), 1);
    assert_eq!(
        b.find(
            &kuzet_core::vault::CaseFilter { text: Some("апелляция".into()), ..Default::default() },
            Default::default()
        )
        .unwrap()
        .total,
        1
    );
    drop(b);
    Vault::open(&path, &pass()).expect("the original is unchanged");
}

/// A vault opened through a symlink is re-keyed in place: the link stays a
/// link, and the real file takes the new passphrase.
#[cfg(unix)]
#[test]
fn change_passphrase_through_a_symlink_rekeys_the_real_file() {
    let (dir, path) = place();
    let mut v = Vault::create(&path, &pass()).unwrap();
    v.insert_case(case(day(2024, 5, 3), "journalists.threat", "Сілтеме арқылы"), at(1)).unwrap();
    drop(v);
    let link = dir.path().join("link.kuzet");
    std::os::unix::fs::symlink(&path, &link).unwrap();
    let new = Passphrase::new("жаңа сөз");
    Vault::open(&link, &pass()).unwrap().change_passphrase(&pass(), &new).unwrap();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link is still a link");
    assert!(matches!(Vault::open(&path, &pass()), Err(VaultError::WrongPassphrase)), "old passphrase is gone");
    let v = Vault::open(&path, &new).unwrap();
    assert_eq!(v.all_cases().unwrap()[0].data.title, "Сілтеме арқылы");
}

#[test]
fn change_passphrase_checks_the_current_one_in_nfc() {
    let (_dir, path) = place();
    // "й" typed as "и" + combining breve when the vault was made, precomposed now.
    let decomposed = Passphrase::new("тии\u{0306} сөз");
    let mut v = Vault::create(&path, &decomposed).unwrap();
    let c = v.insert_case(secret_case(), at(1)).unwrap();
    let wrong = v.change_passphrase(&Passphrase::new("тии сөз"), &Passphrase::new("жаңа"));
    assert!(matches!(wrong, Err(VaultError::WrongPassphrase)), "{wrong:?}");
    v.change_passphrase(&Passphrase::new("тий сөз"), &Passphrase::new("жаңа")).unwrap();
    drop(v);
    assert!(matches!(Vault::open(&path, &decomposed), Err(VaultError::WrongPassphrase)), "the old one is gone");
    assert_eq!(Vault::open(&path, &Passphrase::new("жаңа")).unwrap().case(c.id).unwrap(), c);
}
