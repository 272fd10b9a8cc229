//! Exchange between vaults: two correspondents and headquarters, bundles
//! both ways, a deletion, a conflict and a duplicate pair; refused bundles
//! leave the vault untouched.

use super::*;
use kuzet_core::case::{Case, CaseData, Victim};
use kuzet_core::exchange::{BundleError, PublicIdentity};
use kuzet_core::month::Month;
use kuzet_core::summary::month_counts;
use kuzet_core::vault::{Entity, HeldReason, Outcome, PeerRole, Resolution, VaultError};

struct Site {
    _dir: TempDir,
    dir: PathBuf,
    v: Vault,
}

fn site(name: &str) -> Site {
    let (dir, path) = place();
    let mut v = Vault::create(&path, &pass()).unwrap();
    v.set_identity_name(name).unwrap();
    v.set_source("test");
    Site { dir: dir.path().to_path_buf(), _dir: dir, v }
}

/// Each adds the other as a peer (as staff do after comparing fingerprints).
fn pair(hq: &mut Site, c: &mut Site) {
    let hq_id = hq.v.identity().unwrap().encode();
    let c_id = c.v.identity().unwrap().encode();
    c.v.add_peer(&hq_id, PeerRole::Headquarters, at(1)).unwrap();
    hq.v.add_peer(&c_id, PeerRole::Correspondent, at(1)).unwrap();
}

fn send(from: &mut Site, to: &Site, name: &str) -> PathBuf {
    let out = from.dir.join(name);
    let to_name = to.v.identity().unwrap().name;
    from.v.export_bundle(&to_name, &out, false, at(3)).unwrap();
    out
}

fn detained(title: &str, name: &str, outlet: &str, d: u32, summary: &str) -> CaseData {
    let mut c = case(day(2024, 5, d), "journalists.detention", title);
    c.victim = Victim { kind: Some(victim_type("journalist")), name: name.into(), outlet: outlet.into() };
    c.summary = summary.into();
    c.region = Some(region("almaty_city"));
    c
}

fn counts(v: &Vault) -> Vec<(String, u32)> {
    let may = Month::new(2024, 5).unwrap();
    let cases = v.cases_between(day(2024, 5, 1), day(2024, 5, 31)).unwrap();
    let mc = month_counts(&cases, v.taxonomy(), may);
    let mut out: Vec<(String, u32)> =
        mc.groups.iter().flat_map(|g| g.categories.iter().map(|c| (c.code.to_string(), c.count))).collect();
    out.sort();
    out
}

fn titles(v: &Vault) -> Vec<String> {
    let mut t: Vec<String> = v.all_cases().unwrap().into_iter().map(|c| c.data.title).collect();
    t.sort();
    t
}

#[test]
fn two_correspondents_and_headquarters_exchange_bundles_both_ways() {
    let mut hq = site("Алматы, орталық кеңсе");
    let mut shym = site("Шымкент тілшісі");
    let mut akt = site("Aktobe correspondent");
    pair(&mut hq, &mut shym);
    pair(&mut hq, &mut akt);

    // Cases on both sides; the same detention seen from two cities.
    let s1 = shym
        .v
        .insert_case(
            detained(
                "Задержание журналиста у акимата",
                "Айгерім Қасымова",
                "Ашық сөз",
                14,
                "Полиция задержала журналиста во время съёмки у акимата",
            ),
            at(2),
        )
        .unwrap();
    let s2 = shym.v.insert_case(case(day(2024, 5, 20), "journalists.threat", "Угрозы редактору"), at(2)).unwrap();
    let s3 = shym
        .v
        .insert_case(case(day(2024, 5, 21), "journalists.obstruction", "Недопуск на сессию маслихата"), at(2))
        .unwrap();
    let a1 = akt
        .v
        .insert_case(
            detained(
                "Detention of a journalist near the akimat",
                "Aigerim Kassymova",
                "Ashyq Soz",
                15,
                "Police detained the journalist while filming near the akimat",
            ),
            at(2),
        )
        .unwrap();
    let a2 = akt.v.insert_case(case(day(2024, 5, 3), "journalists.attack", "Нападение на оператора"), at(2)).unwrap();
    let d1 = shym.v.insert_development(s2.id, dev(day(2024, 5, 25), "Возбуждено уголовное дело"), at(2)).unwrap();

    let b1 = send(&mut shym, &hq, "shym-1.kuzetbundle");
    let b2 = send(&mut akt, &hq, "akt-1.kuzetbundle");
    let r1 = hq.v.import_bundle(&b1, false, at(4)).unwrap();
    assert_eq!(r1.count(|o| *o == Outcome::Created), 4, "{r1:?}");
    assert_eq!(r1.sender, "Шымкент тілшісі");
    let r2 = hq.v.import_bundle(&b2, false, at(4)).unwrap();
    assert_eq!(r2.count(|o| *o == Outcome::Created), 2);
    assert_eq!(hq.v.all_cases().unwrap().len(), 5);
    assert_eq!(hq.v.developments(s2.id).unwrap()[0].id, d1.id);

    // Re-applying changes nothing.
    for b in [&b1, &b2] {
        let again = hq.v.import_bundle(b, false, at(5)).unwrap();
        assert!(again.seen_before);
        assert!(again.changes.iter().all(|c| c.outcome == Outcome::Unchanged), "{again:?}");
    }

    // The duplicate pair is proposed with its reasons, and merged.
    let dups = hq.v.duplicates_of(a1.id).unwrap();
    assert_eq!(dups.len(), 1, "{dups:?}");
    assert!([dups[0].case.id, dups[0].other.id].contains(&s1.id), "{dups:?}");
    assert!(dups[0].score >= 70, "{dups:?}");
    let all = hq.v.duplicate_candidates(None).unwrap();
    assert_eq!(all.len(), 1);
    let union_before: u32 = counts(&hq.v).iter().map(|c| c.1).sum();
    assert_eq!(union_before, 5);
    hq.v.merge_duplicate(s1.id, a1.id, at(5)).unwrap();
    assert_eq!(counts(&hq.v).iter().map(|c| c.1).sum::<u32>(), 4);
    assert!(hq.v.duplicate_candidates(None).unwrap().is_empty());

    // HQ corrects a case; the correspondent meanwhile edits it too: a
    // conflict at HQ, field by field.
    let mut hq_edit = hq.v.case(s2.id).unwrap().data;
    hq_edit.title = "Угрозы главному редактору".into();
    hq.v.update_case(s2.id, hq_edit, at(6)).unwrap();
    let mut shym_edit = shym.v.case(s2.id).unwrap().data;
    shym_edit.summary = "Угрожали по телефону".into();
    shym.v.update_case(s2.id, shym_edit, at(6)).unwrap();
    // And the correspondent deletes a case and edits another one.
    shym.v.delete_case(s3.id).unwrap();
    let b3 = send(&mut shym, &hq, "shym-2.kuzetbundle");
    let r3 = hq.v.import_bundle(&b3, false, at(7)).unwrap();
    let outcome =
        |r: &kuzet_core::vault::BundleReport, id: &str| r.changes.iter().find(|c| c.id == id).unwrap().outcome.clone();
    assert_eq!(outcome(&r3, &s3.id.to_string()), Outcome::Deleted);
    assert!(matches!(outcome(&r3, &s2.id.to_string()), Outcome::Held { reason: HeldReason::Conflict, .. }));
    assert_eq!(hq.v.case(s2.id).unwrap().data.title, "Угрозы главному редактору", "HQ's version stays");
    let held = hq.v.held().unwrap();
    assert_eq!(held.len(), 1);
    let fields: Vec<&str> = held[0].changes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["summary", "title"]);
    assert!(hq.v.case(s3.id).is_err(), "the deletion reached HQ");
    // Applying it again, and the older bundle after it: nothing changes.
    assert!(hq.v.import_bundle(&b3, false, at(8)).unwrap().changes.iter().all(|c| c.outcome == Outcome::Unchanged));
    assert!(hq.v.import_bundle(&b1, false, at(8)).unwrap().changes.iter().all(|c| c.outcome == Outcome::Unchanged));
    assert_eq!(hq.v.held().unwrap().len(), 1);

    // HQ takes the correspondent's summary and keeps its own title.
    hq.v.resolve_held(held[0].seq, Resolution::Fields(vec!["summary".into()]), at(9)).unwrap();
    let merged = hq.v.case(s2.id).unwrap().data;
    assert_eq!((merged.title.as_str(), merged.summary.as_str()), ("Угрозы главному редактору", "Угрожали по телефону"));
    assert!(hq.v.held().unwrap().is_empty());

    // Back to the correspondent: the resolved case and the taxonomy; not
    // Aktobe's cases.
    let back = send(&mut hq, &shym, "hq-to-shym.kuzetbundle");
    let rb = shym.v.import_bundle(&back, false, at(10)).unwrap();
    assert_eq!(outcome(&rb, &s2.id.to_string()), Outcome::Updated, "{rb:?}");
    assert!(rb.changes.iter().all(|c| c.case_id != a2.id), "a correspondent gets only its own cases");
    assert_eq!(shym.v.case(s2.id).unwrap().data, merged);
    assert_eq!(titles(&shym.v), ["Задержание журналиста у акимата", "Угрозы главному редактору"]);
    // A further round changes nothing on either side.
    let again = send(&mut shym, &hq, "shym-3.kuzetbundle");
    let r = hq.v.import_bundle(&again, false, at(11)).unwrap();
    assert!(r.changes.iter().all(|c| c.outcome == Outcome::Unchanged), "{r:?}");

    // HQ's counts are the union's, the duplicate counted once.
    assert_eq!(counts(&hq.v).iter().map(|c| c.1).sum::<u32>(), 3);
    assert_eq!(
        counts(&hq.v),
        [("journalists.attack".into(), 1), ("journalists.detention".into(), 1), ("journalists.threat".into(), 1)]
    );
    let _ = (a2, Entity::Case);
}

#[test]
fn refused_bundles_leave_the_vault_untouched() {
    let mut hq = site("HQ");
    let mut c = site("Correspondent");
    let mut stranger = site("Stranger");
    pair(&mut hq, &mut c);
    c.v.insert_case(case(day(2024, 5, 2), "journalists.threat", "Угроза Айгерім Қасымовой"), at(2)).unwrap();
    let good = send(&mut c, &hq, "good.kuzetbundle");
    let bytes = std::fs::read(&good).unwrap();
    let before = hq.v.verify().unwrap().head;
    let refuse = |hq: &mut Vault, bytes: &[u8], name: &str| -> VaultError {
        let p = hq.path().with_file_name(name);
        std::fs::write(&p, bytes).unwrap();
        hq.import_bundle(&p, false, at(5)).unwrap_err()
    };
    // A changed byte anywhere after the header, and a cut file.
    for at_byte in [bytes.len() / 2, bytes.len() - 3] {
        let mut t = bytes.clone();
        t[at_byte] ^= 0x40;
        assert!(matches!(refuse(&mut hq.v, &t, "t.kuzetbundle"), VaultError::Bundle(BundleError::Tampered)));
    }
    let cut = &bytes[..bytes.len() - 20];
    assert!(matches!(
        refuse(&mut hq.v, cut, "cut.kuzetbundle"),
        VaultError::Bundle(BundleError::Truncated | BundleError::Tampered)
    ));
    assert!(matches!(
        refuse(&mut hq.v, b"hello, not a bundle", "x.kuzetbundle"),
        VaultError::Bundle(BundleError::NotABundle)
    ));
    // For another vault.
    stranger.v.add_peer(&c.v.identity().unwrap().encode(), PeerRole::Correspondent, at(1)).unwrap();
    assert!(matches!(
        stranger.v.import_bundle(&good, false, at(5)).unwrap_err(),
        VaultError::Bundle(BundleError::WrongRecipient)
    ));
    // From a vault HQ has not added.
    stranger.v.add_peer(&hq.v.identity().unwrap().encode(), PeerRole::Headquarters, at(1)).unwrap();
    let from_stranger = stranger.dir.join("s.kuzetbundle");
    stranger.v.insert_case(case(day(2024, 5, 3), "journalists.threat", "Чужое"), at(2)).unwrap();
    stranger.v.export_bundle("HQ", &from_stranger, false, at(3)).unwrap();
    match hq.v.import_bundle(&from_stranger, false, at(5)).unwrap_err() {
        VaultError::Bundle(BundleError::UntrustedSender { name, fingerprint }) => {
            assert_eq!(name, "Stranger");
            assert_eq!(fingerprint, stranger.v.identity().unwrap().fingerprint());
        }
        other => panic!("{other:?}"),
    }
    assert!(hq.v.all_cases().unwrap().is_empty());
    assert_eq!(hq.v.verify().unwrap().head, before, "nothing was recorded");
    // A dry run says what would change and writes nothing.
    let dry = hq.v.import_bundle(&good, true, at(5)).unwrap();
    assert!(!dry.applied);
    assert_eq!(dry.count(|o| *o == Outcome::Created), 1);
    assert!(hq.v.all_cases().unwrap().is_empty());
    assert_eq!(hq.v.verify().unwrap().head, before);
    // The real one applies.
    hq.v.import_bundle(&good, false, at(6)).unwrap();
    assert_eq!(titles(&hq.v), ["Угроза Айгерім Қасымовой"]);
}

#[test]
fn a_bundle_holds_no_plaintext_and_carries_attachments() {
    let mut hq = site("HQ");
    let mut c = site("Correspondent");
    pair(&mut hq, &mut c);
    let marker = "ТАҢБА-маркер Айгерім Қасымова MARKER-77121";
    let mut data = case(day(2024, 5, 2), "journalists.threat", marker);
    data.summary = format!("{marker} — summary");
    data.victim.name = "Айгерім Қасымова".into();
    let k = c.v.insert_case(data, at(2)).unwrap();
    let file = c.dir.join("дәлел.txt");
    std::fs::write(&file, format!("{marker} evidence bytes").repeat(5000)).unwrap();
    let added = c.v.add_attachments(k.id, &[file], at(2)).unwrap();
    let out = send(&mut c, &hq, "b.kuzetbundle");
    let raw = std::fs::read(&out).unwrap();
    for needle in [marker.as_bytes(), "Айгерім".as_bytes(), b"MARKER-77121", b"journalists.threat", b"evidence bytes"]
    {
        assert!(
            !raw.windows(needle.len()).any(|w| w == needle),
            "plaintext {:?} in the bundle",
            String::from_utf8_lossy(needle)
        );
    }
    hq.v.import_bundle(&out, false, at(4)).unwrap();
    let got = hq.v.attachments(k.id).unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!((got[0].id, &got[0].sha256, got[0].size), (added[0].id, &added[0].sha256, added[0].size));
    assert!(hq.v.verify().unwrap().ok());
    // Not sent back.
    let back = send(&mut hq, &c, "back.kuzetbundle");
    let r = c.v.import_bundle(&back, false, at(6)).unwrap();
    assert!(r.changes.iter().all(|ch| ch.entity != Entity::Attachment), "{r:?}");
}

fn drone() -> kuzet_core::taxonomy::Category {
    kuzet_core::taxonomy::Category {
        code: kuzet_core::codes::CategoryCode::new("journalists.drone_ban").unwrap(),
        label: kuzet_core::lang::Labels { kk: "Дрон".into(), ru: "Дрон".into(), en: "Drone".into() },
        legal_reference: None,
        note: None,
        retired: false,
    }
}

#[test]
fn a_bundle_with_codes_headquarters_lacks_is_held_and_reported() {
    let mut hq = site("HQ");
    let mut c = site("Correspondent");
    pair(&mut hq, &mut c);
    // The correspondent's taxonomy has a category HQ lacks.
    let mut t = c.v.taxonomy().clone();
    t.add_category(&kuzet_core::codes::GroupCode::new("journalists").unwrap(), drone()).unwrap();
    c.v.save_taxonomy(t).unwrap();
    let k = c.v.insert_case(case(day(2024, 5, 2), "journalists.drone_ban", "Запрет съёмки с дрона"), at(2)).unwrap();
    let out = send(&mut c, &hq, "b.kuzetbundle");
    let r = hq.v.import_bundle(&out, false, at(4)).unwrap();
    match &r.changes[0].outcome {
        Outcome::Held { reason: HeldReason::Invalid, detail } => {
            assert!(detail.contains("journalists.drone_ban"), "{detail}")
        }
        other => panic!("{other:?}"),
    }
    assert!(r.taxonomy_refused.is_none());
    assert!(hq.v.all_cases().unwrap().is_empty());
    // Once HQ adds the code, taking the held version applies it.
    let mut t = hq.v.taxonomy().clone();
    t.add_category(&kuzet_core::codes::GroupCode::new("journalists").unwrap(), drone()).unwrap();
    hq.v.save_taxonomy(t).unwrap();
    let held = hq.v.held().unwrap();
    hq.v.resolve_held(held[0].seq, Resolution::TakeTheirs, at(5)).unwrap();
    assert_eq!(hq.v.case(k.id).unwrap().data.title, "Запрет съёмки с дрона");
    let _: Option<Case> = None;
    let _ = PublicIdentity::parse(&hq.v.identity().unwrap().encode()).unwrap();
}

#[test]
fn a_vault_from_before_the_exchange_gets_an_identity_and_sends_every_case() {
    let mut hq = site("HQ");
    let (_dir, path) = place();
    let mut old = Vault::create(&path, &pass()).unwrap();
    let k = old.insert_case(case(day(2024, 5, 2), "journalists.threat", "Старое дело"), at(2)).unwrap();
    drop(old);
    {
        // Back to schema 2, as a vault of the previous release.
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "key", "қорғаныс-2024").unwrap();
        c.execute_batch(
            "DROP TABLE identity; DROP TABLE peers; DROP TABLE record_versions; DROP TABLE record_heads;
             DROP TABLE case_peers; DROP TABLE exchange_held; DROP TABLE bundles_received; DROP TABLE case_links;
             PRAGMA user_version = 2;",
        )
        .unwrap();
    }
    let mut v = Vault::open(&path, &pass()).unwrap();
    let me = v.identity().unwrap();
    assert_eq!(me.name, kuzet_core::vault::exchange::DEFAULT_IDENTITY_NAME);
    hq.v.add_peer(&me.encode(), PeerRole::Correspondent, at(1)).unwrap();
    v.add_peer(&hq.v.identity().unwrap().encode(), PeerRole::Headquarters, at(1)).unwrap();
    let out = hq.dir.join("first.kuzetbundle");
    let sent = v.export_bundle("HQ", &out, false, at(3)).unwrap();
    assert_eq!(sent.cases, 1);
    hq.v.import_bundle(&out, false, at(4)).unwrap();
    assert_eq!(hq.v.case(k.id).unwrap().data.title, "Старое дело");
    // The identity survives reopening (made once).
    drop(v);
    let v = Vault::open(&path, &pass()).unwrap();
    assert_eq!(v.identity().unwrap().fingerprint(), me.fingerprint());
}

/// HQ with two correspondents, each with one case of the same event.
fn merged_network() -> (Site, Site, Site, Case, Case) {
    let mut hq = site("HQ");
    let mut a = site("A");
    let mut b = site("B");
    pair(&mut hq, &mut a);
    pair(&mut hq, &mut b);
    let mut secret = detained("Задержание у суда", "Айгерім Қасымова", "", 14, "");
    secret.confidential = true;
    secret.sources = vec!["https://a.example/only-a".into()];
    let ka = a.v.insert_case(secret, at(2)).unwrap();
    let file = a.dir.join("ruling.txt");
    std::fs::write(&file, "шешім").unwrap();
    a.v.add_attachments(ka.id, &[file], at(2)).unwrap();
    a.v.insert_development(ka.id, dev(day(2024, 5, 20), "Суд"), at(2)).unwrap();
    let kb = b.v.insert_case(detained("Detention at the court", "Aigerim Kassymova", "", 14, ""), at(2)).unwrap();
    for (from, name) in [(&mut a, "a1.kuzetbundle"), (&mut b, "b1.kuzetbundle")] {
        let out = send(from, &hq, name);
        hq.v.import_bundle(&out, false, at(4)).unwrap();
    }
    hq.v.merge_duplicate(kb.id, ka.id, at(5)).unwrap();
    (hq, a, b, ka, kb)
}

#[test]
fn a_merge_keeps_the_evidence_and_never_leaks_to_the_other_correspondent() {
    let (mut hq, mut a, mut b, ka, kb) = merged_network();
    let kept = hq.v.case(kb.id).unwrap();
    assert!(kept.data.confidential && kept.data.sources.contains(&"https://a.example/only-a".to_string()));
    assert_eq!(hq.v.attachments(kb.id).unwrap().len(), 1, "the attachment moved with the merge");
    assert_eq!(hq.v.developments(kb.id).unwrap().len(), 1, "the development moved too");
    assert!(hq.v.verify().unwrap().ok());
    // Neither correspondent gets the merged case (B would learn A's source and hidden name).
    for (c, name) in [(&mut b, "to-b.kuzetbundle"), (&mut a, "to-a.kuzetbundle")] {
        let back = send(&mut hq, c, name);
        let r = c.v.import_bundle(&back, false, at(6)).unwrap();
        assert!(r.changes.iter().all(|ch| ch.case_id != kb.id && ch.case_id != ka.id), "{r:?}");
    }
    assert!(!b.v.case(kb.id).unwrap().data.sources.iter().any(|s| s.contains("only-a")));
    // A edits its case: at HQ it stays held, named as merged, not brought back.
    let mut e = a.v.case(ka.id).unwrap().data;
    e.summary = "Уточнение".into();
    a.v.update_case(ka.id, e, at(7)).unwrap();
    let out = send(&mut a, &hq, "a2.kuzetbundle");
    let r = hq.v.import_bundle(&out, false, at(8)).unwrap();
    match &r.changes.iter().find(|c| c.case_id == ka.id).unwrap().outcome {
        Outcome::Held { reason: HeldReason::Conflict, detail } => {
            assert!(detail.contains("merged here into"), "{detail}")
        }
        other => panic!("{other:?}"),
    }
    assert!(hq.v.case(ka.id).is_err());
    // Restoring the duplicate by hand undoes the merge: proposed again.
    hq.v.restore_from_trash(ka.id, at(9)).unwrap();
    assert_eq!(hq.v.duplicates_of(kb.id).unwrap().len(), 1);
}

#[test]
fn merges_and_resolutions_refuse_what_would_lose_or_miscount() {
    let (mut hq, _a, _b, _ka, kb) = merged_network();
    let ctx = hq.v.insert_case(case(day(2024, 5, 14), "context.event", "Задержание у суда"), at(6)).unwrap();
    assert!(matches!(hq.v.merge_duplicate(ctx.id, kb.id, at(6)), Err(VaultError::Validation(_))));
    assert!(matches!(
        hq.v.link_cases(kb.id, kb.id, kuzet_core::vault::LinkKind::Dismissed, at(6)),
        Err(VaultError::Validation(_))
    ));
    // A conflict, and a choice of a field neither version has.
    let mut hq2 = site("HQ2");
    let mut c = site("C");
    pair(&mut hq2, &mut c);
    let k = c.v.insert_case(case(day(2024, 5, 2), "journalists.threat", "Угроза"), at(2)).unwrap();
    let out = send(&mut c, &hq2, "1.kuzetbundle");
    hq2.v.import_bundle(&out, false, at(3)).unwrap();
    for (v, title) in [(&mut hq2.v, "Угроза (HQ)"), (&mut c.v, "Угроза (C)")] {
        let mut d = v.case(k.id).unwrap().data;
        d.title = title.into();
        v.update_case(k.id, d, at(4)).unwrap();
    }
    let out = send(&mut c, &hq2, "2.kuzetbundle");
    hq2.v.import_bundle(&out, false, at(5)).unwrap();
    let seq = hq2.v.held().unwrap()[0].seq;
    assert!(matches!(
        hq2.v.resolve_held(seq, Resolution::Fields(vec!["nonsense".into()]), at(6)),
        Err(VaultError::Validation(_))
    ));
    assert!(matches!(hq2.v.resolve_held(seq, Resolution::Fields(vec![]), at(6)), Err(VaultError::Validation(_))));
    assert_eq!(hq2.v.held().unwrap().len(), 1, "still held");
    // Re-adding a peer with another role is refused.
    let cid = c.v.identity().unwrap().encode();
    match hq2.v.add_peer(&cid, PeerRole::Headquarters, at(6)) {
        Err(VaultError::Bundle(BundleError::RoleChange { role, .. })) => assert_eq!(role, "correspondent"),
        other => panic!("{other:?}"),
    }
    // A file of zeros is not a bundle, read no further than its start.
    let zeros = hq2.dir.join("zeros.kuzetbundle");
    std::fs::write(&zeros, vec![0u8; 4 << 20]).unwrap();
    assert!(matches!(hq2.v.import_bundle(&zeros, false, at(6)), Err(VaultError::Bundle(BundleError::NotABundle))));
}

#[test]
fn a_lost_bundle_is_noticed_and_a_full_bundle_makes_it_good() {
    let mut hq = site("HQ");
    let mut c = site("C");
    pair(&mut hq, &mut c);
    let k1 = c.v.insert_case(case(day(2024, 5, 2), "journalists.threat", "Первое"), at(2)).unwrap();
    let first = send(&mut c, &hq, "1.kuzetbundle");
    hq.v.import_bundle(&first, false, at(3)).unwrap();
    let k2 = c.v.insert_case(case(day(2024, 5, 3), "journalists.threat", "Потерянное"), at(3)).unwrap();
    let _lost = send(&mut c, &hq, "lost.kuzetbundle");
    let k3 = c.v.insert_case(case(day(2024, 5, 4), "journalists.threat", "Третье"), at(4)).unwrap();
    let next = send(&mut c, &hq, "3.kuzetbundle");
    let r = hq.v.import_bundle(&next, false, at(5)).unwrap();
    assert!(r.missing_before.is_some(), "the gap is reported");
    assert!(hq.v.case(k2.id).is_err());
    let out = hq.dir.join("full.kuzetbundle");
    c.v.export_bundle("HQ", &out, true, at(6)).unwrap();
    let r = hq.v.import_bundle(&out, false, at(7)).unwrap();
    assert!(r.missing_before.is_none());
    for k in [k1.id, k2.id, k3.id] {
        assert!(hq.v.case(k).is_ok());
    }
    // A full bundle back includes what came from the correspondent (a restore from backup).
    let back = hq.dir.join("back.kuzetbundle");
    let sent = hq.v.export_bundle("C", &back, true, at(8)).unwrap();
    assert_eq!(sent.cases, 3);
}

#[test]
fn a_removed_peer_is_refused_as_removed_until_added_again() {
    let mut hq = site("HQ");
    let mut c = site("C");
    pair(&mut hq, &mut c);
    c.v.insert_case(case(day(2024, 5, 2), "journalists.threat", "Угроза"), at(2)).unwrap();
    let out = send(&mut c, &hq, "1.kuzetbundle");
    hq.v.remove_peer("C").unwrap();
    assert!(hq.v.peers().unwrap().is_empty());
    match hq.v.import_bundle(&out, false, at(3)) {
        Err(VaultError::Bundle(BundleError::RemovedPeer { name, .. })) => assert_eq!(name, "C"),
        other => panic!("{other:?}"),
    }
    assert!(hq.v.all_cases().unwrap().is_empty());
    hq.v.add_peer(&c.v.identity().unwrap().encode(), PeerRole::Correspondent, at(4)).unwrap();
    hq.v.import_bundle(&out, false, at(5)).unwrap();
    assert_eq!(hq.v.all_cases().unwrap().len(), 1);
}
