//! The printed single case (full record and public copy) and the annual
//! overview loaded from a vault, as the CLI and the app print them.

use crate::overview::{run, write_pdf};
use crate::publication::{survivors, vault_with_private_persons};
use crate::vault::{at, day};
use kuzet_core::lang::Lang;
use kuzet_core::prints::{annual_pdf, case_print};
use kuzet_core::transfer::Edition;

fn text_of(pdf: &[u8]) -> String {
    let (_dir, path) = write_pdf(pdf, "case.pdf");
    if let Some(keep) = std::env::var_os("KUZET_KEEP_PDF") {
        // KUZET_KEEP_PDF=/tmp/x keeps each printed case as /tmp/x-<n>.pdf to look at.
        static SEQ: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let i = SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        std::fs::copy(&path, format!("{}-{i}.pdf", keep.to_string_lossy())).unwrap();
    }
    let text = run("pdftotext", &[path.to_str().unwrap(), "-"]);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_case_prints_in_full_for_the_foundation_and_without_private_names_in_public() {
    let (_dir, mut v) = vault_with_private_persons();
    let cases = v.cases_between(day(2024, 5, 1), day(2024, 5, 31)).unwrap();
    let kk = cases.iter().find(|c| c.data.title.starts_with("Айгерімге")).unwrap().clone();
    let mut data = kk.data.clone();
    data.sources = vec!["https://t.me/aigerim_blog/17".into(), "Айгерімнің хабарламасы".into()];
    v.update_case(kk.id, data, at(9)).unwrap();
    let mut photo = std::io::Cursor::new(b"\x89PNG\r\n\x1a\nnot really".to_vec());
    let a = v.add_attachment_from(kk.id, "Айгерім скриншот.png", &mut photo, at(10)).unwrap();

    for lang in Lang::ALL {
        let full = case_print(&v, kk.id, lang, Edition::Full, day(2024, 6, 5)).unwrap();
        assert!(full.unmarked.is_empty(), "the full record has no pre-publication check");
        let t = text_of(&full.pdf);
        assert!(t.contains("Айгерімге қоқан-лоқы көрсетілді"), "{lang}: the title: {t}");
        assert!(t.contains("Айгерімнің парақшасы"), "{lang}: the summary as recorded");
        assert!(t.contains("Сот шағымды қабылдамады"), "{lang}: the development");
        assert!(
            t.contains("Айгерім скриншот.png") && t.contains(&a.sha256[..16]),
            "{lang}: the attachment and its hash"
        );
        assert!(
            t.contains("2024-06-01 14:00") && t.find("2024-06-01 07:00") < t.find("2024-06-01 14:00"),
            "{lang}: the history oldest first, in Almaty time (at(9) is 09:00 UTC): {t}"
        );

        let public = case_print(&v, kk.id, lang, Edition::Public, day(2024, 6, 5)).unwrap();
        let t = text_of(&public.pdf);
        assert_eq!(survivors(&t), Vec::<&str>::new(), "{lang}: no form of a private name in the public copy: {t}");
        assert!(t.contains(&a.sha256[..16]), "{lang}: the hash stays, the file name goes");
        assert!(!t.contains("aigerim_blog"), "{lang}: a source naming her is withheld");
        assert!(
            t.contains("жеке тұлға А.") || t.contains("гр. А.") || t.contains("citizen A."),
            "{lang}: a pseudonym: {t}"
        );
    }
    let en = text_of(&case_print(&v, kk.id, Lang::En, Edition::Full, day(2024, 6, 5)).unwrap().pdf);
    assert!(en.contains("Full record: contains the names of private persons"), "{en}");
    let en = text_of(&case_print(&v, kk.id, Lang::En, Edition::Public, day(2024, 6, 5)).unwrap().pdf);
    assert!(en.contains("Public copy: the names of private persons are withheld"), "{en}");
}

#[test]
fn the_public_copy_of_a_case_lists_the_names_nobody_marked() {
    let (_dir, v) = vault_with_private_persons();
    let cases = v.cases_between(day(2024, 5, 1), day(2024, 5, 31)).unwrap();
    let c = cases.iter().find(|c| c.data.title.contains("Нұрланұлы")).unwrap();
    let p = case_print(&v, c.id, Lang::Ru, Edition::Public, day(2024, 6, 5)).unwrap();
    let names: Vec<&str> = p.unmarked.iter().map(|n| n.name.as_str()).collect();
    assert!(names.iter().any(|n| n.contains("Нұрланұлы")), "{names:?}");
    assert!(case_print(&v, kuzet_core::case::CaseId::new(), Lang::Ru, Edition::Full, day(2024, 6, 5)).is_err());
}

#[test]
fn the_annual_overview_of_a_vault_counts_its_year() {
    let (_dir, v) = vault_with_private_persons();
    let (pdf, s) = annual_pdf(&v, 2024, Lang::En, day(2025, 1, 10)).unwrap();
    assert_eq!(s.counts.total, 4);
    assert_eq!(s.months[4].total, 4, "all in May");
    let t = text_of(&pdf);
    assert!(t.contains("In total, 4 violations were recorded in 2024"), "{t}");
    assert_eq!(survivors(&t), Vec::<&str>::new(), "counts only");
}
