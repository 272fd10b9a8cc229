//! Evidence and accountability: attachments, the history chain, the trash.

use super::*;
use kuzet_core::vault::{Entity, HistoryAction, HistoryEntry, Passphrase, VaultError};
use serde_json::json;

const MARKER: &[u8] = "ДӘЛЕЛ-маркер-EVIDENCE-5521 Айгерім Қасымова".as_bytes();

/// Bytes of `len` with the marker every 100 KiB, so any stored run of them
/// in plaintext would be found.
fn evidence_bytes(len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(len);
    let mut i = 0u32;
    while out.len() < len {
        if out.len() % (100 << 10) < 64 {
            out.extend_from_slice(MARKER);
        } else {
            out.push((i.wrapping_mul(2_654_435_761) >> 24) as u8);
        }
        i += 1;
    }
    out.truncate(len);
    out
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn raw(path: &Path) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(path).unwrap();
    c.pragma_update(None, "key", "қорғаныс-2024").unwrap();
    c
}

fn one_case(v: &mut Vault, title: &str) -> kuzet_core::case::Case {
    v.insert_case(case(day(2024, 5, 14), "journalists.threat", title), at(1)).unwrap()
}

#[test]
fn an_attachment_round_trips_byte_for_byte_with_its_hash() {
    let (dir, mut v) = new_vault();
    let c = one_case(&mut v, "Угроза журналисту");
    let bytes = evidence_bytes(3 * (1 << 20) + 12_345); // four chunks, the last one short
    let src = dir.path().join("сот-шешімі.pdf");
    std::fs::write(&src, &bytes).unwrap();
    v.set_actor("Әлия Сейітова");
    let added = v.add_attachments(c.id, &[src], at(2)).unwrap();
    let a = &added[0];
    assert_eq!(a.name, "сот-шешімі.pdf");
    assert_eq!(a.size, bytes.len() as u64);
    assert_eq!(a.sha256, sha256_hex(&bytes));
    assert_eq!(a.added_by, "Әлия Сейітова");
    assert_eq!(a.added_at, at(2));
    assert_eq!(v.attachments(c.id).unwrap(), added);

    let out = dir.path().join("out.bin");
    let done = v.extract_attachment(a.id, &out).unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), bytes);
    assert_eq!(done.sha256, sha256_hex(&bytes));
    assert!(!done.metadata_stripped);
}

#[test]
fn media_types_come_from_the_first_bytes() {
    let (_dir, mut v) = new_vault();
    let c = one_case(&mut v, "Фото");
    let png = {
        let img = image::RgbImage::from_pixel(320, 80, image::Rgb([200, 30, 30]));
        let mut out = std::io::Cursor::new(Vec::new());
        image::DynamicImage::ImageRgb8(img).write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    };
    let a = v.add_attachment_from(c.id, "photo.dat", &mut png.as_slice(), at(2)).unwrap();
    assert_eq!(a.media_type, "image/png");
    assert!(a.is_image());
    let thumb = v.attachment_thumbnail(a.id).unwrap().expect("a thumbnail");
    let t = image::load_from_memory(&thumb).unwrap();
    assert_eq!((t.width(), t.height()), (160, 40));
    let pdf = v.add_attachment_from(c.id, "scan.pdf", &mut &b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"[..], at(3)).unwrap();
    assert_eq!(pdf.media_type, "application/pdf");
    assert_eq!(v.attachment_thumbnail(pdf.id).unwrap(), None);
}

#[test]
fn a_flipped_stored_byte_is_detected_and_nothing_is_extracted() {
    let (dir, path) = place();
    let id;
    {
        let mut v = Vault::create(&path, &pass()).unwrap();
        let c = one_case(&mut v, "Угроза");
        id = v.add_attachment_from(c.id, "threat.png", &mut evidence_bytes(1 << 21).as_slice(), at(2)).unwrap().id;
        assert!(v.verify().unwrap().ok());
    }
    {
        let c = raw(&path);
        let n = c
            .execute(
                "UPDATE attachment_chunks SET data = CAST(substr(data, 1, 1000) || X'00' || substr(data, 1002) AS BLOB)
                 WHERE n = 1",
                [],
            )
            .unwrap();
        assert_eq!(n, 1);
    }
    let v = Vault::open(&path, &pass()).unwrap();
    let report = v.verify().unwrap();
    assert!(!report.ok());
    assert_eq!(report.attachments, 1);
    assert_eq!(report.attachment_problems.len(), 1);
    assert!(report.attachment_problems[0].problem.contains("SHA-256"), "{:?}", report.attachment_problems);
    let out = dir.path().join("threat-copy.png");
    let e = v.extract_attachment(id, &out).unwrap_err();
    assert!(matches!(e, VaultError::Corrupt { .. }), "{e}");
    assert!(e.to_string().contains("threat.png"), "{e}");
    assert!(!out.exists(), "no corrupt file is left");
    assert!(!kuzet_core::leftover::partial_path(&out).exists(), "nor its partial file");
}

#[test]
fn a_missing_chunk_is_detected() {
    let (_dir, path) = place();
    {
        let mut v = Vault::create(&path, &pass()).unwrap();
        let c = one_case(&mut v, "Угроза");
        v.add_attachment_from(c.id, "a.bin", &mut evidence_bytes(3 << 20).as_slice(), at(2)).unwrap();
    }
    raw(&path).execute("DELETE FROM attachment_chunks WHERE n = 1", []).unwrap();
    let report = Vault::open(&path, &pass()).unwrap().verify().unwrap();
    assert!(report.attachment_problems[0].problem.contains("part 1"), "{:?}", report.attachment_problems);
}

#[test]
fn no_attachment_byte_reaches_the_disk_in_plaintext() {
    let (dir, path) = place();
    let mut v = Vault::create(&path, &pass()).unwrap();
    let c = one_case(&mut v, "Угроза");
    let src_dir = tempfile::tempdir().unwrap();
    let src = src_dir.path().join("Айгерім-дауыс.ogg");
    std::fs::write(&src, evidence_bytes(5 << 20)).unwrap();
    v.add_attachments(c.id, &[src], at(2)).unwrap();
    let marker_utf8 = MARKER.to_vec();
    let name = "Айгерім-дауыс".as_bytes().to_vec();
    for (file, bytes) in files_in(dir.path()) {
        for needle in [&marker_utf8, &name] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_slice()),
                "{} holds plaintext evidence",
                file.display()
            );
        }
    }
    drop(v);
    // A backup carries the attachment, encrypted as well.
    let v = Vault::open(&path, &pass()).unwrap();
    let backup = dir.path().join("backup.kuzet");
    v.backup_to(&backup, None).unwrap();
    drop(v);
    let b = Vault::open(&backup, &pass()).unwrap();
    assert_eq!(b.attachments(c.id).unwrap().len(), 1);
    assert!(b.verify().unwrap().ok());
    drop(b);
    // A re-key carries it too, and the bytes still match their hash.
    let mut v = Vault::open(&path, &pass()).unwrap();
    let new = Passphrase::new("жаңа құпия сөз 2026");
    v.change_passphrase(&pass(), &new).unwrap();
    drop(v);
    let v = Vault::open(&path, &new).unwrap();
    let r = v.verify().unwrap();
    assert!(r.ok() && r.attachments == 1, "{r:?}");
    for (file, bytes) in files_in(dir.path()) {
        assert!(
            !bytes.windows(marker_utf8.len()).any(|w| w == marker_utf8.as_slice()),
            "{} after re-key",
            file.display()
        );
    }
}

fn only(entries: &[HistoryEntry], entity: Entity, action: HistoryAction) -> &HistoryEntry {
    let found: Vec<_> = entries.iter().filter(|e| e.entity == entity && e.action == action).collect();
    assert_eq!(found.len(), 1, "{entity:?} {action:?} in {entries:#?}");
    found[0]
}

fn change<'a>(e: &'a HistoryEntry, field: &str) -> (Option<&'a serde_json::Value>, Option<&'a serde_json::Value>) {
    let c = e.changes.iter().find(|c| c.field == field).unwrap_or_else(|| panic!("no {field} in {e:#?}"));
    (c.old.as_ref(), c.new.as_ref())
}

#[test]
fn the_history_records_each_kind_of_change_with_old_and_new_values() {
    let (_dir, mut v) = new_vault();
    v.set_staff_name("  Әлия Сейітова ").unwrap();
    v.set_source("app");
    let c = one_case(&mut v, "Тілші ұсталды");
    let mut data = c.data.clone();
    data.title = "Тілші босатылды".into();
    data.victim.name = "Айгерім Қасымова".into();
    v.update_case(c.id, data, at(2)).unwrap();
    let d = v.insert_development(c.id, dev(day(2024, 5, 20), "Сот отырысы"), at(3)).unwrap();
    let mut dd = d.data.clone();
    dd.title = "Сот отырысы кейінге қалдырылды".into();
    v.update_development(d.id, dd, at(4)).unwrap();
    let a = v.add_attachment_from(c.id, "фото.jpg", &mut &b"\xff\xd8\xff\xe0 not really"[..], at(5)).unwrap();
    v.remove_attachment(a.id, at(6)).unwrap();
    v.delete_development(d.id).unwrap();

    let h = v.case_history(c.id).unwrap();
    assert!(h.windows(2).all(|w| w[0].seq > w[1].seq), "newest first");
    assert!(h.iter().all(|e| e.actor == "Әлия Сейітова" && e.source == "app"), "{h:#?}");
    let created = only(&h, Entity::Case, HistoryAction::Created);
    assert_eq!(change(created, "title"), (None, Some(&json!("Тілші ұсталды"))));
    let updated = only(&h, Entity::Case, HistoryAction::Updated);
    assert_eq!(change(updated, "title"), (Some(&json!("Тілші ұсталды")), Some(&json!("Тілші босатылды"))));
    assert_eq!(change(updated, "victim.name"), (None, Some(&json!("Айгерім Қасымова"))));
    assert_eq!(updated.changes.len(), 2, "only what changed: {:?}", updated.changes);
    let dev_updated = only(&h, Entity::Development, HistoryAction::Updated);
    assert_eq!(
        change(dev_updated, "title"),
        (Some(&json!("Сот отырысы")), Some(&json!("Сот отырысы кейінге қалдырылды")))
    );
    let dev_removed = only(&h, Entity::Development, HistoryAction::Removed);
    assert_eq!(change(dev_removed, "title"), (Some(&json!("Сот отырысы кейінге қалдырылды")), None));
    let att = only(&h, Entity::Attachment, HistoryAction::Created);
    assert_eq!(change(att, "name"), (None, Some(&json!("фото.jpg"))));
    assert_eq!(change(att, "sha256").1, Some(&json!(a.sha256)));
    let att_removed = only(&h, Entity::Attachment, HistoryAction::Removed);
    assert_eq!(change(att_removed, "sha256"), (Some(&json!(a.sha256)), None));

    // The taxonomy and recorded documents; editor drafts are not recorded.
    let mut t = v.taxonomy().clone();
    let code = kuzet_core::codes::CategoryCode::new("journalists.threat").unwrap();
    let mut labels = t.category(&code).unwrap().label.clone();
    let old_ru = labels.ru.clone();
    labels.ru = "Угрозы журналистам".into();
    t.relabel_category(&code, labels).unwrap();
    v.save_taxonomy(t).unwrap();
    v.put_document("public-figures", &json!({"names": ["Қасым-Жомарт Тоқаев"]})).unwrap();
    v.put_document("editor-draft/new", &json!({"title": "черновик"})).unwrap();
    let all = v.history_after(0).unwrap();
    let tax = all.iter().find(|e| e.entity == Entity::Taxonomy).expect("taxonomy entry");
    let field = tax
        .changes
        .iter()
        .find(|c| c.field == "groups.journalists.categories.journalists.threat.label.ru")
        .unwrap_or_else(|| panic!("label path in {:?}", tax.changes));
    assert_eq!((field.old.as_ref(), field.new.as_ref()), (Some(&json!(old_ru)), Some(&json!("Угрозы журналистам"))));
    let docs: Vec<_> = all.iter().filter(|e| e.entity == Entity::Document).map(|e| e.entity_id.as_str()).collect();
    assert_eq!(docs, ["staff-name", "public-figures"]);
}

#[test]
fn an_import_is_recorded_with_its_file_as_the_source() {
    let (_dir, mut v) = new_vault();
    let csv = "ref,kind,event_date,category,title\nA-1,case,2024-05-03,journalists.threat,Угроза редактору\n";
    let options = kuzet_core::transfer::ImportOptions { origin: "almaty-may.csv".into(), ..Default::default() };
    kuzet_core::transfer::import_csv(&mut v, csv.as_bytes(), options, at(1)).unwrap();
    let id = v.case_by_ref("A-1").unwrap().unwrap().id;
    let h = v.case_history(id).unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].source, "import: almaty-may.csv");
    assert_eq!(h[0].action, HistoryAction::Created);
}

#[test]
fn the_chain_check_finds_the_first_edited_or_removed_entry() {
    let (_dir, path) = place();
    {
        let mut v = Vault::create(&path, &pass()).unwrap();
        for i in 0..5 {
            one_case(&mut v, &format!("Оқиға {i}"));
        }
        let r = v.verify().unwrap();
        assert!(r.ok());
        assert_eq!(r.entries, 5);
        assert_eq!(r.head.len(), 64);
    }
    // The append-only triggers refuse an edit made through SQL…
    let c = raw(&path);
    let e = c.execute("UPDATE history SET actor = 'someone else' WHERE seq = 3", []).unwrap_err();
    assert!(e.to_string().contains("append-only"), "{e}");
    assert!(c.execute("DELETE FROM history WHERE seq = 3", []).is_err());
    // …and one who drops them is caught by the chain.
    c.execute_batch("DROP TRIGGER history_only_erase; DROP TRIGGER history_no_delete;").unwrap();
    c.execute("UPDATE history SET actor = 'someone else' WHERE seq = 3", []).unwrap();
    drop(c);
    let r = Vault::open(&path, &pass()).unwrap().verify().unwrap();
    let b = r.first_break.expect("a break");
    assert_eq!(b.seq, 3);
    assert!(b.reason.contains("changed"), "{}", b.reason);

    let c = raw(&path);
    c.execute("UPDATE history SET actor = '' WHERE seq = 3", []).unwrap();
    // The payload (the changes) edited, its digest left: caught.
    c.execute("UPDATE history SET payload = replace(payload, 'Оқиға 1', 'Оқиға X') WHERE seq = 2", []).unwrap();
    drop(c);
    let b = Vault::open(&path, &pass()).unwrap().verify().unwrap().first_break.expect("a break");
    assert_eq!((b.seq, b.reason.contains("altered")), (2, true), "{}", b.reason);

    let c = raw(&path);
    c.execute("UPDATE history SET payload = replace(payload, 'Оқиға X', 'Оқиға 1') WHERE seq = 2", []).unwrap();
    c.execute("DELETE FROM history WHERE seq = 4", []).unwrap();
    drop(c);
    let b = Vault::open(&path, &pass()).unwrap().verify().unwrap().first_break.expect("a break");
    assert_eq!(b.seq, 5);
    assert!(b.reason.contains("entry 4 is missing"), "{}", b.reason);
}

#[test]
fn an_earlier_version_can_be_viewed_and_restored_as_a_new_change() {
    let (_dir, mut v) = new_vault();
    let c = one_case(&mut v, "Первая версия");
    let mut d = c.data.clone();
    d.title = "Вторая версия".into();
    v.update_case(c.id, d, at(2)).unwrap();
    let h = v.case_history(c.id).unwrap();
    assert_eq!(h.len(), 2);
    assert!(!h[0].restorable, "the newest version is the current one");
    assert!(h[1].restorable);
    let first = h[1].seq;
    assert_eq!(v.case_version(c.id, first).unwrap().data.title, "Первая версия");

    let restored = v.restore_case_version(c.id, first, at(3)).unwrap();
    assert_eq!(restored.data.title, "Первая версия");
    assert_eq!(v.case(c.id).unwrap().data.title, "Первая версия");
    let h = v.case_history(c.id).unwrap();
    assert_eq!(h.len(), 3, "a new entry; none rewritten");
    assert_eq!(h[0].action, HistoryAction::Restored);
    assert_eq!(h[0].source, format!("version {first}"));
    assert_eq!(h[0].changes[0].field, "title");
    assert!(v.verify().unwrap().ok());
    // Restoring a version equal to the current case records nothing, and
    // never a change from nothing.
    v.restore_case_version(c.id, first, at(4)).unwrap();
    assert_eq!(v.case_history(c.id).unwrap().len(), 3);
    let e = v.case_version(c.id, 999).unwrap_err();
    assert!(matches!(e, VaultError::NotFound { .. }), "{e}");
}

#[test]
fn a_trashed_case_is_restored_with_its_developments_and_attachments() {
    let (_dir, mut v) = new_vault();
    let c = v.insert_case(with_ref(case(day(2024, 5, 14), "journalists.threat", "Угроза"), "T-1"), at(1)).unwrap();
    v.insert_development(c.id, dev(day(2024, 5, 20), "Возбуждено дело"), at(2)).unwrap();
    v.add_attachment_from(c.id, "скрин.png", &mut &b"\x89PNG\r\n\x1a\nfake"[..], at(3)).unwrap();
    v.delete_case(c.id).unwrap();

    assert!(v.case(c.id).is_err());
    assert_eq!(v.find(&Default::default(), Default::default()).unwrap().total, 0, "not listed");
    assert!(v.cases_between(day(2024, 1, 1), day(2024, 12, 31)).unwrap().is_empty(), "not counted");
    let trash = v.trash().unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!((trash[0].developments, trash[0].attachments), (1, 1));
    assert_eq!(trash[0].case.data.title, "Угроза");

    let back = v.restore_from_trash(c.id, at(5)).unwrap();
    assert_eq!((back.id, back.created_at), (c.id, c.created_at));
    assert_eq!(v.case_by_ref("T-1").unwrap().unwrap().id, c.id);
    assert_eq!(v.developments(c.id).unwrap().len(), 1);
    assert_eq!(v.attachments(c.id).unwrap().len(), 1);
    assert!(v.trash().unwrap().is_empty());
    let actions: Vec<_> = v.case_history(c.id).unwrap().iter().map(|e| e.action).collect();
    assert_eq!(actions[..2], [HistoryAction::Restored, HistoryAction::Trashed]);
}

#[test]
fn restoring_refuses_a_ref_taken_meanwhile_and_writes_nothing() {
    let (_dir, mut v) = new_vault();
    let c = v.insert_case(with_ref(case(day(2024, 5, 14), "journalists.threat", "Старая"), "T-1"), at(1)).unwrap();
    v.delete_case(c.id).unwrap();
    v.insert_case(with_ref(case(day(2024, 5, 15), "journalists.threat", "Новая"), "T-1"), at(2)).unwrap();
    let e = v.restore_from_trash(c.id, at(3)).unwrap_err();
    assert!(matches!(e, VaultError::DuplicateRef(ref r) if r == "T-1"), "{e}");
    assert_eq!(v.trash().unwrap().len(), 1, "still in the trash");
}

#[test]
fn emptying_the_trash_removes_for_good_and_erases_the_text_from_the_history() {
    let (dir, path) = place();
    let mut v = Vault::create(&path, &pass()).unwrap();
    let keep = one_case(&mut v, "Остаётся");
    let gone = one_case(&mut v, "ҚҰПИЯ Айгерім Қасымова");
    v.add_attachment_from(gone.id, "a.bin", &mut evidence_bytes(1 << 20).as_slice(), at(2)).unwrap();
    v.delete_case(gone.id).unwrap();
    assert_eq!(v.empty_trash(at(3)).unwrap(), 1);
    assert!(v.trash().unwrap().is_empty());
    assert!(v.attachments(gone.id).unwrap().is_empty());
    let h = v.case_history(gone.id).unwrap();
    assert_eq!(h[0].action, HistoryAction::Purged);
    assert!(h[1..].iter().all(|e| e.erased && e.changes.is_empty()), "{h:#?}");
    assert!(v.case_history(keep.id).unwrap().iter().all(|e| !e.erased));
    let r = v.verify().unwrap();
    assert!(r.ok(), "{r:?}");
    assert_eq!(r.erased, 3, "created, attachment added, trashed");
    drop(v);
    // Nothing of it is left to find even with the key.
    let c = raw(&path);
    c.execute_batch("VACUUM").unwrap();
    let n: i64 = c.query_row("SELECT count(*) FROM history WHERE payload LIKE '%Қасымова%'", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 0);
    let _ = dir;
}

#[test]
fn an_attachment_over_the_limit_is_refused_before_reading() {
    let (_dir, mut v) = new_vault();
    let c = one_case(&mut v, "Видео");
    // A sparse file of 2 GiB + 1 byte: refused by its size, unread.
    let big = tempfile::NamedTempFile::new().unwrap();
    big.as_file().set_len(kuzet_core::vault::MAX_ATTACHMENT_BYTES + 1).unwrap();
    let e = v.add_attachments(c.id, &[big.path().to_path_buf()], at(2)).unwrap_err();
    assert!(matches!(e, VaultError::TooLarge { .. }), "{e}");
    assert!(e.to_string().contains("2048 MiB"), "{e}");
    assert!(v.attachments(c.id).unwrap().is_empty());
}
