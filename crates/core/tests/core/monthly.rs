//! A month's overview draft as the app and the CLI load it
//! (`monthly::month_draft`): a saved draft keeps the editor's choices and
//! still lists every case and development of the month, in its section.

use crate::vault::{at, case, day, dev, new_vault};
use kuzet_core::case::CaseId;
use kuzet_core::case::Problem;
use kuzet_core::lang::Lang;
use kuzet_core::month::Month;
use kuzet_core::monthly::{month_draft, month_inputs, reset_draft, save_draft};
use kuzet_core::overview::{draft_key, DraftChanges, DraftSection, EntryRef, LangTexts, OverviewDraft, SectionKind};
use kuzet_core::vault::{Vault, VaultError};

fn may() -> Month {
    "2024-05".parse().unwrap()
}

fn load(v: &Vault) -> OverviewDraft {
    load_with_changes(v).0
}

fn load_with_changes(v: &Vault) -> (OverviewDraft, DraftChanges) {
    let inputs = month_inputs(v, may()).unwrap();
    month_draft(v, &inputs, day(2024, 6, 10)).unwrap()
}

fn save(v: &mut Vault, d: &OverviewDraft) {
    v.put_document(&draft_key(may()), d).unwrap();
}

fn group(code: &str) -> SectionKind {
    SectionKind::Group { code: code.parse().unwrap() }
}

fn section(d: &OverviewDraft, kind: &SectionKind) -> Option<Vec<EntryRef>> {
    d.sections.iter().find(|s| &s.kind == kind).map(|s| s.entries.iter().map(|e| e.item).collect())
}

fn kinds(d: &OverviewDraft) -> Vec<SectionKind> {
    d.sections.iter().map(|s| s.kind.clone()).collect()
}

fn c(id: CaseId) -> EntryRef {
    EntryRef::Case(id)
}

#[test]
fn cases_added_after_the_draft_was_saved_are_listed_in_their_sections() {
    let (_dir, mut v) = new_vault();
    let a = v.insert_case(case(day(2024, 5, 3), "journalists.attack", "Нападение А"), at(1)).unwrap().id;
    let b = v.insert_case(case(day(2024, 5, 20), "journalists.threat", "Угроза Б"), at(1)).unwrap().id;
    let ctx = v.insert_case(case(day(2024, 5, 10), "context.event", "Событие"), at(1)).unwrap().id;
    let d1 = v.insert_development(a, dev(day(2024, 5, 15), "Суд по делу А"), at(1)).unwrap().id;

    // The editor puts Б before А and saves.
    let mut d = load(&v);
    assert_eq!(kinds(&d), [SectionKind::Context, group("journalists"), SectionKind::Developments]);
    let j = d.sections.iter_mut().find(|s| s.kind == group("journalists")).unwrap();
    j.entries.swap(0, 1);
    save(&mut v, &d);

    // Then more of May is recorded.
    let e = v.insert_case(case(day(2024, 5, 12), "journalists.attack", "Нападение Е"), at(2)).unwrap().id;
    let f = v.insert_case(case(day(2024, 5, 5), "information.refusal", "Отказ Ф"), at(2)).unwrap().id;
    let d2 = v.insert_development(b, dev(day(2024, 5, 25), "Проверка по делу Б"), at(2)).unwrap().id;
    v.insert_case(case(day(2024, 6, 1), "journalists.attack", "Июнь"), at(2)).unwrap();

    let (d, changes) = load_with_changes(&v);
    assert_eq!(
        changes,
        DraftChanges { dropped: 0, added: vec![c(f), c(e), EntryRef::Development(d2)], moved: vec![] },
        "the new records, by date, are reported to be marked new"
    );
    assert_eq!(
        kinds(&d),
        [SectionKind::Context, group("journalists"), group("information"), SectionKind::Developments],
        "the missing information section is created where the default draft puts it"
    );
    assert_eq!(section(&d, &SectionKind::Context).unwrap(), [c(ctx)]);
    assert_eq!(section(&d, &group("journalists")).unwrap(), [c(b), c(a), c(e)], "the editor's order is kept");
    assert_eq!(section(&d, &group("information")).unwrap(), [c(f)]);
    assert_eq!(
        section(&d, &SectionKind::Developments).unwrap(),
        [EntryRef::Development(d1), EntryRef::Development(d2)]
    );

    // Once saved, they are no longer new.
    save(&mut v, &d);
    assert_eq!(load_with_changes(&v), (d, DraftChanges::default()));
}

#[test]
fn new_entries_go_in_date_order_among_the_editors_order() {
    let (_dir, mut v) = new_vault();
    let a = v.insert_case(case(day(2024, 5, 3), "journalists.attack", "А"), at(1)).unwrap().id;
    let b = v.insert_case(case(day(2024, 5, 20), "journalists.attack", "Б"), at(1)).unwrap().id;
    let z = v.insert_case(case(day(2024, 5, 28), "journalists.attack", "Я"), at(1)).unwrap().id;
    let mut d = load(&v);
    d.sections[0].entries.swap(0, 1); // Б, А, Я
    save(&mut v, &d);
    let first = v.insert_case(case(day(2024, 5, 1), "journalists.attack", "Первое"), at(2)).unwrap().id;
    let mid = v.insert_case(case(day(2024, 5, 3), "journalists.attack", "В"), at(2)).unwrap().id;
    let last = v.insert_case(case(day(2024, 5, 31), "journalists.attack", "Последнее"), at(2)).unwrap().id;
    let d = load(&v);
    assert_eq!(
        section(&d, &group("journalists")).unwrap(),
        [c(first), c(b), c(a), c(mid), c(z), c(last)],
        "each new entry after the last one dated on or before it; Б stays before А"
    );
}

#[test]
fn a_case_moved_to_another_month_or_group_is_not_listed_where_it_was() {
    let (_dir, mut v) = new_vault();
    let moved_out = v.insert_case(case(day(2024, 5, 3), "journalists.attack", "Перенесено в апрель"), at(1)).unwrap();
    let regrouped = v.insert_case(case(day(2024, 5, 9), "journalists.threat", "Иск, а не угроза"), at(1)).unwrap();
    let stays = v.insert_case(case(day(2024, 5, 10), "journalists.threat", "Остаётся"), at(1)).unwrap();
    let in_custom = v.insert_case(case(day(2024, 5, 11), "journalists.threat", "В разделе редактора"), at(1)).unwrap();
    let mut d = load(&v);
    // The editor's own texts, and a custom section holding one case.
    let j = d.sections.iter_mut().find(|s| s.kind == group("journalists")).unwrap();
    j.entries[1].title.set(Lang::Ru, "Заголовок редактора");
    let taken = j.entries.remove(3);
    assert_eq!(taken.item, c(in_custom.id));
    d.sections.push(DraftSection {
        kind: SectionKind::Custom,
        title: LangTexts { ru: Some("Суды".into()), ..LangTexts::default() },
        note: LangTexts::default(),
        entries: vec![taken],
    });
    save(&mut v, &d);

    let mut data = moved_out.data.clone();
    data.event_date = day(2024, 4, 28);
    v.update_case(moved_out.id, data, at(2)).unwrap();
    let mut data = regrouped.data.clone();
    data.category = "claims.civil".parse().unwrap();
    v.update_case(regrouped.id, data, at(2)).unwrap();
    let mut data = in_custom.data.clone();
    data.category = "information.refusal".parse().unwrap();
    v.update_case(in_custom.id, data, at(2)).unwrap();

    let (d, changes) = load_with_changes(&v);
    assert_eq!(changes, DraftChanges { dropped: 1, added: vec![], moved: vec![c(regrouped.id)] });
    assert_eq!(kinds(&d), [group("journalists"), group("claims"), SectionKind::Custom]);
    assert_eq!(section(&d, &group("journalists")).unwrap(), [c(stays.id)], "April's case is gone from May");
    assert_eq!(section(&d, &group("claims")).unwrap(), [c(regrouped.id)], "moved to its new group");
    let claims = d.sections.iter().find(|s| s.kind == group("claims")).unwrap();
    assert_eq!(claims.entries[0].title.get(Lang::Ru), Some("Заголовок редактора"), "with the editor's texts");
    assert_eq!(section(&d, &SectionKind::Custom).unwrap(), [c(in_custom.id)], "a custom section is the editor's");

    // Deleted, or no longer counted: dropped.
    v.delete_case(stays.id).unwrap();
    let (d, changes) = load_with_changes(&v);
    assert_eq!(changes.dropped, 2, "April's case and the deleted one");
    assert_eq!(kinds(&d), [group("claims"), SectionKind::Custom], "no empty heading left in the overview");

    // A section the editor wrote a note for stays, empty, for the editor to decide.
    let mut saved = load(&v);
    saved.sections[0].note.set(Lang::En, "Claims, as told by the editor");
    save(&mut v, &saved);
    let mut data = regrouped.data.clone();
    data.category = "claims.civil".parse().unwrap();
    data.event_date = day(2024, 6, 2);
    v.update_case(regrouped.id, data, at(3)).unwrap();
    let d = load(&v);
    assert_eq!(kinds(&d), [group("claims"), SectionKind::Custom]);
    assert_eq!(section(&d, &group("claims")).unwrap(), []);
}

#[test]
fn an_entry_the_editor_removed_is_not_added_back() {
    let (_dir, mut v) = new_vault();
    let a = v.insert_case(case(day(2024, 5, 3), "journalists.attack", "А"), at(1)).unwrap().id;
    let b = v.insert_case(case(day(2024, 5, 20), "journalists.attack", "Б"), at(1)).unwrap().id;
    let mut d = load(&v);
    // The editor removes А: it leaves its section and is excluded.
    d.sections[0].entries.retain(|e| e.item != c(a));
    d.excluded.push(c(a));
    save(&mut v, &d);
    let (d, changes) = load_with_changes(&v);
    assert_eq!(section(&d, &group("journalists")).unwrap(), [c(b)], "А stays out");
    assert_eq!(changes, DraftChanges::default(), "nothing is reported new");
    assert_eq!(d.excluded, [c(a)]);

    // Listed again (e.g. in a custom section), it is no longer excluded.
    let mut d2 = d.clone();
    d2.sections.push(DraftSection {
        kind: SectionKind::Custom,
        title: LangTexts { en: Some("Trials".into()), ..LangTexts::default() },
        note: LangTexts::default(),
        entries: vec![kuzet_core::overview::DraftEntry::of(c(a))],
    });
    save(&mut v, &d2);
    let d3 = load(&v);
    assert!(d3.excluded.is_empty());
    assert_eq!(section(&d3, &SectionKind::Custom).unwrap(), [c(a)]);

    // An excluded record deleted since leaves the list.
    save(&mut v, &d);
    v.delete_case(a).unwrap();
    assert!(load(&v).excluded.is_empty());
}

#[test]
fn reset_drops_the_saved_draft_and_the_default_comes_back() {
    let (_dir, mut v) = new_vault();
    let a = v.insert_case(case(day(2024, 5, 3), "journalists.attack", "А"), at(1)).unwrap().id;
    let mut d = load(&v);
    let default = d.clone();
    d.sections[0].entries.clear();
    d.excluded.push(c(a));
    d.title.set(Lang::En, "Mine");
    save(&mut v, &d);
    assert_ne!(load(&v), default);
    assert!(reset_draft(&mut v, may()).unwrap(), "a saved draft was there");
    assert_eq!(load(&v), default);
    assert!(!reset_draft(&mut v, may()).unwrap(), "nothing left to reset");
}

#[test]
fn saving_a_draft_refuses_an_entry_listed_twice_and_an_untitled_custom_section() {
    let (_dir, mut v) = new_vault();
    v.insert_case(case(day(2024, 5, 3), "journalists.attack", "Нападение"), at(1)).unwrap();
    let mut d = load(&v);
    let entry = d.sections[0].entries[0].clone();
    d.sections.push(DraftSection {
        kind: SectionKind::Custom,
        title: LangTexts { kk: Some("  ".into()), ..LangTexts::default() },
        note: LangTexts::default(),
        entries: vec![entry],
    });
    let err = save_draft(&mut v, &d).unwrap_err();
    let VaultError::Validation(errs) = err else { panic!("not a validation error: {err}") };
    assert_eq!(
        errs.0.iter().map(|e| e.problem.clone()).collect::<Vec<_>>(),
        [Problem::UntitledSection { section: 2 }, Problem::EntryTwice { entry: "2024-05-03 Нападение".into() }]
    );
    assert!(v.get_document::<OverviewDraft>(&draft_key(may())).unwrap().is_none(), "nothing saved");

    d.sections[1].title.set(Lang::Ru, "Суды");
    d.sections[0].entries.clear();
    save_draft(&mut v, &d).unwrap();
    assert_eq!(v.get_document::<OverviewDraft>(&draft_key(may())).unwrap(), Some(d));
}
