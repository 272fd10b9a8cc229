//! Cases, developments, documents and the taxonomy in the vault.

use super::*;
use kuzet_core::case::CaseId;
use kuzet_core::codes::GroupCode;
use kuzet_core::lang::Labels;
use kuzet_core::taxonomy::Category;
use kuzet_core::vault::VaultError;

#[test]
fn cases_are_normalised_stored_updated_and_deleted() {
    let (_dir, mut v) = new_vault();
    let mut data = with_ref(case(day(2024, 5, 10), "journalists.obstruction", "  Қостанай: судья  "), " 2024-05-001 ");
    data.region = Some(region("kostanay"));
    let c = v.insert_case(data, at(1)).unwrap();
    assert_eq!(c.data.title, "Қостанай: судья", "trimmed");
    assert_eq!(c.data.external_ref.as_deref(), Some("2024-05-001"));
    assert_eq!(c.created_at, at(1));
    assert_eq!(v.case(c.id).unwrap(), c);
    assert_eq!(v.case_by_ref("2024-05-001").unwrap(), Some(c.clone()));
    assert_eq!(v.case_by_ref("2024-05-002").unwrap(), None);

    let mut changed = c.data.clone();
    changed.status = CaseStatus::Closed;
    changed.title = "Қостанай: сот".into();
    let u = v.update_case(c.id, changed, at(5)).unwrap();
    assert_eq!((u.id, u.created_at, u.updated_at), (c.id, at(1), at(5)));
    assert_eq!(v.case(c.id).unwrap().data.status, CaseStatus::Closed);

    let d = v.insert_development(c.id, dev(day(2024, 6, 2), "Апелляция"), at(6)).unwrap();
    v.delete_case(c.id).unwrap();
    assert!(matches!(v.case(c.id), Err(VaultError::NotFound { .. })));
    assert!(matches!(v.delete_development(d.id), Err(VaultError::NotFound { .. })), "its developments went with it");
    assert!(v.all_developments().unwrap().is_empty());
    assert!(matches!(v.delete_case(c.id), Err(VaultError::NotFound { .. })));
    let e = v.update_case(CaseId::new(), case(day(2024, 5, 1), "journalists.attack", "x"), at(1)).unwrap_err();
    assert!(matches!(&e, VaultError::NotFound { what } if what.starts_with("case ")), "{e:?}");
}

#[test]
fn invalid_cases_and_duplicate_refs_write_nothing() {
    let (_dir, mut v) = new_vault();
    let mut bad = case(day(2024, 5, 10), "journalists.nope", " ");
    bad.region = Some(region("moscow"));
    match v.insert_case(bad, at(1)) {
        Err(VaultError::Validation(e)) => {
            let fields: Vec<_> = e.0.iter().map(|f| f.field.name()).collect();
            assert_eq!(fields, ["title", "category", "region"]);
        }
        other => panic!("{other:?}"),
    }
    let a = v.insert_case(with_ref(case(day(2024, 5, 10), "journalists.attack", "A"), "R-1"), at(1)).unwrap();
    let e = v.insert_case(with_ref(case(day(2024, 5, 11), "journalists.attack", "B"), "R-1"), at(1)).unwrap_err();
    assert!(matches!(&e, VaultError::DuplicateRef(r) if r == "R-1"), "{e:?}");
    let b = v.insert_case(with_ref(case(day(2024, 5, 11), "journalists.attack", "B"), "R-2"), at(1)).unwrap();
    assert!(matches!(v.update_case(b.id, with_ref(b.data.clone(), "R-1"), at(2)), Err(VaultError::DuplicateRef(_))));
    v.update_case(a.id, a.data.clone(), at(2)).expect("keeping one's own ref is fine");
    let mut d = dev(day(2024, 6, 1), "Суд");
    d.external_ref = Some("R-2".into());
    assert!(
        matches!(v.insert_development(a.id, d.clone(), at(3)), Err(VaultError::DuplicateRef(_))),
        "refs are shared with cases"
    );
    d.external_ref = Some("R-1/d1".into());
    let dd = v.insert_development(a.id, d.clone(), at(3)).unwrap();
    assert!(matches!(
        v.insert_case(with_ref(case(day(2024, 5, 11), "journalists.attack", "C"), "R-1/d1"), at(1)),
        Err(VaultError::DuplicateRef(_))
    ));
    v.update_development(dd.id, d, at(4)).expect("own ref");
    assert_eq!(v.all_cases().unwrap().len(), 2);
    assert!(matches!(
        v.insert_development(CaseId::new(), dev(day(2024, 6, 1), "x"), at(1)),
        Err(VaultError::NotFound { .. })
    ));
    assert!(matches!(v.insert_development(a.id, dev(day(2024, 6, 1), ""), at(1)), Err(VaultError::Validation(_))));
}

#[test]
fn developments_come_by_event_date() {
    let (_dir, mut v) = new_vault();
    let c = v.insert_case(case(day(2024, 3, 1), "claims.civil", "Иск о защите чести"), at(1)).unwrap();
    let other = v.insert_case(case(day(2024, 3, 2), "claims.civil", "Другой иск"), at(1)).unwrap();
    let late = v.insert_development(c.id, dev(day(2024, 6, 30), "Решение суда"), at(2)).unwrap();
    let early = v.insert_development(c.id, dev(day(2024, 5, 1), "Первое заседание"), at(3)).unwrap();
    let mid = v.insert_development(other.id, dev(day(2024, 6, 1), "Апелляция"), at(4)).unwrap();
    let titles = |ds: Vec<kuzet_core::case::Development>| ds.into_iter().map(|d| d.data.title).collect::<Vec<_>>();
    assert_eq!(titles(v.developments(c.id).unwrap()), ["Первое заседание", "Решение суда"]);
    assert_eq!(
        titles(v.developments_between(day(2024, 6, 1), day(2024, 6, 30)).unwrap()),
        ["Апелляция", "Решение суда"]
    );
    assert_eq!(titles(v.developments_between(day(2024, 5, 2), day(2024, 5, 31)).unwrap()), Vec::<String>::new());
    assert_eq!(v.all_developments().unwrap().len(), 3);
    let mut changed = early.data.clone();
    changed.event_date = day(2024, 7, 1);
    let u = v.update_development(early.id, changed, at(9)).unwrap();
    assert_eq!((u.case_id, u.created_at, u.updated_at), (c.id, at(3), at(9)));
    assert_eq!(titles(v.developments(c.id).unwrap()), ["Решение суда", "Первое заседание"]);
    v.delete_development(late.id).unwrap();
    assert_eq!(titles(v.developments(c.id).unwrap()), ["Первое заседание"]);
    let _ = mid;
    assert!(matches!(v.developments(CaseId::new()), Err(VaultError::NotFound { .. })));
}

#[test]
fn cases_between_takes_both_kinds_with_inclusive_dates() {
    let (_dir, mut v) = new_vault();
    for (d, cat) in [
        (day(2024, 4, 30), "journalists.attack"),
        (day(2024, 5, 1), "journalists.attack"),
        (day(2024, 5, 31), "context.event"),
        (day(2024, 6, 1), "journalists.attack"),
    ] {
        v.insert_case(case(d, cat, "x"), at(1)).unwrap();
    }
    let got: Vec<_> = v
        .cases_between(day(2024, 5, 1), day(2024, 5, 31))
        .unwrap()
        .into_iter()
        .map(|c| (c.data.event_date, c.data.kind))
        .collect();
    assert_eq!(got, [(day(2024, 5, 1), CaseKind::Case), (day(2024, 5, 31), CaseKind::Context)]);
    assert_eq!(v.all_cases().unwrap().len(), 4);
}

#[test]
fn documents_are_stored_as_json() {
    let (_dir, mut v) = new_vault();
    assert_eq!(v.get_document::<serde_json::Value>("overview-draft/2024-05").unwrap(), None);
    let draft = serde_json::json!({ "intro": "Мамыр айында…", "n": 45 });
    v.put_document("overview-draft/2024-05", &draft).unwrap();
    assert_eq!(v.get_document::<serde_json::Value>("overview-draft/2024-05").unwrap(), Some(draft));
    v.put_document("overview-draft/2024-05", &vec![1, 2, 3]).unwrap();
    assert_eq!(v.get_document::<Vec<u32>>("overview-draft/2024-05").unwrap(), Some(vec![1, 2, 3]));
    assert!(matches!(v.get_document::<String>("overview-draft/2024-05"), Err(VaultError::Db { .. })));
}

#[test]
fn taxonomy_edits_are_kept_and_used_codes_cannot_vanish() {
    let (dir, mut v) = new_vault();
    let path = v.path().to_path_buf();
    let g = GroupCode::new("information").unwrap();
    let code = kuzet_core::codes::CategoryCode::new("information.deepfake").unwrap();
    let mut t = v.taxonomy().clone();
    t.add_category(
        &g,
        Category {
            code: code.clone(),
            label: Labels { kk: "Дипфейк".into(), ru: "Дипфейк".into(), en: "Deepfake".into() },
            legal_reference: None,
            note: None,
            retired: false,
        },
    )
    .unwrap();
    v.save_taxonomy(t).unwrap();
    v.insert_case(case(day(2024, 5, 2), "information.deepfake", "Поддельное видео"), at(1)).unwrap();
    let mut t = v.taxonomy().clone();
    t.set_retired(&code, true).unwrap();
    v.save_taxonomy(t.clone()).unwrap();
    let mut removed = t.clone();
    for grp in &mut removed.groups {
        grp.categories.retain(|c| c.code != code);
    }
    let e = v.save_taxonomy(removed).unwrap_err();
    assert!(matches!(&e, VaultError::Validation(_)), "{e:?}");
    assert!(e.to_string().contains("information.deepfake"), "{e}");
    drop(v);
    let v = Vault::open(&path, &pass()).unwrap();
    assert_eq!(v.taxonomy(), &t, "edits survive closing");
    assert!(v.taxonomy().category(&code).unwrap().retired);
    drop(dir);
}

#[test]
fn regions_victim_perpetrator_types_and_legal_bases_in_use_cannot_vanish_either() {
    let (_dir, mut v) = new_vault();
    let mut c = case(day(2024, 5, 2), "claims.criminal", "Блогерге айып тағылды");
    c.region = Some(region("abai"));
    c.victim.kind = Some(victim_type("blogger"));
    c.perpetrator_type = Some(perpetrator("quasi_state"));
    c.legal_basis = Some(kuzet_core::codes::LegalBasisCode::new("false_information").unwrap());
    v.insert_case(c, at(1)).unwrap();
    let mut t = v.taxonomy().clone();
    t.regions.retain(|r| r.code.as_str() != "abai");
    t.victim_types.retain(|x| x.code.as_str() != "blogger");
    t.perpetrator_types.retain(|x| x.code.as_str() != "quasi_state");
    t.legal_bases.retain(|x| x.code.as_str() != "false_information");
    let e = v.save_taxonomy(t).unwrap_err().to_string();
    for named in ["region abai", "victim type blogger", "perpetrator type quasi_state", "legal basis false_information"]
    {
        assert!(e.contains(named), "{named} missing from: {e}");
    }
    // Removing something no case uses is fine.
    let mut t = v.taxonomy().clone();
    t.regions.retain(|r| r.code.as_str() != "shymkent");
    v.save_taxonomy(t).unwrap();
}
