//! A month's overview draft as the app and the CLI load it
//! (`monthly::month_draft`): a saved draft keeps the editor's choices and
//! still lists every case and development of the month, in its section.

use crate::vault::{at, case, day, dev, new_vault};
use kuzet_core::case::CaseId;
use kuzet_core::month::Month;
use kuzet_core::monthly::{month_draft, month_inputs};
use kuzet_core::overview::{draft_key, EntryRef, OverviewDraft, SectionKind};
use kuzet_core::vault::Vault;

fn may() -> Month {
    "2024-05".parse().unwrap()
}

fn load(v: &Vault) -> OverviewDraft {
    let inputs = month_inputs(v, may()).unwrap();
    month_draft(v, &inputs, day(2024, 6, 10)).unwrap().0
}

fn save(v: &mut Vault, d: &OverviewDraft) {
    v.put_document(&draft_key(may()), d).unwrap();
}

fn group(code: &str) -> SectionKind {
    SectionKind::Group { code: code.parse().unwrap() }
}

fn section<'a>(d: &'a OverviewDraft, kind: &SectionKind) -> Option<Vec<EntryRef>> {
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

    let d = load(&v);
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
}
