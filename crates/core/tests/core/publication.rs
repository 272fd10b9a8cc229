//! Safe publication: a private person's name, in any declined form, never
//! reaches a public document (overview PDF and preview, public export), and
//! the pre-publication check lists the names nobody marked.

use crate::overview::{run, squash, write_pdf};
use crate::vault::{at, case, day, dev, new_vault};
use kuzet_core::case::CaseData;
use kuzet_core::lang::Lang;
use kuzet_core::monthly::{month_publication, month_report};
use kuzet_core::overview::{render_pdf, OrgSettings, ORG_SETTINGS_KEY};
use kuzet_core::publication::{NameList, PublicFigures, RedactionStyle, PUBLIC_FIGURES_KEY};
use kuzet_core::text::fold;
use kuzet_core::transfer::{export_bytes, parse_csv, public_copy, select, ExportFormat};
use kuzet_core::vault::Vault;
use std::io::Read;

/// Every form of the private names the cases below use. None may survive.
const PRIVATE_FORMS: &[&str] =
    &["Айгерім", "Айгерімнің", "Айгерімге", "Иванов", "Иванова", "Иванову", "Пётр", "Петр", "Sarsenova"];

fn may() -> kuzet_core::month::Month {
    "2024-05".parse().unwrap()
}

/// A vault with three cases of May 2024 naming private persons:
/// a confidential Russian case (the victim's name is private), a Kazakh
/// case with a marked name and a development naming her again, an English
/// case with a marked full name; and one naming a journalist nobody marked.
pub(crate) fn vault_with_private_persons() -> (tempfile::TempDir, Vault) {
    let (dir, mut v) = new_vault();
    let mut c = case(day(2024, 5, 3), "journalists.threat", "Гражданину Иванову угрожали после поста");
    c.summary = "Жена Иванова сообщила, что Иванов получил угрозы. Пётр Иванов обратился в полицию.".into();
    c.victim.name = "Пётр Иванов".into();
    c.confidential = true;
    v.insert_case(c, at(1)).unwrap();

    let mut c = case(day(2024, 5, 10), "journalists.threat", "Айгерімге қоқан-лоқы көрсетілді");
    c.language = Some(Lang::Kk);
    c.summary = "Блогер Айгерімнің парақшасы бұғатталды. Айгерім полицияға жүгінді.".into();
    c.private_names = vec!["Айгерім".into()];
    let kk = v.insert_case(c, at(2)).unwrap();
    let mut d = dev(day(2024, 5, 20), "Сот шағымды қабылдамады");
    d.language = Some(Lang::Kk);
    d.summary = "Сот Айгерімнің шағымын қабылдамады.".into();
    v.insert_development(kk.id, d, at(3)).unwrap();

    let mut c = case(day(2024, 5, 12), "journalists.obstruction", "Police questioned Aigerim Sarsenova");
    c.language = Some(Lang::En);
    c.summary = "Aigerim Sarsenova, a private citizen, filmed the raid. Sarsenova's phone was seized.".into();
    c.private_names = vec!["Aigerim Sarsenova".into()];
    v.insert_case(c, at(4)).unwrap();

    let mut c = case(day(2024, 5, 14), "journalists.obstruction", "Журналисту Ерлану Нұрланұлы не дали снимать");
    c.summary = "Корреспондент Ерлан Нұрланұлы снимал сессию маслихата.".into();
    v.insert_case(c, at(5)).unwrap();
    (dir, v)
}

pub(crate) fn survivors(text: &str) -> Vec<&'static str> {
    let words: Vec<String> = text.split(|c: char| !c.is_alphabetic()).map(fold).collect();
    PRIVATE_FORMS.iter().copied().filter(|f| words.contains(&fold(f))).collect()
}

fn model_text(m: &kuzet_core::overview::ReportModel) -> String {
    serde_json::to_string(m).unwrap()
}

#[test]
fn no_private_name_survives_in_the_preview_or_the_pdf_in_any_language() {
    let (_dir, v) = vault_with_private_persons();
    for lang in Lang::ALL {
        let (model, _) = month_report(&v, may(), lang, day(2024, 6, 5)).unwrap();
        let json = model_text(&model);
        assert_eq!(survivors(&json), Vec::<&str>::new(), "{lang}: the preview model");
        let (_tmp, path) = write_pdf(&render_pdf(&model).unwrap(), "may.pdf");
        let text = squash(&run("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]));
        assert_eq!(survivors(&text), Vec::<&str>::new(), "{lang}: the PDF text");
        // The unmarked journalist is printed as written.
        assert!(text.contains("Ерлан Нұрланұлы"), "{lang}: public names stay");
        let citizen = match lang {
            Lang::En => "citizen A.",
            Lang::Ru => "гр. А.",
            Lang::Kk => "жеке тұлға А.",
        };
        assert!(text.contains(citizen), "{lang}: {citizen} in {text}");
    }
}

#[test]
fn pseudonyms_are_stable_within_the_overview_and_follow_print_order() {
    let (_dir, v) = vault_with_private_persons();
    let p = month_publication(&v, may(), Lang::Ru, day(2024, 6, 5)).unwrap();
    // Айгерім and Aigerim Sarsenova are one person to the matcher (the same
    // name in two alphabets; the fuller name wins a tie).
    assert_eq!(p.hidden, 2, "Пётр Иванов, and Айгерім = Aigerim Sarsenova");
    let entries: Vec<(String, String)> =
        p.model.sections.iter().flat_map(|s| s.entries.iter().map(|e| (e.title.clone(), e.text.clone()))).collect();
    assert_eq!(
        entries,
        [
            (
                "Гражданину гр. А. угрожали после поста".to_string(),
                "Жена гр. А. сообщила, что гр. А. получил угрозы. Гр. А. обратился в полицию.".to_string()
            ),
            (
                "Гр. Б. қоқан-лоқы көрсетілді".to_string(),
                "Блогер гр. Б. парақшасы бұғатталды. Гр. Б. полицияға жүгінді.".to_string()
            ),
            (
                "Police questioned гр. Б.".to_string(),
                "Гр. Б., a private citizen, filmed the raid. Гр. Б. phone was seized.".to_string()
            ),
            (
                "Журналисту Ерлану Нұрланұлы не дали снимать".to_string(),
                "Корреспондент Ерлан Нұрланұлы снимал сессию маслихата.".to_string()
            ),
            ("Сот шағымды қабылдамады".to_string(), "Сот гр. Б. шағымын қабылдамады.".to_string()),
        ]
    );
}

#[test]
fn the_withheld_style_replaces_every_name_alike() {
    let (_dir, mut v) = vault_with_private_persons();
    let org = OrgSettings { redaction: RedactionStyle::Withheld, ..OrgSettings::default() };
    v.put_document(ORG_SETTINGS_KEY, &org).unwrap();
    let (m, _) = month_report(&v, may(), Lang::En, day(2024, 6, 5)).unwrap();
    let json = model_text(&m);
    assert_eq!(survivors(&json), Vec::<&str>::new());
    assert!(json.contains("Police questioned [name withheld]"), "{json}");
    assert!(!json.contains("citizen A."));
}

#[test]
fn the_check_lists_unmarked_names_until_they_are_public_figures() {
    let (_dir, mut v) = vault_with_private_persons();
    let p = month_publication(&v, may(), Lang::Ru, day(2024, 6, 5)).unwrap();
    let names: Vec<&str> = p.unmarked.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Ерлану Нұрланұлы", "Ерлан Нұрланұлы"], "marked names are never listed");
    let place = &p.unmarked[1].places[0];
    assert_eq!(place.context, "Корреспондент Ерлан Нұрланұлы снимал сессию маслихата.");
    assert!(place.entry.is_some(), "the entry is named, so the app can open its case");

    let mut figures = PublicFigures::default();
    assert!(figures.add("Ерлан Нұрланұлы"));
    assert!(!figures.add("  ерлан нұрланұлы "), "listed once, whatever the case");
    v.put_document(PUBLIC_FIGURES_KEY, &figures).unwrap();
    let p = month_publication(&v, may(), Lang::Ru, day(2024, 6, 5)).unwrap();
    assert!(p.unmarked.is_empty(), "a public figure passes in every declined form: {:?}", p.unmarked);
}

pub(crate) fn xlsx_strings(bytes: &[u8]) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name("xl/sharedStrings.xml").unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn the_public_copy_holds_no_private_name_and_the_full_export_holds_all() {
    let (_dir, v) = vault_with_private_persons();
    let full = select(&v, None).unwrap();
    let private = kuzet_core::publication::vault_private_names(&v).unwrap();
    let public = public_copy(&full, &private, &NameList::default(), RedactionStyle::Pseudonym);
    let now = at(9);
    for format in [ExportFormat::Csv, ExportFormat::Json, ExportFormat::Xlsx] {
        let text = |set| {
            let b = export_bytes(set, format, now).unwrap();
            if format == ExportFormat::Xlsx {
                xlsx_strings(&b)
            } else {
                String::from_utf8(b).unwrap()
            }
        };
        let (f, p) = (text(&full), text(&public));
        assert_eq!(survivors(&p), Vec::<&str>::new(), "{format:?}: public copy");
        assert_eq!(survivors(&f).len(), PRIVATE_FORMS.len(), "{format:?}: the full export keeps every name");
        assert!(f.contains("full export - contains the names of private persons"), "{format:?}");
        assert!(p.contains("public copy - the names of private persons are replaced"), "{format:?}");
        assert!(p.contains("Ерлан Нұрланұлы"), "{format:?}: unmarked names stay");
    }
    let csv = String::from_utf8(export_bytes(&public, ExportFormat::Csv, now).unwrap()).unwrap();
    assert!(csv.lines().next().unwrap().ends_with("# Kuzet public copy - the names of private persons are replaced"));
    // Confidential victim's name, and pseudonyms in each record's language.
    assert!(csv.contains(",Гр. А.,"), "the confidential victim's name: {csv}");
    assert!(csv.contains("Жеке тұлға Б. полицияға жүгінді"), "{csv}");
    assert!(csv.contains("Police questioned citizen B."), "{csv}");
}

#[test]
fn private_names_travel_in_the_full_csv_and_it_imports_back() {
    let (_dir, v) = vault_with_private_persons();
    let bytes = export_bytes(&select(&v, None).unwrap(), ExportFormat::Csv, at(9)).unwrap();
    let items = parse_csv(&bytes, v.taxonomy()).unwrap();
    let marked: Vec<Vec<String>> = items
        .iter()
        .map(|(_, i)| match i {
            kuzet_core::vault::ImportItem::Case(c) => c.private_names.clone(),
            kuzet_core::vault::ImportItem::Development { data, .. } => data.private_names.clone(),
        })
        .filter(|n| !n.is_empty())
        .collect();
    assert_eq!(marked, [vec!["Айгерім".to_string()], vec!["Aigerim Sarsenova".to_string()]]);
    // Line numbers count the notice line: the header is line 2.
    let bad = String::from_utf8(bytes).unwrap().replacen("journalists.threat", "journalists.nope", 1);
    let err = parse_csv(bad.as_bytes(), v.taxonomy()).unwrap_err().to_string();
    assert!(err.contains("line 3"), "{err}");
}

#[test]
fn private_names_are_checked_and_cleaned() {
    let t = kuzet_core::taxonomy::Taxonomy::bundled();
    let mut c: CaseData = case(day(2024, 5, 3), "journalists.threat", "Т");
    c.private_names = vec![" Пе\u{308}тр Иванов ".into(), "ПЁТР ИВАНОВ".into(), String::new(), "Айгерім".into()];
    c.normalize();
    assert_eq!(c.private_names, ["Пётр Иванов", "Айгерім"], "NFC, trimmed, blanks dropped, each name once");
    c.private_names = vec!["x".repeat(201)];
    let e = c.validate(&t, None).unwrap_err();
    assert_eq!(e.0[0].field.name(), "private_names");
}

#[test]
fn marking_a_name_private_hides_it_from_the_next_build_and_the_check() {
    let (_dir, mut v) = vault_with_private_persons();
    let p = month_publication(&v, may(), Lang::Ru, day(2024, 6, 5)).unwrap();
    let erlan = &p.unmarked[1];
    let item = erlan.places[0].entry.unwrap();
    assert!(kuzet_core::publication::mark_private(&mut v, item, "Ерлан Нұрланұлы", at(7)).unwrap());
    assert!(!kuzet_core::publication::mark_private(&mut v, item, " ерлан нұрланұлы", at(7)).unwrap(), "once");
    let err = kuzet_core::publication::mark_private(&mut v, item, "  ", at(7)).unwrap_err();
    assert!(err.to_string().contains("private_names"), "{err}");
    let p = month_publication(&v, may(), Lang::Ru, day(2024, 6, 5)).unwrap();
    assert!(p.unmarked.is_empty(), "{:?}", p.unmarked);
    let json = model_text(&p.model);
    assert!(!json.contains("Ерлан") && !json.contains("Нұрланұлы"), "hidden in every form: {json}");
    assert!(json.contains("Корреспондент гр. В. снимал"), "{json}");
}

/// What a break-it pass found leaking, each now hidden: two-letter names of
/// a confidential victim, Russian spellings and transliterations of Kazakh
/// names, invisible characters, stems that change, a name marked only on an
/// earlier month's case, refs and source links naming the person.
#[test]
fn spellings_short_names_old_marks_refs_and_sources_do_not_leak() {
    let (_dir, mut v) = new_vault();
    let mut old = case(day(2024, 4, 2), "journalists.threat", "Апрельский случай");
    old.private_names = vec!["Гүлнар".into(), "Алма".into()];
    v.insert_case(old, at(1)).unwrap();
    let mut c = case(day(2024, 5, 3), "journalists.threat", "Угроза Ли Ян");
    c.summary = "Ли Ян угрожали. Сауле Жумабаевой звонили, Aygerim и Ива\u{200b}нова видели, \
                 Вишневского вызвали. Журналист Гүлнар рассказала. Алма уехала в Алматы."
        .into();
    c.victim.name = "Ли Ян".into();
    c.confidential = true;
    c.private_names = vec!["Сәуле Жұмабаева".into(), "Айгерім".into(), "Иванова".into(), "Вишневский".into()];
    c.external_ref = Some("Жумабаева-2024".into());
    c.sources = vec!["https://facebook.com/saule.zhumabaeva".into(), "https://adilsoz.kz/news/1".into()];
    v.insert_case(c, at(2)).unwrap();
    let leaks = ["Ли Ян", "Сауле", "Жумабаев", "Aygerim", "нова", "Вишневск", "Гүлнар", "zhumabaeva", "Алма "];

    let (m, _) = month_report(&v, may(), Lang::Ru, day(2024, 6, 5)).unwrap();
    let json = model_text(&m);
    for l in leaks {
        assert!(!json.contains(l), "the overview prints {l:?}: {json}");
    }
    assert!(json.contains("в Алматы"), "a region is not swallowed by the private name Алма: {json}");

    let set = select(&v, Some(may())).unwrap();
    let private = kuzet_core::publication::vault_private_names(&v).unwrap();
    let allowed = kuzet_core::publication::allowed_names(&PublicFigures::default(), v.taxonomy());
    let public = public_copy(&set, &private, &allowed, RedactionStyle::Pseudonym);
    let csv = String::from_utf8(export_bytes(&public, ExportFormat::Csv, at(9)).unwrap()).unwrap();
    for l in leaks {
        assert!(!csv.contains(l), "the one-month public copy holds {l:?}: {csv}");
    }
    assert!(csv.contains("[источник скрыт]") && csv.contains("https://adilsoz.kz/news/1"), "{csv}");
    assert!(csv.contains(",Гр. Б.,"), "the confidential victim's field is replaced whole: {csv}");
    assert!(csv.contains("\nГр. А.-2024,case"), "the ref is redacted too: {csv}");

    // A public copy is never imported over the real names.
    let err = parse_csv(csv.as_bytes(), v.taxonomy()).unwrap_err().to_string();
    assert!(err.contains("this file is a public copy"), "{err}");
}

#[test]
fn the_vaults_private_names_read_from_json_equal_the_rule_on_decoded_records() {
    let (_dir, v) = vault_with_private_persons();
    let cases = v.all_cases().unwrap();
    let devs = v.all_developments().unwrap();
    let mut decoded: Vec<String> = cases
        .iter()
        .flat_map(|c| {
            let victim = c.data.confidential.then(|| c.data.victim.name.clone());
            c.data.private_names.iter().cloned().chain(victim)
        })
        .chain(devs.iter().flat_map(|d| d.data.private_names.iter().cloned()))
        .filter(|n| !n.trim().is_empty())
        .collect();
    let mut fast = v.all_private_names().unwrap();
    decoded.sort();
    fast.sort();
    assert_eq!(fast, decoded);
    assert_eq!(fast, ["Aigerim Sarsenova", "Айгерім", "Пётр Иванов"]);
    assert_eq!(
        kuzet_core::publication::private_names(&cases, &devs),
        kuzet_core::publication::vault_private_names(&v).unwrap(),
        "the same names, so the same persons"
    );
}
