//! Per-edition text: a case's title and summary held in kk, ru and en. The
//! kk edition prints the kk text where it exists and names the entries
//! that have none; public outputs redact translations like the original;
//! the CSV carries them and a file without their columns keeps them.

use crate::overview::{run, squash, write_pdf};
use crate::publication::survivors;
use crate::vault::{at, case, day, dev, new_vault, with_ref};
use kuzet_core::case::{CaseData, Field, Problem, Translation};
use kuzet_core::lang::Lang;
use kuzet_core::monthly::{month_publication, month_report};
use kuzet_core::overview::{render_pdf, EntryRef};
use kuzet_core::publication::{NameList, RedactionStyle};
use kuzet_core::transfer::{export_bytes, import_csv, public_copy, select, ExportFormat, ImportOptions};
use kuzet_core::vault::{Vault, VaultError};

fn tr(title: &str, summary: &str) -> Translation {
    Translation { title: title.into(), summary: summary.into() }
}

/// A Russian case translated into Kazakh (naming a private person in both),
/// and an English case with no translation.
fn two_cases(v: &mut Vault) -> (kuzet_core::case::Case, kuzet_core::case::Case) {
    let mut c = with_ref(case(day(2024, 5, 3), "journalists.threat", "Айгерим угрожали после поста"), "T-1");
    c.language = Some(Lang::Ru);
    c.summary = "Блогеру Айгерим угрожали в комментариях.".into();
    c.private_names = vec!["Айгерим".into(), "Айгерім".into()];
    c.translations.insert(
        Lang::Kk,
        tr("Айгерімге жазбасынан кейін қоқан-лоқы көрсетілді", "Блогер Айгерімнің парақшасында қорқытты."),
    );
    let ru = v.insert_case(c, at(1)).unwrap();
    let mut c =
        with_ref(case(day(2024, 5, 9), "journalists.obstruction", "Reporter barred from a court hearing"), "T-2");
    c.language = Some(Lang::En);
    c.summary = "The bailiffs did not let the reporter in.".into();
    let en = v.insert_case(c, at(2)).unwrap();
    (ru, en)
}

#[test]
fn a_record_shows_its_own_text_its_translation_or_its_own_text_marked_untranslated() {
    let mut c = case(day(2024, 5, 3), "journalists.threat", "Угроза журналисту");
    c.language = Some(Lang::Ru);
    c.summary = "Текст".into();
    c.translations.insert(Lang::Kk, tr("Журналистке қоқан-лоқы", "Мәтін"));
    let (ru, kk, en) = (c.text_in(Lang::Ru), c.text_in(Lang::Kk), c.text_in(Lang::En));
    assert_eq!((ru.title, ru.translated), ("Угроза журналисту", true));
    assert_eq!((kk.title, kk.summary, kk.translated), ("Журналистке қоқан-лоқы", "Мәтін", true));
    assert_eq!((en.title, en.summary, en.translated), ("Угроза журналисту", "Текст", false));
    c.language = None;
    assert!(!c.text_in(Lang::Ru).translated, "a text of unknown language is untranslated everywhere");
}

#[test]
fn a_translation_is_checked_and_cleaned() {
    let (_dir, mut v) = new_vault();
    let mut c = case(day(2024, 5, 3), "journalists.threat", "Угроза");
    c.language = Some(Lang::Ru);
    c.summary = "Текст".into();
    c.translations.insert(Lang::Ru, tr("Угроза 2", "Текст 2"));
    c.translations.insert(Lang::Kk, tr("", "Мәтін"));
    c.translations.insert(Lang::En, tr("Threat", ""));
    let Err(VaultError::Validation(e)) = v.insert_case(c.clone(), at(1)) else { panic!("accepted") };
    let problems: Vec<(Field, Problem)> = e.0.iter().map(|e| (e.field, e.problem.clone())).collect();
    assert_eq!(
        problems,
        [
            (Field::Translations, Problem::TranslationIncomplete { lang: "kk".into(), missing: "title".into() }),
            (Field::Translations, Problem::SameLanguage { lang: "ru".into() }),
            (Field::Translations, Problem::TranslationIncomplete { lang: "en".into(), missing: "summary".into() }),
        ]
    );
    // A blank translation is dropped; text is NFC and trimmed.
    c.translations.clear();
    c.translations.insert(Lang::Kk, tr("  Қорқыту ", " Мәтін "));
    c.translations.insert(Lang::En, tr("  ", " "));
    let stored = v.insert_case(c, at(1)).unwrap();
    assert_eq!(stored.data.translations.keys().copied().collect::<Vec<_>>(), [Lang::Kk]);
    assert_eq!(stored.data.translations[&Lang::Kk], tr("Қорқыту", "Мәтін"));
}

#[test]
fn the_kk_edition_prints_the_kk_text_and_names_the_untranslated_entries() {
    let (_dir, mut v) = new_vault();
    let (ru, en) = two_cases(&mut v);
    let may = "2024-05".parse().unwrap();
    let (kk, _) = month_report(&v, may, Lang::Kk, day(2024, 6, 5)).unwrap();
    assert_eq!(kk.untranslated, [EntryRef::Case(en.id)], "only the English case lacks kk text");
    let titles: Vec<&str> = kk.sections.iter().flat_map(|s| s.entries.iter().map(|e| e.title.as_str())).collect();
    assert!(titles.iter().any(|t| t.ends_with("жазбасынан кейін қоқан-лоқы көрсетілді")), "{titles:?}");
    assert!(titles.contains(&"Reporter barred from a court hearing"), "kept as recorded: {titles:?}");
    let (ru_m, _) = month_report(&v, may, Lang::Ru, day(2024, 6, 5)).unwrap();
    assert_eq!(ru_m.untranslated, [EntryRef::Case(en.id)]);
    let (en_m, _) = month_report(&v, may, Lang::En, day(2024, 6, 5)).unwrap();
    assert_eq!(en_m.untranslated, [EntryRef::Case(ru.id)]);

    // The private name is hidden in the translation too, in the PDF.
    let (_tmp, path) = write_pdf(&render_pdf(&kk).unwrap(), "kk.pdf");
    let text = squash(&run("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]));
    assert!(text.contains("жазбасынан кейін қоқан-лоқы көрсетілді"), "{text}");
    assert_eq!(survivors(&text), Vec::<&str>::new());
    assert!(!text.contains("Айгерім") && !text.contains("Айгерим"), "{text}");
}

#[test]
fn a_development_s_translation_is_used_where_its_case_has_none() {
    let (_dir, mut v) = new_vault();
    let (ru, en) = two_cases(&mut v);
    let mut d = dev(day(2024, 5, 20), "Суд отказал в иске");
    d.language = Some(Lang::Ru);
    d.translations.insert(Lang::En, tr("The court dismissed the claim", ""));
    let d = v.insert_development(ru.id, d, at(3)).unwrap();
    let may = "2024-05".parse().unwrap();
    let (m, _) = month_report(&v, may, Lang::En, day(2024, 6, 5)).unwrap();
    let titles: Vec<&str> = m.sections.iter().flat_map(|s| s.entries.iter().map(|e| e.title.as_str())).collect();
    assert!(titles.contains(&"The court dismissed the claim"), "{titles:?}");
    assert_eq!(m.untranslated, [EntryRef::Case(ru.id)], "the development has an en text; its case has none");
    let _ = (en, d);
}

#[test]
fn the_public_copy_and_its_check_cover_translations() {
    let (_dir, mut v) = new_vault();
    let (ru, _) = two_cases(&mut v);
    // An unmarked name only in a translation is still listed.
    let mut data: CaseData = v.case(ru.id).unwrap().data;
    data.translations.insert(Lang::En, tr("Aigerim threatened after a post", "Nurlan Serikov, a neighbour, saw it."));
    data.private_names.push("Aigerim".into());
    v.update_case(ru.id, data, at(4)).unwrap();

    let full = select(&v, None).unwrap();
    let private = kuzet_core::publication::vault_private_names(&v).unwrap();
    let public = public_copy(&full, &private, &NameList::default(), RedactionStyle::Pseudonym);
    let c = &public.cases.iter().find(|c| c.id == ru.id).unwrap().data;
    assert_eq!(c.translations[&Lang::Kk].title, "Жеке тұлға А. жазбасынан кейін қоқан-лоқы көрсетілді");
    assert_eq!(c.translations[&Lang::En].title, "Citizen A. threatened after a post");
    let csv = String::from_utf8(export_bytes(&public, ExportFormat::Csv, at(9)).unwrap()).unwrap();
    assert!(!csv.contains("Айгер") && !csv.contains("Aigerim"), "{csv}");

    let may = "2024-05".parse().unwrap();
    let p = month_publication(&v, may, Lang::En, day(2024, 6, 5)).unwrap();
    let names: Vec<&str> = p.unmarked.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Nurlan Serikov"], "found in the en text the en edition prints");
}

#[test]
fn translations_travel_in_the_csv_and_a_file_without_their_columns_keeps_them() {
    let (_dir, mut v) = new_vault();
    let (ru, _) = two_cases(&mut v);
    let csv = String::from_utf8(export_bytes(&select(&v, None).unwrap(), ExportFormat::Csv, at(9)).unwrap()).unwrap();
    let header = csv.lines().find(|l| l.starts_with("ref,")).unwrap();
    for col in ["title_kk", "summary_kk", "title_ru", "summary_ru", "title_en", "summary_en"] {
        assert!(header.split(',').any(|h| h == col), "{col} in {header}");
    }
    // Into a new vault: the translation arrives.
    let (_d2, mut w) = new_vault();
    import_csv(&mut w, csv.as_bytes(), ImportOptions::default(), at(10)).unwrap();
    let back = w.all_cases().unwrap().into_iter().find(|c| c.data.external_ref.as_deref() == Some("T-1")).unwrap();
    assert_eq!(back.data.translations, v.case(ru.id).unwrap().data.translations);

    // A file without the translation columns changes the title, keeps the kk text.
    let slim = "ref,event_date,category,title,summary,language\n\
                T-1,2024-05-03,journalists.threat,Айгерим угрожали после поста в Telegram,Блогеру Айгерим угрожали в комментариях.,ru\n";
    import_csv(&mut v, slim.as_bytes(), ImportOptions::default(), at(11)).unwrap();
    let after = v.case(ru.id).unwrap().data;
    assert_eq!(after.title, "Айгерим угрожали после поста в Telegram");
    assert_eq!(after.translations[&Lang::Kk].title, "Айгерімге жазбасынан кейін қоқан-лоқы көрсетілді");

    // A bad translation cell is reported at its line and column.
    let bad = "ref,event_date,category,title,summary,language,summary_kk\n\
               T-9,2024-05-03,journalists.threat,Угроза,Текст,ru,Мәтін\n";
    let err = import_csv(&mut v, bad.as_bytes(), ImportOptions::default(), at(12)).unwrap_err();
    let kuzet_core::transfer::TransferError::Invalid(rows) = err else { panic!("{err}") };
    assert_eq!((rows[0].line, rows[0].column.as_str()), (2, "title_kk"), "{rows:?}");
}
