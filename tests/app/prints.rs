//! The annual overview and the single-case print through the shell.

use crate::commands::{kazakh_case, Shell};
use serde_json::json;

fn pdftotext(path: &str) -> String {
    let out = std::process::Command::new("pdftotext").args([path, "-"]).output().expect("pdftotext");
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_annual_summary_counts_the_year_and_the_split_follows_the_staff() {
    let dir = tempfile::tempdir().expect("temp dir");
    let shell = Shell::start(dir.path());
    shell.ok("vault_create", json!({"path": dir.path().join("v.kuzet"), "passphrase": "pass"}));
    shell.ok("case_create", json!({"data": kazakh_case()}));
    let s = shell.ok("annual_summary", json!({"year": 2024}));
    assert_eq!(s["counts"]["total"], 1);
    assert_eq!(s["months"][4]["total"], 1, "May: {s}");
    assert_eq!(s["months"][4]["month"], "2024-05");
    assert_eq!(s["years"].as_array().unwrap().len(), 2, "the year before always has a row");
    assert_eq!(
        s["platform"][1],
        json!({"class": "non_physical", "count": 1, "categories": [{"code": "journalists.obstruction", "count": 1}]}),
        "obstruction is pressure"
    );
    assert_eq!(s["changeFromPreviousYear"], json!({"kind": "fromZero"}), "2023 had no case");
    let e = shell.invoke("annual_summary", json!({"year": 1899})).expect_err("1899 is refused");
    assert_eq!(e["code"], "Validation");
    assert_eq!(
        e["fields"][0],
        json!({"field": "year", "problem": {"kind": "yearOutOfRange", "date": "1899", "first": 1900, "last": 2999}}),
        "on the year input, with the range"
    );

    let rows = shell.ok("platform_split_set", json!({"category": "journalists.obstruction", "class": "physical"}));
    let row = rows.as_array().unwrap().iter().find(|r| r["category"] == "journalists.obstruction").unwrap().clone();
    assert_eq!(
        row,
        json!({"category": "journalists.obstruction", "class": "physical", "defaultClass": "non_physical"})
    );
    assert_eq!(shell.ok("platform_split_get", json!({})), rows, "saved in the vault");
    let s = shell.ok("annual_summary", json!({"year": 2024}));
    assert_eq!(
        s["platform"][0],
        json!({"class": "physical", "count": 1, "categories": [{"code": "journalists.obstruction", "count": 1}]})
    );
    assert_eq!(
        shell.err_code("platform_split_set", json!({"category": "journalists.nothing", "class": "physical"})),
        "Validation"
    );

    let saved = shell.ok("annual_export_pdf", json!({"year": 2024, "lang": "ru"}));
    let text = pdftotext(saved.as_str().unwrap());
    assert!(text.contains("Всего в 2024 году зафиксировано 1 нарушение"), "{text}");
}

#[test]
fn a_case_prints_in_full_or_as_a_public_copy_after_the_check() {
    let dir = tempfile::tempdir().expect("temp dir");
    let shell = Shell::start(dir.path());
    shell.ok("vault_create", json!({"path": dir.path().join("v.kuzet"), "passphrase": "pass"}));
    let mut data = kazakh_case();
    data["confidential"] = json!(true);
    let id = shell.ok("case_create", json!({"data": data}))["id"].clone();
    let saved = shell.ok("case_export_pdf", json!({"id": id, "lang": "en", "edition": "full", "confirmedNames": []}));
    let text = pdftotext(saved.as_str().unwrap());
    assert!(text.contains("Әсем Құрманғазықызы"), "the full record names the victim: {text}");
    let check = shell.ok("case_print_check", json!({"id": id, "lang": "en"}));
    assert_eq!(check, json!([]), "the only name is the confidential victim's, hidden: nothing to confirm");
    let mut open = kazakh_case();
    open["eventDate"] = json!("2024-05-15");
    open["victimName"] = json!("Дәурен Әбілов");
    open["summary"] = json!("Тілші Дәурен Әбілов сот отырысына жіберілмеді.");
    let other = shell.ok("case_create", json!({"data": open}))["id"].clone();
    let check = shell.ok("case_print_check", json!({"id": other, "lang": "en"}));
    let names: Vec<&str> = check.as_array().unwrap().iter().filter_map(|c| c["name"].as_str()).collect();
    assert!(names.iter().any(|n| n.contains("Әбілов")), "a journalist nobody marked is listed: {check}");
    assert!(!names.iter().any(|n| n.contains("Құрманғазықызы")), "a confidential victim stays private in every case");
    assert_eq!(
        shell
            .err_code("case_export_pdf", json!({"id": other, "lang": "en", "edition": "public", "confirmedNames": []})),
        "NamesUnchecked"
    );
    let keys = json!([]);
    let saved =
        shell.ok("case_export_pdf", json!({"id": id, "lang": "en", "edition": "public", "confirmedNames": keys}));
    let text = pdftotext(saved.as_str().unwrap());
    assert!(!text.contains("Әсем") && !text.contains("Құрманғазықызы"), "a confidential victim is withheld: {text}");
    assert!(text.contains("Public copy"), "{text}");
    assert_eq!(shell.err_code("case_print_check", json!({"id": "nope", "lang": "en"})), "Validation");
}
