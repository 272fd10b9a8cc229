//! One set of limits (`kuzet_core::problem::limits`), used by the vault's
//! checks and so by the editor, the import and exchange alike: a record at
//! every limit is stored and exported in every format; one character or
//! item more is refused with the field (and, in an import, line and
//! column) that is too long.

use crate::vault::{at, case, day, new_vault, with_ref};
use kuzet_core::case::{Field, Problem, Proceeding, ProceedingBranch, Translation};
use kuzet_core::lang::Lang;
use kuzet_core::problem::limits::*;
use kuzet_core::transfer::{export_bytes, import_csv, select, ExportFormat, ImportOptions, TransferError};
use kuzet_core::vault::VaultError;

/// Exactly `n` characters of Kazakh text (a character is not a byte),
/// nothing to trim.
fn text(n: usize) -> String {
    "Әңгіме ".chars().cycle().take(n - 1).collect::<String>() + "ә"
}

#[test]
fn a_record_at_every_limit_is_stored_and_exported_in_every_format() {
    let (_dir, mut v) = new_vault();
    let mut c = with_ref(case(day(2024, 5, 3), "claims.civil", &text(MAX_TITLE_CHARS)), "L-1");
    c.summary = text(MAX_SUMMARY_CHARS);
    c.victim.name = text(MAX_FIELD_CHARS);
    c.victim.outlet = text(MAX_FIELD_CHARS);
    c.sources = (0..MAX_SOURCES).map(|i| format!("{i}{}", text(MAX_FIELD_CHARS - 2))).collect();
    c.private_names = (0..MAX_PRIVATE_NAMES).map(|i| format!("Атау{i}")).collect();
    c.language = Some(Lang::Kk);
    c.translations.insert(Lang::Ru, Translation { title: "Рассказ".into(), summary: text(MAX_SUMMARY_CHARS) });
    c.proceeding = Some(Proceeding {
        branch: ProceedingBranch::Civil,
        court: text(MAX_FIELD_CHARS),
        outcome: text(MAX_FIELD_CHARS),
        stage: None,
        amount_claimed_kzt: Some(1_000_000),
        fine_kzt: None,
    });
    let stored = v.insert_case(c, at(1)).unwrap();
    assert_eq!(stored.data.summary.chars().count(), MAX_SUMMARY_CHARS);
    let set = select(&v, None).unwrap();
    for f in [ExportFormat::Csv, ExportFormat::Json, ExportFormat::Xlsx] {
        let bytes = export_bytes(&set, f, at(2)).unwrap_or_else(|e| panic!("{f:?}: {e}"));
        let text = match f {
            ExportFormat::Xlsx => crate::publication::xlsx_strings(&bytes),
            _ => String::from_utf8(bytes).unwrap(),
        };
        assert!(text.contains(&stored.data.summary), "{f:?} holds the whole summary");
    }
}

#[test]
fn one_more_character_or_item_is_refused_on_its_field() {
    let (_dir, mut v) = new_vault();
    let mut c = case(day(2024, 5, 3), "claims.civil", "Иск к редакции");
    c.summary = text(MAX_SUMMARY_CHARS + 1);
    c.victim.outlet = text(MAX_FIELD_CHARS + 1);
    c.sources = (0..=MAX_SOURCES).map(|i| format!("https://example.kz/{i}")).collect();
    c.private_names = (0..=MAX_PRIVATE_NAMES).map(|i| format!("Атау{i}")).collect();
    c.proceeding = Some(Proceeding {
        branch: ProceedingBranch::Civil,
        outcome: text(MAX_FIELD_CHARS + 1),
        stage: None,
        court: String::new(),
        amount_claimed_kzt: None,
        fine_kzt: None,
    });
    let Err(VaultError::Validation(e)) = v.insert_case(c, at(1)) else { panic!("accepted") };
    let got: Vec<(Field, Problem)> = e.0.into_iter().map(|e| (e.field, e.problem)).collect();
    for want in [
        (Field::Summary, Problem::TooLong { max: MAX_SUMMARY_CHARS }),
        (Field::Outlet, Problem::TooLong { max: MAX_FIELD_CHARS }),
        (Field::Outcome, Problem::TooLong { max: MAX_FIELD_CHARS }),
        (Field::Sources, Problem::TooMany { max: MAX_SOURCES }),
        (Field::PrivateNames, Problem::TooMany { max: MAX_PRIVATE_NAMES }),
    ] {
        assert!(got.contains(&want), "{want:?} in {got:?}");
    }
}

#[test]
fn a_multi_megabyte_summary_in_an_import_is_refused_at_its_line_and_nothing_is_written() {
    let (_dir, mut v) = new_vault();
    let huge = "Ақпарат ".repeat(400_000); // 3.2 million characters
    let csv = format!(
        "ref,event_date,category,title,summary\nA-1,2024-05-02,journalists.threat,Қорқыту,Қысқа\nA-2,2024-05-03,journalists.threat,Қорқыту,{huge}\n"
    );
    let err = import_csv(&mut v, csv.as_bytes(), ImportOptions::default(), at(1)).unwrap_err();
    let TransferError::Invalid(rows) = err else { panic!("{err}") };
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!((rows[0].line, rows[0].column.as_str()), (3, "summary"));
    assert!(rows[0].message.contains(&MAX_SUMMARY_CHARS.to_string()), "{}", rows[0].message);
    assert!(v.all_cases().unwrap().is_empty(), "all rows or none");
}

#[test]
fn an_overview_editor_text_over_the_limit_is_refused() {
    let (_dir, v) = new_vault();
    let may = "2024-05".parse().unwrap();
    let mut draft = kuzet_core::overview::default_draft(may, &[], &[], v.taxonomy(), day(2024, 6, 5));
    draft.intro.set(Lang::Ru, text(MAX_SUMMARY_CHARS + 1));
    let e = draft.validate(&[], &[]).unwrap_err();
    assert_eq!(e.0[0].problem, Problem::TooLong { max: MAX_SUMMARY_CHARS });
}
