//! A dry run says exactly what the real import does: every import test case
//! (the CSV inputs of the core's and the CLI's import tests) runs as a dry
//! run and for real on two fresh copies of the same vault, and both must give
//! the same summary or the same problems.

use super::*;
use kuzet_core::transfer::{self, demo::FIXTURE_CSV, import_csv, ExportFormat, ImportOptions, TransferError};
use kuzet_core::vault::{ImportRowError, ImportSummary};

/// The vault a case starts from.
#[derive(Clone, Copy, Debug)]
enum Base {
    Empty,
    /// The May 2024 fixture imported.
    Fixture,
    /// Cases and a development made in the app: no refs.
    AppMade,
}

/// The file imported.
enum Input {
    Text(&'static str),
    Bytes(&'static [u8]),
    /// The CSV export of the base vault itself.
    ExportOfBase,
}

const H: &str = "ref,kind,parent_ref,event_date,category,title\n";

/// (name, base, input, what both runs must give: `Ok(summary)` or the
/// (line, column) of every problem).
type Want = Result<ImportSummary, &'static [(u64, &'static str)]>;

fn added(n: u32) -> Want {
    Ok(ImportSummary { added: n, updated: 0, unchanged: 0 })
}

fn cases() -> Vec<(&'static str, Base, Input, Want)> {
    use Base::*;
    use Input::*;
    let unchanged = |n| Ok(ImportSummary { added: 0, updated: 0, unchanged: n });
    vec![
        ("fixture into an empty vault", Empty, Text(FIXTURE_CSV), added(67)),
        ("fixture again", Fixture, Text(FIXTURE_CSV), unchanged(67)),
        ("export of the fixture into its vault", Fixture, ExportOfBase, unchanged(67)),
        // The drift: app-made records are named by id in the export.
        ("export of app-made cases into their vault", AppMade, ExportOfBase, unchanged(3)),
        (
            "a development continues a case of the vault",
            Fixture,
            Text("ref,kind,parent_ref,event_date,category,title\n2024-05-C02-D2,development,2024-05-C02,2024-05-30,,Апелляция подана\n"),
            added(1),
        ),
        (
            "a development of an app-made case named by its id",
            AppMade,
            Text(""),
            added(1),
        ),
        (
            "one field edited",
            Fixture,
            Text(""),
            Ok(ImportSummary { added: 0, updated: 1, unchanged: 66 }),
        ),
        (
            "unknown category",
            Fixture,
            Text("ref,kind,parent_ref,event_date,category,title\nN1,,,2024-05-10,journalists.threat,Жарамды жол\nN2,,,2024-05-11,journalists.spying,Қате\n"),
            Err(&[(3, "category")]),
        ),
        (
            "impossible date",
            Fixture,
            Text("ref,kind,parent_ref,event_date,category,title\nN1,,,2024-05-10,journalists.threat,Жарамды жол\nN2,,,2024-02-30,journalists.threat,Қате\n"),
            Err(&[(3, "event_date")]),
        ),
        (
            "development without a case",
            Fixture,
            Text("ref,kind,parent_ref,event_date,category,title\nN1,,,2024-05-10,journalists.threat,Жарамды жол\nD1,development,NOPE-1,2024-05-11,,Слушание\n"),
            Err(&[(3, "parent_ref")]),
        ),
        (
            "duplicate ref",
            Fixture,
            Text("ref,kind,parent_ref,event_date,category,title\nN1,,,2024-05-10,journalists.threat,Жарамды жол\nN1,,,2024-05-11,journalists.threat,Тағы\n"),
            Err(&[(3, "ref")]),
        ),
        ("unknown column", Fixture, Text("ref,event_date,title,colour\nN1,2024-05-10,Жарамды жол,red\n"), Err(&[(1, "colour")])),
        (
            "every bad row",
            Fixture,
            Text("ref,kind,parent_ref,event_date,category,title\nN1,,,2024-05-10,journalists.threat,Жарамды жол\nN2,,,2024-13-01,journalists.threat,Ай қате\nN3,,,2024-05-12,,Санатсыз\n"),
            Err(&[(3, "event_date"), (4, "category")]),
        ),
        (
            "truncated file",
            Fixture,
            Text("ref,kind,parent_ref,event_date,category,title\nN1,,,2024-05-10,journalists.threat,Жарамды жол\nN2,,,2024-05-11,journalists.threat,\"Үзілді"),
            Err(&[(3, "")]),
        ),
        ("binary file", Fixture, Bytes(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03Valid row"), Err(&[(1, "")])),
        (
            "not UTF-8",
            Fixture,
            Bytes(b"ref,kind,parent_ref,event_date,category,title\nN2,,,2024-05-10,journalists.threat,\xC0\xEB\xEC\xE0\xF2\xFB\n"),
            Err(&[(2, "")]),
        ),
        (
            "a development cannot move to another case",
            Fixture,
            Text("ref,kind,parent_ref,event_date,category,title\n2024-05-C02-D1,development,2024-05-C01,2024-05-13,,Марічеваға айыппұл\n"),
            Err(&[(2, "parent_ref")]),
        ),
        (
            "a development of a development of the vault",
            Fixture,
            Text("ref,kind,parent_ref,event_date,category,title\nX-1,development,2024-05-C01-D1,2024-06-01,,Апелляция\n"),
            Err(&[(2, "parent_ref")]),
        ),
        (
            "a development of a development of the file",
            Empty,
            Text("ref,kind,parent_ref,event_date,category,title\nR1,,,2024-05-10,journalists.threat,Қорқыту\nD1,development,R1,2024-05-11,,Іс қозғалды\nD2,development,D1,2024-05-12,,Сот\n"),
            Err(&[(4, "parent_ref")]),
        ),
        (
            "a case ref on a development row",
            Fixture,
            Text("ref,kind,parent_ref,event_date,category,title\n2024-05-C01,development,2024-05-C02,2024-06-01,,Сот\n"),
            Err(&[(2, "ref")]),
        ),
    ]
}

/// The base vault at `path`.
fn build(base: Base, path: &Path) -> Vault {
    let mut v = Vault::create(path, &pass()).unwrap();
    match base {
        Base::Empty => {}
        Base::Fixture => {
            import_csv(&mut v, FIXTURE_CSV.as_bytes(), ImportOptions::default(), at(1)).unwrap();
        }
        Base::AppMade => {
            let k =
                v.insert_case(case(day(2024, 5, 7), "journalists.threat", "Тілшіге қорқыту хат келді"), at(1)).unwrap();
            v.insert_case(case(day(2024, 5, 8), "journalists.attack", "Оператора избили у акимата"), at(1)).unwrap();
            v.insert_development(k.id, dev(day(2024, 5, 20), "Іс қозғалды"), at(1)).unwrap();
        }
    }
    v
}

/// What an import gave, comparable between the two runs.
fn outcome(r: Result<ImportSummary, TransferError>) -> Result<ImportSummary, Vec<ImportRowError>> {
    match r {
        Ok(s) => Ok(s),
        Err(TransferError::Invalid(rows)) => Err(rows),
        Err(e) => panic!("not an import outcome: {e}"),
    }
}

#[test]
fn a_dry_run_says_what_the_real_import_does_for_every_import_case() {
    let dir = tempfile::tempdir().unwrap();
    for (i, (name, base, input, want)) in cases().into_iter().enumerate() {
        let original = build(base, &dir.path().join(format!("{i}-base.kuzet")));
        let bytes: Vec<u8> = match input {
            Input::Text("") if name.starts_with("one field edited") => FIXTURE_CSV
                .replace(
                    "Police stopped a TV crew filming at a flood evacuation point",
                    "Police stopped a TV crew filming at an evacuation point",
                )
                .into_bytes(),
            Input::Text("") => {
                // A development of the first app-made case, named by the case's id.
                let k = original.all_cases().unwrap().into_iter().next().unwrap();
                format!("{H}Д-1,development,{},2024-05-25,,Сот отырысы\n", k.id).into_bytes()
            }
            Input::Text(t) => t.as_bytes().to_vec(),
            Input::Bytes(b) => b.to_vec(),
            Input::ExportOfBase => {
                let set = transfer::select(&original, None).unwrap();
                transfer::export_bytes(&set, ExportFormat::Csv, at(2)).unwrap()
            }
        };
        let copy = |which: &str| {
            let p = dir.path().join(format!("{i}-{which}.kuzet"));
            original.backup_to(&p, None).unwrap();
            Vault::open(&p, &pass()).unwrap()
        };
        let (mut dry, mut real) = (copy("dry"), copy("real"));
        let before = dry.all_cases().unwrap();
        let planned =
            outcome(import_csv(&mut dry, &bytes, ImportOptions { dry_run: true, ..Default::default() }, at(3)));
        let done = outcome(import_csv(&mut real, &bytes, ImportOptions::default(), at(3)));
        assert_eq!(planned, done, "{name}: the dry run must say what the import does");
        assert_eq!(dry.all_cases().unwrap(), before, "{name}: a dry run writes nothing");
        match (&done, want) {
            (Ok(s), Ok(w)) => assert_eq!(*s, w, "{name}"),
            (Err(rows), Err(w)) => {
                let got: Vec<(u64, &str)> = rows.iter().map(|r| (r.line, r.column.as_str())).collect();
                assert_eq!(got, w, "{name}: {rows:#?}");
            }
            (got, w) => panic!("{name}: got {got:?}, want {w:?}"),
        }
    }
}
