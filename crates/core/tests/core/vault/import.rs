//! Import: one transaction, all or nothing, matched on refs.

use super::*;
use kuzet_core::vault::{ImportItem, ImportRowError, ImportSummary, VaultError};

fn devi(parent: &str, r: Option<&str>, on: NaiveDate, title: &str) -> ImportItem {
    let mut d = dev(on, title);
    d.external_ref = r.map(String::from);
    ImportItem::Development { parent_ref: parent.into(), data: d }
}

fn first_batch() -> Vec<(u64, ImportItem)> {
    vec![
        (2, ImportItem::Case(with_ref(case(day(2024, 5, 2), "journalists.threat", "Угроза редактору"), "M-1"))),
        (3, devi("M-2", Some("M-2/1"), day(2024, 6, 3), "Суд назначил штраф")),
        (4, ImportItem::Case(with_ref(case(day(2024, 5, 3), "claims.administrative", "Штраф блогеру"), "M-2"))),
        (5, devi("M-2", None, day(2024, 6, 10), "Апелляция подана")),
        (6, ImportItem::Case(case(day(2024, 5, 4), "journalists.attack", "Без ссылки"))),
    ]
}

#[test]
fn import_adds_then_matches_on_refs() {
    let (_dir, mut v) = new_vault();
    let s = v.apply_import(first_batch(), at(1)).unwrap();
    assert_eq!(s, ImportSummary { added: 5, updated: 0, unchanged: 0 });
    let m2 = v.case_by_ref("M-2").unwrap().unwrap();
    let devs: Vec<_> = v.developments(m2.id).unwrap().into_iter().map(|d| d.data.title).collect();
    assert_eq!(devs, ["Суд назначил штраф", "Апелляция подана"], "a development may come before its case in the file");

    // The same file again: nothing changes (the ref-less case is new again,
    // as nothing identifies it).
    let s = v.apply_import(first_batch()[..4].to_vec(), at(2)).unwrap();
    assert_eq!(s, ImportSummary { added: 0, updated: 0, unchanged: 4 });

    let mut changed = first_batch();
    if let ImportItem::Case(c) = &mut changed[0].1 {
        c.title = "Угроза главному редактору".into();
    }
    if let ImportItem::Development { data, .. } = &mut changed[1].1 {
        data.summary = "Штраф 73 840 тенге".into();
    }
    let s = v.apply_import(changed[..4].to_vec(), at(3)).unwrap();
    assert_eq!(s, ImportSummary { added: 0, updated: 2, unchanged: 2 });
    let m1 = v.case_by_ref("M-1").unwrap().unwrap();
    assert_eq!(m1.data.title, "Угроза главному редактору");
    assert_eq!((m1.created_at, m1.updated_at), (at(1), at(3)), "updates keep id and created_at");
    assert_eq!(v.all_cases().unwrap().len(), 3);
    assert_eq!(v.all_developments().unwrap().len(), 2);
}

#[test]
fn a_bad_import_lists_every_bad_row_and_writes_nothing() {
    let (dir, mut v) = new_vault();
    v.apply_import(first_batch(), at(1)).unwrap();
    let path = v.path().to_path_buf();
    let before_cases = v.all_cases().unwrap();
    let before_devs = v.all_developments().unwrap();
    let mut bad_case = with_ref(case(day(2024, 5, 9), "journalists.nope", ""), "N-1");
    bad_case.region = Some(region("moscow"));
    let items = vec![
        (2, ImportItem::Case(with_ref(case(day(2024, 5, 9), "journalists.attack", "Хорошая строка"), "N-0"))),
        (3, ImportItem::Case(bad_case)),
        (4, devi("NOPE", None, day(2024, 6, 1), "Сирота")),
        (5, ImportItem::Case(with_ref(case(day(2024, 5, 9), "journalists.attack", "Повтор"), "N-0"))),
        (6, devi("M-1", Some("M-2"), day(2024, 6, 1), "Ссылка занята делом")),
        (7, devi("M-1", Some("M-2/1"), day(2024, 6, 1), "Чужое развитие")),
        (8, ImportItem::Case(with_ref(case(day(2024, 5, 9), "journalists.attack", "Хорошая строка"), "M-1"))),
    ];
    let e = v.apply_import(items, at(2)).unwrap_err();
    let VaultError::Import(rows) = &e else { panic!("{e:?}") };
    let got: Vec<(u64, &str)> = rows.iter().map(|r| (r.line, r.column.as_str())).collect();
    assert_eq!(
        got,
        [(3, "title"), (3, "category"), (3, "region"), (4, "parent_ref"), (5, "ref"), (6, "ref"), (7, "parent_ref")],
        "{rows:#?}"
    );
    assert!(rows[3].message.contains("NOPE"));
    assert!(rows[4].message.contains("line 2"));
    assert!(e.to_string().contains("line 3, title: must not be empty"), "{e}");
    assert_eq!(v.all_cases().unwrap(), before_cases, "nothing written");
    assert_eq!(v.all_developments().unwrap(), before_devs);
    assert_eq!(v.case_by_ref("N-0").unwrap(), None);
    let _ = ImportRowError { line: 1, column: "ref".into(), message: "x".into(), problem: None };
    drop(v);
    let v = Vault::open(&path, &pass()).unwrap();
    assert_eq!(v.all_cases().unwrap(), before_cases);
    drop(dir);
}

#[test]
fn an_export_of_app_made_records_imports_back_unchanged() {
    // Cases and developments made in the app have no ref; an export names
    // them by their ids, and importing that file again must not copy them.
    let (_dir, mut v) = new_vault();
    let k = v.insert_case(case(day(2024, 5, 7), "journalists.threat", "Тілшіге қорқыту хат келді"), at(1)).unwrap();
    let d = v.insert_development(k.id, dev(day(2024, 5, 20), "Іс қозғалды"), at(1)).unwrap();
    let mut again = k.data.clone();
    again.external_ref = Some(k.id.to_string());
    let mut dev_again = d.data.clone();
    dev_again.external_ref = Some(d.id.to_string());
    let items = vec![
        (2, ImportItem::Case(again)),
        (3, ImportItem::Development { parent_ref: k.id.to_string(), data: dev_again }),
    ];
    let s = v.apply_import(items, at(2)).unwrap();
    assert_eq!(s, ImportSummary { added: 0, updated: 0, unchanged: 2 }, "matched by id, nothing copied");
    assert_eq!(v.case(k.id).unwrap().data.external_ref, None, "the case still has no ref of its own");
    assert_eq!(v.developments(k.id).unwrap().len(), 1);
}

/// A file without some columns must not erase what the vault holds in them
/// (a confidential case must stay confidential); a column that is there but
/// empty does empty the field.
#[test]
fn reimport_keeps_fields_of_columns_the_file_lacks() {
    use kuzet_core::transfer::{import_csv, ImportOptions};
    let (_dir, mut v) = new_vault();
    let full = "ref,kind,parent_ref,event_date,category,region,title,victim_type,victim_name,outlet,tags,confidential,source_url,court,fine_kzt,summary\n\
        K-1,case,,2024-05-02,claims.administrative,abai,Блогерге айыппұл,blogger,Әлия Н.,Abai.kz,journalists.threat,yes,https://adilsoz.kz/1,Семей соты,50000,Түпнұсқа мәтін\n\
        K-1/1,development,K-1,2024-06-01,,,Шағым берілді,,,,,,https://adilsoz.kz/2,,,Даму мәтіні\n";
    import_csv(&mut v, full.as_bytes(), ImportOptions::default(), at(1)).unwrap();

    let partial = "ref,kind,parent_ref,event_date,category,title,summary\n\
        K-1,case,,2024-05-02,claims.administrative,Блогерге айыппұл салынды,\n\
        K-1/1,development,K-1,2024-06-01,,Шағым берілді,\n";
    let s = import_csv(&mut v, partial.as_bytes(), ImportOptions::default(), at(2)).unwrap();
    assert_eq!((s.added, s.updated), (0, 2));
    let c = v.case_by_ref("K-1").unwrap().unwrap().data;
    assert_eq!(c.title, "Блогерге айыппұл салынды", "present columns are imported");
    assert_eq!(c.summary, "", "a present but empty column empties the field");
    assert!(c.confidential, "confidential kept");
    assert_eq!(c.victim.name, "Әлия Н.");
    assert_eq!(c.victim.outlet, "Abai.kz");
    assert_eq!(c.victim.kind.as_ref().map(|k| k.as_str()), Some("blogger"));
    assert_eq!(c.region.as_ref().map(|r| r.as_str()), Some("abai"));
    assert_eq!(c.tags.iter().map(|t| t.as_str()).collect::<Vec<_>>(), ["journalists.threat"]);
    assert_eq!(c.sources.len(), 1, "sources kept");
    let p = c.proceeding.expect("proceeding");
    assert_eq!((p.court.as_str(), p.fine_kzt), ("Семей соты", Some(50000)), "proceeding details kept");
    let id = v.case_by_ref("K-1").unwrap().unwrap().id;
    let d = &v.developments(id).unwrap()[0].data;
    assert_eq!(d.summary, "", "development: present empty column");
    assert_eq!(d.sources.len(), 1, "development: sources kept");

    // The same partial file again changes nothing.
    let s = import_csv(&mut v, partial.as_bytes(), ImportOptions::default(), at(3)).unwrap();
    assert_eq!((s.updated, s.unchanged), (0, 2));
}

/// The same for records made in the app, which a file names by their ids:
/// a spreadsheet without the `confidential`, `tags` or `source_url` column
/// must not make such a case public or strip its tags and sources.
#[test]
fn reimport_by_id_keeps_fields_of_columns_the_file_lacks() {
    use kuzet_core::transfer::{import_csv, ImportOptions};
    let (_dir, mut v) = new_vault();
    let mut data = case(day(2024, 5, 7), "journalists.threat", "Тілшіге қорқыту хат келді");
    data.confidential = true;
    data.summary = "Айгерімнің үйіне хат келді".into();
    data.tags = vec!["journalists.attack".parse().unwrap()];
    let k = v.insert_case(data, at(1)).unwrap();
    let mut d = dev(day(2024, 5, 20), "Іс қозғалды");
    d.summary = "Тергеу басталды".into();
    let d = v.insert_development(k.id, d, at(1)).unwrap();

    let partial = format!(
        "ref,kind,parent_ref,event_date,category,title\n\
         {case},case,,2024-05-07,journalists.threat,Тілшіге қорқыту хаты келді\n\
         {dev},development,{case},2024-05-20,,Іс қозғалды\n",
        case = k.id,
        dev = d.id
    );
    let dry =
        import_csv(&mut v, partial.as_bytes(), ImportOptions { dry_run: true, ..Default::default() }, at(2)).unwrap();
    let s = import_csv(&mut v, partial.as_bytes(), ImportOptions::default(), at(2)).unwrap();
    assert_eq!(s, dry, "the dry run says what the import does");
    assert_eq!((s.added, s.updated, s.unchanged), (0, 1, 1), "the title changed, the development did not");
    let c = v.case(k.id).unwrap().data;
    assert_eq!(c.title, "Тілшіге қорқыту хаты келді");
    assert!(c.confidential, "still confidential");
    assert_eq!(c.summary, "Айгерімнің үйіне хат келді", "summary kept");
    assert_eq!(c.tags.len(), 1, "tags kept");
    assert_eq!(c.external_ref, None, "the case still has no ref of its own");
    let devs = v.developments(k.id).unwrap();
    assert_eq!(devs.len(), 1);
    assert_eq!(devs[0].data.summary, "Тергеу басталды", "development summary kept");
}

/// A claim saved in the app without a proceeding exports with empty
/// proceeding columns; importing that file back changes nothing.
#[test]
fn a_claim_without_a_proceeding_imports_back_unchanged() {
    use kuzet_core::transfer::{export_bytes, import_csv, select, ExportFormat, ImportOptions};
    let (_dir, mut v) = new_vault();
    let mut data = case(day(2024, 5, 8), "claims.civil", "Газетке қарсы азаматтық талап");
    data.proceeding = None;
    let k = v.insert_case(data, at(1)).unwrap();
    let csv = export_bytes(&select(&v, None).unwrap(), ExportFormat::Csv, at(2)).unwrap();
    let s = import_csv(&mut v, &csv, ImportOptions::default(), at(2)).unwrap();
    assert_eq!((s.added, s.updated, s.unchanged), (0, 0, 1));
    let after = v.case(k.id).unwrap();
    assert_eq!(after.data.proceeding, None);
    assert_eq!(after.updated_at, k.updated_at, "not touched");
}

/// The CSV for Excel in Russian and Kazakh settings is separated by `;`
/// (text with `;` and `,` quoted) and imports back unchanged.
#[test]
fn a_semicolon_csv_export_imports_back_unchanged() {
    use kuzet_core::transfer::{export_bytes, import_csv, select, ExportFormat, ImportOptions};
    let (_dir, mut v) = new_vault();
    let k = v
        .insert_case(case(day(2024, 5, 8), "journalists.threat", "Тілшіге қорқыту; редакторға да, Өскемен"), at(1))
        .unwrap();
    let csv = export_bytes(&select(&v, None).unwrap(), ExportFormat::CsvSemicolon, at(2)).unwrap();
    let text = String::from_utf8(csv.clone()).unwrap();
    let header = text.lines().nth(1).unwrap();
    assert!(header.starts_with("ref;kind;parent_ref;event_date;"), "{header}");
    assert!(text.contains("\"Тілшіге қорқыту; редакторға да, Өскемен\""), "{text}");
    let s = import_csv(&mut v, &csv, ImportOptions::default(), at(2)).unwrap();
    assert_eq!((s.added, s.updated, s.unchanged), (0, 0, 1));
    assert_eq!(v.case(k.id).unwrap().updated_at, k.updated_at, "not touched");
}

/// The id of a record made in the app names that record only: a row of the
/// other kind that uses it as its ref is refused, not added beside it.
#[test]
fn a_row_using_the_id_of_a_record_of_the_other_kind_is_refused() {
    use kuzet_core::transfer::{import_csv, ImportOptions};
    let (_dir, mut v) = new_vault();
    let k = v.insert_case(case(day(2024, 5, 7), "journalists.threat", "Тілшіге қорқыту"), at(1)).unwrap();
    let d = v.insert_development(k.id, dev(day(2024, 5, 20), "Іс қозғалды"), at(1)).unwrap();
    let as_case =
        format!("ref,kind,parent_ref,event_date,category,title\n{},case,,2024-05-07,claims.civil,Талап\n", d.id);
    let other = v.insert_case(case(day(2024, 5, 9), "journalists.attack", "Операторға шабуыл"), at(1)).unwrap();
    let as_dev =
        format!("ref,kind,parent_ref,event_date,category,title\n{},development,{},2024-05-21,,Сот\n", k.id, other.id);
    for (file, want) in
        [(as_case, "is a development in the vault, not a case"), (as_dev, "is a case in the vault, not a development")]
    {
        for dry_run in [true, false] {
            let e = import_csv(&mut v, file.as_bytes(), ImportOptions { dry_run, ..Default::default() }, at(2))
                .unwrap_err();
            assert!(e.to_string().contains("line 2, column ref: ") && e.to_string().contains(want), "{e}");
        }
    }
    assert_eq!(v.all_cases().unwrap().len(), 2, "nothing added");
    assert_eq!(v.all_developments().unwrap().len(), 1);
}
