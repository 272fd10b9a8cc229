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
        d.kuzet(&["overview", "--month", "2024-05", "--lang", lang, "--out", pdf.to_str().unwrap()]).ok();
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
