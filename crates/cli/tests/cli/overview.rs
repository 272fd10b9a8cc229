//! `kuzet overview`: the monthly overview PDF holds the published counts in
//! every language (read back with poppler's `pdftotext`).

use super::*;

/// The numbers of the "•" lines (claims by branch) and every token of the text.
fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext").arg(pdf).arg("-").output().expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "pdftotext failed on {}", pdf.display());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_overview_pdf_holds_the_counts_in_kazakh_russian_and_english() {
    let d = Dir::with_fixture();
    for lang in ["kk", "ru", "en"] {
        let pdf = d.path(&format!("may-2024-{lang}.pdf"));
        d.kuzet(&["overview", "--month", "2024-05", "--lang", lang, "--out", pdf.to_str().unwrap(), "--names-checked"])
            .ok();
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"), "{lang}: a PDF");
        let text = pdf_text(&pdf);
        let tokens: Vec<&str> = text.split_whitespace().collect();
        for n in ["22", "13", "10", "45"] {
            assert!(tokens.contains(&n), "{lang}: the overview names {n}:\n{text}");
        }
        let bullets: Vec<Vec<&str>> = text
            .lines()
            .filter(|l| l.trim_start().starts_with('•'))
            .take(3)
            .map(|l| l.split_whitespace().filter(|t| t.chars().all(|c| c.is_ascii_digit())).collect())
            .collect();
        assert_eq!(bullets, [["1"], ["6"], ["3"]], "{lang}: claims by branch, criminal/civil/administrative:\n{text}");
    }
    let kk = pdf_text(&d.path("may-2024-kk.pdf"));
    assert!(kk.contains("2024 жылғы мамыр"), "the Kazakh month name:\n{kk}");
    assert!(kk.contains("Әкімдік су тасқынынан"), "a Kazakh case title is printed with Kazakh letters");
}

#[test]
fn the_pre_publication_check_stops_the_overview_until_names_are_checked() {
    let d = Dir::with_fixture();
    let pdf = d.path("may.pdf");
    let out = pdf.to_str().unwrap();
    let run = d.kuzet(&["overview", "--month", "2024-05", "--lang", "en", "--out", out]).fails(
        4,
        &[
            "pre-publication check of the overview found 15 personal name(s)",
            "  Gusev  (1 time(s);",
            "nothing was written",
            "  Dana Saudagerova  (2 time(s);",
        ],
    );
    assert!(run.stderr.contains("--names-checked"), "says how to go on: {}", run.stderr);
    assert!(!pdf.exists(), "no PDF is written");
    d.kuzet(&["overview", "--month", "2024-05", "--lang", "en", "--out", out, "--names-checked"]).ok();
    assert!(pdf_text(&pdf).contains("Dana Saudagerova"), "checked names are printed as written");
}

/// A fixture row whose victim is marked confidential and whose summary names
/// her in declined Russian and Kazakh forms.
const CONFIDENTIAL: &str = "ref,event_date,category,title,summary,victim_name,confidential,private_names,language\n\
2024-05-P01,2024-05-30,journalists.threat,Угрозы Ивановой,\"Марии Ивановой угрожали; Иванову вызвали. Айгерімнің досы куә.\",Мария Иванова,yes,Айгерім,ru\n";

#[test]
fn a_public_copy_and_the_overview_hide_private_names_that_the_full_export_keeps() {
    let d = Dir::with_fixture();
    let file = d.file("confidential.csv", CONFIDENTIAL);
    d.kuzet(&["import", file.to_str().unwrap()]).ok();
    let (full, public) = (d.path("full.csv"), d.path("public.csv"));
    let run = d.kuzet(&["export", "--format", "csv", "--out", full.to_str().unwrap()]).ok();
    assert!(run.stdout.contains("the full export: it holds the names of private persons"), "{}", run.stdout);
    let args = ["export", "--format", "csv", "--public", "--out", public.to_str().unwrap()];
    d.kuzet(&args).fails(4, &["pre-publication check of the public copy found", "  Adilbekov  (2 time(s);"]);
    assert!(!public.exists(), "no public copy until the names are checked");
    let run = d.kuzet(&[&args[..], &["--names-checked"]].concat()).ok();
    assert!(run.stdout.contains("the public copy: private names replaced"), "{}", run.stdout);
    let (full, public) = (std::fs::read_to_string(full).unwrap(), std::fs::read_to_string(public).unwrap());
    assert!(public.starts_with("\u{feff}# Kuzet public copy"), "the first line says which file it is");
    for name in ["Иванов", "Мария", "Айгерім"] {
        assert!(full.contains(name), "the full export keeps {name}");
        assert!(!public.contains(name), "the public copy hides {name}:\n{public}");
    }
    assert!(public.contains("Гр. А. угрожали; гр. А. вызвали. Гр. Б. досы куә."), "{public}");
    let pdf = d.path("may-ru.pdf");
    d.kuzet(&["overview", "--month", "2024-05", "--lang", "ru", "--out", pdf.to_str().unwrap(), "--names-checked"])
        .ok();
    let text = pdf_text(&pdf);
    for name in ["Иванов", "Мария", "Айгерім"] {
        assert!(!text.contains(name), "the PDF hides {name}");
    }
    assert!(text.contains("Угрозы гр. А."), "{text}");
}

#[test]
fn a_public_copy_is_refused_by_import() {
    let d = Dir::with_fixture();
    let public = d.path("public.csv");
    d.kuzet(&["export", "--format", "csv", "--public", "--names-checked", "--out", public.to_str().unwrap()]).ok();
    d.kuzet(&["import", public.to_str().unwrap()]).fails(4, &["this file is a public copy", "import the full export"]);
}

#[test]
fn public_figures_added_on_the_command_line_pass_the_check() {
    let d = Dir::with_fixture();
    let run = d.kuzet(&["public-figures", "--add", "Dana Saudagerova", "--add", "Oleg Gusev"]).ok();
    assert_eq!(run.stdout, "Dana Saudagerova\nOleg Gusev\n");
    let pdf = d.path("may.pdf");
    let run =
        d.kuzet(&["overview", "--month", "2024-05", "--lang", "en", "--out", pdf.to_str().unwrap()]).fails(4, &[]);
    assert!(!run.stderr.contains("Dana Saudagerova") && !run.stderr.contains("Oleg Gusev"), "{}", run.stderr);
    assert!(run.stderr.contains("found 12 personal name(s)"), "15 less Dana, Oleg Gusev and Gusev: {}", run.stderr);
    let run = d.kuzet(&["public-figures", "--remove", "dana saudagerova"]).ok();
    assert_eq!(run.stdout, "Oleg Gusev\n");
    d.kuzet(&["public-figures", "--remove", "Nobody"]).fails(4, &["is not a public figure"]);
}

#[test]
fn the_annual_overview_counts_the_year_in_three_languages_and_refuses_a_year_out_of_range() {
    let d = Dir::with_fixture();
    for (lang, want) in [
        ("en", "violations were recorded in 2024"),
        ("ru", "Всего в 2024 году зафиксировано"),
        ("kk", "2024 жылы барлығы"),
    ] {
        let pdf = d.path(&format!("annual-{lang}.pdf"));
        let run = d
            .kuzet(&[
                "annual",
                "--year",
                "2024",
                "--lang",
                lang,
                "--out",
                pdf.to_str().unwrap(),
                "--date",
                "2025-01-15",
            ])
            .ok();
        assert!(run.stdout.contains("annual overview of 2024"), "{}", run.stdout);
        let text = pdf_text(&pdf).split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains(want), "{lang}: {want:?} in:\n{text}");
    }
    let en = pdf_text(&d.path("annual-en.pdf"));
    assert!(en.contains("15 January 2025"), "the publication date given:\n{en}");
    let out = d.path("old.pdf");
    d.kuzet(&["annual", "--year", "1899", "--lang", "en", "--out", out.to_str().unwrap()])
        .fails(2, &["1899 is not a year of recorded events", "1900 to 2999"]);
    assert!(!out.exists());
}

#[test]
fn a_printed_case_is_full_by_default_and_its_public_copy_waits_for_the_check() {
    let d = Dir::with_fixture();
    let full = d.path("case.pdf");
    d.kuzet(&["print-case", "2024-05-J06", "--lang", "en", "--out", full.to_str().unwrap()]).ok();
    let text = pdf_text(&full);
    assert!(text.contains("Full record: contains the names of private persons"), "{text}");
    assert!(text.contains("Reference: 2024-05-J06"), "{text}");
    let public = d.path("public.pdf");
    let p = public.to_str().unwrap();
    d.kuzet(&["print-case", "2024-05-J01", "--lang", "ru", "--public", "--out", p])
        .fails(4, &["pre-publication check of the public copy of the case found", "nothing was written"]);
    assert!(!public.exists());
    d.kuzet(&["print-case", "2024-05-J01", "--lang", "ru", "--public", "--names-checked", "--out", p]).ok();
    assert!(pdf_text(&public).contains("Публичная копия"));
    d.kuzet(&["print-case", "NO-SUCH", "--lang", "en", "--out", d.path("x.pdf").to_str().unwrap()])
        .fails(4, &["no case with ref or id \"NO-SUCH\""]);
}
