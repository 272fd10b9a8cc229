//! The CSV/XLSX import through the shell: the file dialog answered by the
//! test switch, a file with problems checked (each with its line, column
//! and typed reason; nothing written), the same file fixed and imported,
//! and a file changed between check and import refused.

use crate::commands::Shell;
use kuzet_app::state::LaunchOptions;
use serde_json::json;
use std::time::Duration;

/// A monitor's CSV with two problems: a date written the Russian way
/// (line 3) and a category nobody has (line 4). The UI's mock replays the
/// check of this file and of [`fixed`] (tests/app/fixtures.rs).
pub const BAD_CSV: &str = "ref,event_date,category,region,title,victim_type,victim_name\n\
    A-1,2024-05-14,journalists.obstruction,almaty_city,Тілшіге сотқа кіруге рұқсат берілмеді,journalist,Әсем Құрманғазықызы\n\
    A-2,14.05.2024,journalists.obstruction,almaty_city,Блогерге қоқан-лоққы,blogger,Ұлан Қожа\n\
    A-3,2024-05-20,no.such,almaty_city,Сайт бұғатталды,media_outlet,Өзекті\n";

/// [`BAD_CSV`] with both problems corrected.
pub fn fixed(csv: &str) -> String {
    csv.replace("14.05.2024", "2024-05-14").replace("no.such", "information.blocking")
}

#[test]
fn check_lists_every_problem_then_the_fixed_file_imports() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("қаңтар.csv");
    let shell = Shell::start_with(LaunchOptions {
        config_dir: Some(dir.path().to_path_buf()),
        test_import_path: Some(file.clone()),
        autolock_check: Duration::from_secs(3600),
        ..LaunchOptions::default()
    });
    shell.ok("vault_create", json!({"path": dir.path().join("v.kuzet"), "passphrase": "pass"}));
    std::fs::write(&file, BAD_CSV).unwrap();
    let picked = shell.ok("pick_import_path", json!({}));
    assert_eq!(picked, file.display().to_string());

    let check = shell.ok("cases_import_check", json!({"path": picked}));
    assert_eq!(check["fileName"], "қаңтар.csv");
    assert_eq!(check["format"], "csv");
    assert_eq!(check["added"], 0);
    let problems = check["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 2, "{check}");
    assert_eq!(problems[0]["line"], 3);
    assert_eq!(problems[0]["column"], "event_date");
    assert_eq!(problems[0]["problem"], json!({"kind": "notADate", "value": "14.05.2024"}));
    assert_eq!(problems[1]["line"], 4);
    assert_eq!(problems[1]["column"], "category");
    assert_eq!(problems[1]["problem"]["kind"], "unknownGroup", "{check}");
    // Refused all or nothing: the import of the bad file writes nothing.
    let digest = check["digest"].as_str().unwrap().to_string();
    assert_eq!(shell.err_code("cases_import", json!({"path": picked, "digest": digest})), "Validation");
    assert_eq!(shell.ok("cases_find", json!({"filter": {}, "offset": 0, "limit": 10}))["total"], 0);

    std::fs::write(&file, fixed(BAD_CSV)).unwrap();
    let check = shell.ok("cases_import_check", json!({"path": picked}));
    assert_eq!(check["problems"], json!([]), "{check}");
    assert_eq!((check["added"].as_u64(), check["updated"].as_u64()), (Some(3), Some(0)));
    let digest = check["digest"].as_str().unwrap().to_string();
    assert_eq!(digest.len(), 64);

    // Changed after the check: refused with its own code, nothing written.
    let original = std::fs::read(&file).unwrap();
    std::fs::write(
        &file,
        [original.as_slice(), b"A-4,2024-05-21,information.blocking,almaty_city,Sayt blocked,media_outlet,X\n"]
            .concat(),
    )
    .unwrap();
    assert_eq!(shell.err_code("cases_import", json!({"path": picked, "digest": digest})), "FileChanged");
    assert_eq!(shell.ok("cases_find", json!({"filter": {}, "offset": 0, "limit": 10}))["total"], 0);

    std::fs::write(&file, &original).unwrap();
    let done = shell.ok("cases_import", json!({"path": picked, "digest": digest}));
    assert_eq!(done, json!({"added": 3, "updated": 0, "unchanged": 0}));
    let found = shell.ok("cases_find", json!({"filter": {"text": "құрманғазықызы"}, "offset": 0, "limit": 10}));
    assert_eq!(found["total"], 1, "{found}");
    // The same file again changes nothing.
    let again = shell.ok("cases_import_check", json!({"path": picked}));
    assert_eq!((again["added"].as_u64(), again["unchanged"].as_u64()), (Some(0), Some(3)));
}
