//! The XLSX import: a Kuzet export imports back unchanged; a hand-made
//! workbook is read as staff fill it in (date cells, numbers, TRUE/FALSE,
//! the header not on row 1); its problems name the spreadsheet's rows and
//! columns, typed for the app's languages, and nothing is written.

use crate::vault::{at, new_vault};
use kuzet_core::case::Problem;
use kuzet_core::transfer::{
    export_bytes, import_file, select, ExportFormat, ImportFormat, ImportOptions, TransferError,
};
use kuzet_core::vault::ImportSummary;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const HEADER: [&str; 9] =
    ["ref", "event_date", "category", "region", "title", "victim_name", "confidential", "amount_claimed_kzt", "tags"];

/// One case row: ref, event date (y, m, d), category, title, victim name,
/// confidential, amount claimed (KZT).
type CaseRow<'a> = (&'a str, (u16, u8, u8), &'a str, &'a str, &'a str, bool, Option<f64>);

/// A workbook with a title row, an empty row, the header on row 3 and the
/// cases after it, as a monitor's own spreadsheet is laid out.
fn workbook(rows: &[CaseRow]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    sheet.write_string(0, 0, "Нарушения, май 2024").unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    for (i, (r, (y, m, d), category, title, name, confidential, amount)) in rows.iter().enumerate() {
        let row = 3 + i as u32;
        sheet.write_string(row, 0, *r).unwrap();
        sheet.write_datetime_with_format(row, 1, ExcelDateTime::from_ymd(*y, *m, *d).unwrap(), &date).unwrap();
        sheet.write_string(row, 2, *category).unwrap();
        sheet.write_string(row, 3, "almaty_city").unwrap();
        sheet.write_string(row, 4, *title).unwrap();
        sheet.write_string(row, 5, *name).unwrap();
        sheet.write_boolean(row, 6, *confidential).unwrap();
        if let Some(a) = amount {
            sheet.write_number(row, 7, *a).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn a_hand_made_workbook_imports_with_date_cells_numbers_and_booleans() {
    let (_dir, mut v) = new_vault();
    let bytes = workbook(&[
        (
            "X-1",
            (2024, 5, 14),
            "journalists.obstruction",
            "Тілшіге сотқа кіруге рұқсат берілмеді",
            "Әсем Құрманғазықызы",
            false,
            None,
        ),
        ("X-2", (2024, 5, 20), "claims.civil", "Иск к редакции «Өзекті»", "Ғалым Өтебаев", true, Some(5_000_000.0)),
    ]);
    assert_eq!(ImportFormat::of(&bytes), ImportFormat::Xlsx);
    let s = import_file(&mut v, &bytes, ImportFormat::Xlsx, ImportOptions::default(), at(1)).unwrap();
    assert_eq!(s, ImportSummary { added: 2, updated: 0, unchanged: 0 });
    let x1 = v.case_by_ref("X-1").unwrap().unwrap().data;
    assert_eq!(x1.event_date.to_string(), "2024-05-14", "a date cell is the calendar date it shows");
    assert_eq!(x1.victim.name, "Әсем Құрманғазықызы");
    assert!(!x1.confidential);
    let x2 = v.case_by_ref("X-2").unwrap().unwrap().data;
    assert!(x2.confidential, "TRUE reads as yes");
    assert_eq!(x2.proceeding.unwrap().amount_claimed_kzt, Some(5_000_000), "a number cell is whole tenge");
    // The same workbook again changes nothing.
    let s = import_file(&mut v, &bytes, ImportFormat::Xlsx, ImportOptions::default(), at(2)).unwrap();
    assert_eq!(s, ImportSummary { added: 0, updated: 0, unchanged: 2 });
}

#[test]
fn problems_name_the_spreadsheet_row_and_column_and_nothing_is_written() {
    let (_dir, mut v) = new_vault();
    let bytes = workbook(&[
        ("X-1", (2024, 5, 14), "journalists.obstruction", "Редакторға қоқан-лоқы", "", false, None),
        ("X-2", (2024, 5, 20), "journalists.nope", "Нападение на оператора", "", false, None),
        ("X-3", (2024, 5, 21), "claims.civil", "", "", false, Some(1.5)),
    ]);
    let err = import_file(&mut v, &bytes, ImportFormat::Xlsx, ImportOptions::default(), at(1)).unwrap_err();
    let TransferError::Invalid(rows) = err else { panic!("refused as invalid, got {err}") };
    let at: Vec<(u64, &str)> = rows.iter().map(|r| (r.line, r.column.as_str())).collect();
    assert_eq!(at, [(5, "category"), (6, "amount_claimed_kzt"), (6, "title")], "{rows:#?}");
    assert!(matches!(&rows[0].problem, Some(Problem::UnknownCode { code, .. }) if code == "journalists.nope"));
    assert!(matches!(&rows[1].problem, Some(Problem::NotAWholeNumber { value }) if value == "1.5"));
    assert_eq!(rows[2].problem, Some(Problem::Required));
    assert!(v.all_cases().unwrap().is_empty(), "all rows or none");
}

#[test]
fn a_kuzet_xlsx_export_imports_back_unchanged_and_a_public_copy_is_refused() {
    let (_dir, mut v) = new_vault();
    let bytes = workbook(&[
        (
            "X-1",
            (2024, 5, 14),
            "journalists.obstruction",
            "Тілшіге рұқсат берілмеді",
            "Әсем Құрманғазықызы",
            true,
            None,
        ),
        ("X-2", (2024, 5, 20), "claims.civil", "Иск к редакции", "", false, Some(250_000.0)),
    ]);
    import_file(&mut v, &bytes, ImportFormat::Xlsx, ImportOptions::default(), at(1)).unwrap();
    let export = export_bytes(&select(&v, None).unwrap(), ExportFormat::Xlsx, at(2)).unwrap();

    let (_dir2, mut other) = new_vault();
    let s = import_file(&mut other, &export, ImportFormat::of(&export), ImportOptions::default(), at(3)).unwrap();
    assert_eq!(s, ImportSummary { added: 2, updated: 0, unchanged: 0 });
    let data = |v: &kuzet_core::vault::Vault| {
        let mut d: Vec<_> = v.all_cases().unwrap().into_iter().map(|c| c.data).collect();
        d.sort_by(|a, b| a.external_ref.cmp(&b.external_ref));
        d
    };
    assert_eq!(data(&other), data(&v), "every field survives export and import");
    let s = import_file(&mut v, &export, ImportFormat::Xlsx, ImportOptions::default(), at(4)).unwrap();
    assert_eq!(s, ImportSummary { added: 0, updated: 0, unchanged: 2 });

    let private = kuzet_core::publication::vault_private_names(&v).unwrap();
    let public = kuzet_core::transfer::public_copy(
        &select(&v, None).unwrap(),
        &private,
        &Default::default(),
        kuzet_core::publication::RedactionStyle::Pseudonym,
    );
    let public = export_bytes(&public, ExportFormat::Xlsx, at(5)).unwrap();
    let err = import_file(&mut other, &public, ImportFormat::Xlsx, ImportOptions::default(), at(6)).unwrap_err();
    assert!(err.to_string().contains("public copy"), "{err}");
}

#[test]
fn a_file_that_is_not_a_workbook_is_refused_with_a_reason() {
    let (_dir, mut v) = new_vault();
    let err =
        import_file(&mut v, b"PK\x03\x04broken", ImportFormat::Xlsx, ImportOptions::default(), at(1)).unwrap_err();
    assert!(err.to_string().contains("not a readable XLSX workbook"), "{err}");
}
