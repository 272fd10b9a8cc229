//! The UI's mock backend answers with what the real commands answered: this
//! test opens the demo vault (the May 2024 fixture) through the shell, calls
//! the commands the mock stands in for (taxonomy, settings, every case,
//! the summaries, drafts, previews and pre-publication checks of the months,
//! the annual summaries of the years, the platform split, the cases' print checks,
//! the import check of a CSV with problems and of the corrected file,
//! and refusals of bad input) and compares the answers with the committed
//! `ui/src/lib/mock/fixtures.json`. `KUZET_WRITE_BINDINGS=1 cargo test -p
//! kuzet-app --test app` rewrites it (with the bindings).
//!
//! Made deterministic: the vault is created with a fixed time, each month's
//! draft is saved with a fixed publication date, and record ids are replaced
//! by `00000000-0000-4000-8000-<n>` in order of first appearance (cases by
//! date, then reference).

use crate::commands::{kazakh_case, Shell};
use chrono::{TimeZone, Utc};
use kuzet_core::transfer::demo::{create_demo_vault, DEMO_PASSPHRASE};
use kuzet_core::vault::Passphrase;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// The committed fixture file, relative to the repository root.
const FIXTURE_FILE: &str = "ui/src/lib/mock/fixtures.json";
/// The languages of the overview.
const LANGS: [&str; 3] = ["kk", "ru", "en"];
/// The publication date every month's draft is saved with.
const PUBLICATION_DATE: &str = "2024-06-05";
/// A month without any record (its summary is the mock's answer for months
/// the fixture does not hold).
const EMPTY_MONTH: &str = "2030-01";

fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(
            |(i, c)| {
                if [8, 13, 18, 23].contains(&i) {
                    *c == b'-'
                } else {
                    c.is_ascii_hexdigit()
                }
            },
        )
}

const STABLE_PREFIX: &str = "00000000-0000-4000-8000-";

/// Replaces every id by a stable one, numbered in order of first appearance.
fn stable_ids(v: &mut Value, ids: &mut BTreeMap<String, String>) {
    match v {
        // An id made stable already (the cases are numbered first) stays.
        Value::String(s) if is_uuid(s) && !s.starts_with(STABLE_PREFIX) => {
            let n = ids.len() + 1;
            *s = ids.entry(s.clone()).or_insert_with(|| format!("{STABLE_PREFIX}{n:012}")).clone();
        }
        Value::Array(a) => a.iter_mut().for_each(|x| stable_ids(x, ids)),
        Value::Object(o) => o.values_mut().for_each(|x| stable_ids(x, ids)),
        _ => {}
    }
}

/// The refusal of `cmd` with `args`, which must be one.
fn refusal(shell: &Shell, cmd: &str, args: Value) -> Value {
    shell.invoke(cmd, args).expect_err(&format!("{cmd} must refuse this input"))
}

fn with(mut v: Value, key: &str, value: Value) -> Value {
    v[key] = value;
    v
}

/// Everything the mock answers with, from the real commands.
fn generate() -> Value {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("demo.kuzet");
    let at = Utc.with_ymd_and_hms(2024, 6, 1, 4, 0, 0).single().expect("time");
    drop(create_demo_vault(&path, &Passphrase::new(DEMO_PASSPHRASE), at).expect("demo vault"));
    let shell = Shell::start(dir.path());
    shell.ok("vault_open", json!({"path": path, "passphrase": DEMO_PASSPHRASE}));

    let page = shell.ok("cases_find", json!({"filter": {"sort": "dateAsc"}, "offset": 0, "limit": 1000}));
    let mut cases: Vec<Value> =
        page["rows"].as_array().expect("rows").iter().map(|r| shell.ok("case_get", json!({"id": r["id"]}))).collect();
    assert!(cases.len() >= 60, "the demo vault holds the May 2024 fixture ({} cases)", cases.len());
    let key = |c: &Value| (c["data"]["eventDate"].to_string(), c["data"]["ref"].to_string());
    cases.sort_by_key(key);
    let mut months: BTreeSet<String> = BTreeSet::new();
    for c in &cases {
        months.insert(c["data"]["eventDate"].as_str().expect("date")[..7].to_string());
        for d in c["developments"].as_array().expect("developments") {
            months.insert(d["data"]["eventDate"].as_str().expect("date")[..7].to_string());
        }
    }

    let mut summaries = Map::new();
    let mut drafts = Map::new();
    let mut previews = Map::new();
    let mut name_checks = Map::new();
    for m in months.iter().map(String::as_str).chain([EMPTY_MONTH]) {
        summaries.insert(m.into(), shell.ok("summary_month", json!({"month": m})));
        if m == EMPTY_MONTH {
            continue;
        }
        let draft =
            with(shell.ok("overview_draft_get", json!({"month": m})), "publicationDate", json!(PUBLICATION_DATE));
        shell.ok("overview_draft_save", json!({"month": m, "draft": draft}));
        drafts.insert(m.into(), shell.ok("overview_draft_get", json!({"month": m})));
        let (mut p, mut n) = (Map::new(), Map::new());
        for lang in LANGS {
            p.insert(lang.into(), shell.ok("overview_preview", json!({"month": m, "lang": lang})));
            n.insert(lang.into(), shell.ok("overview_name_check", json!({"month": m, "lang": lang})));
        }
        previews.insert(m.into(), Value::Object(p));
        name_checks.insert(m.into(), Value::Object(n));
    }

    let case = kazakh_case();
    let mut claim = with(case.clone(), "category", json!("claims.civil"));
    claim["proceeding"] = json!({"branch": "civil", "stage": "court", "court": "", "amountClaimedKzt": -5, "fineKzt": null, "outcome": ""});
    let development =
        json!({"ref": null, "eventDate": "2024-05-20", "title": " ", "summary": "", "sources": [], "language": "kk"});
    let first = cases[0]["id"].clone();
    let draft = drafts.values().next().expect("a draft").clone();
    let mut untitled = draft.clone();
    untitled["sections"].as_array_mut().expect("sections").push(json!({"kind": {"kind": "custom"}, "entries": []}));
    let mut twice = draft.clone();
    let first_entry = twice["sections"][0]["entries"][0].clone();
    twice["sections"][1]["entries"].as_array_mut().expect("entries").push(first_entry);
    let errors = json!({
        "caseTitleRequired": refusal(&shell, "case_create", json!({"data": with(case.clone(), "title", json!("  "))})),
        "caseBadDate": refusal(&shell, "case_create", json!({"data": with(case.clone(), "eventDate", json!("2024-02-30"))})),
        "caseUnknownCategory": refusal(&shell, "case_create", json!({"data": with(case.clone(), "category", json!("journalists.nope"))})),
        "caseKindMismatch": refusal(&shell, "case_create", json!({"data": with(case.clone(), "kind", json!("context"))})),
        "caseTitleTooLong": refusal(&shell, "case_create", json!({"data": with(case, "title", json!("Қ".repeat(301)))})),
        "caseNegativeAmount": refusal(&shell, "case_create", json!({"data": claim})),
        "developmentTitleRequired": refusal(&shell, "development_create", json!({"caseId": first, "data": development})),
        "draftUntitledSection": refusal(&shell, "overview_draft_save", json!({"month": draft["month"], "draft": untitled})),
        "draftEntryTwice": refusal(&shell, "overview_draft_save", json!({"month": draft["month"], "draft": twice})),
        "monthInvalid": refusal(&shell, "summary_month", json!({"month": "2024-13"})),
        "wrongPassphrase": refusal(&shell, "passphrase_change", json!({"current": "not it", "next": "жаңа құпия сөз"})),
        "yearInvalid": refusal(&shell, "annual_summary", json!({"year": 1899})),
    });

    // The annual overview of every year with a case and of the empty
    // month's year, the platform split
    // (the default) and each case's pre-publication check for its public
    // print (only the cases that list a name).
    let mut annual = Map::new();
    // The empty month's year stands for any year without cases.
    let years = months.iter().map(String::as_str).chain([EMPTY_MONTH]).map(|m| m[..4].to_string());
    for y in years.collect::<std::collections::BTreeSet<_>>() {
        annual.insert(y.clone(), shell.ok("annual_summary", json!({"year": y.parse::<i32>().expect("year")})));
    }
    // A list of {caseId, names}, not a map: ids are made stable below, keys would not be.
    let mut print_checks = Vec::new();
    for c in &cases {
        let check = shell.ok("case_print_check", json!({"id": c["id"], "lang": "en"}));
        if check.as_array().is_some_and(|a| !a.is_empty()) {
            print_checks.push(json!({"caseId": c["id"], "names": check}));
        }
    }

    // Last, as it changes the month: a case recorded after May's draft was
    // saved, and the draft then (its entry marked "added").
    let mut later = shell.ok("case_create", json!({"data": with(kazakh_case(), "eventDate", json!("2024-05-31"))}));
    // Recorded "now": its times are the only ones the fixture fixes by hand.
    for k in ["createdAt", "updatedAt"] {
        later[k] = json!({"utc": "2024-06-01T04:00:00Z", "local": "2024-06-01 09:00"});
    }
    let after = json!({"case": later, "draft": shell.ok("overview_draft_get", json!({"month": "2024-05"}))});

    // The import of a monitor's CSV: its check with problems, the check of
    // the corrected file and what importing it wrote (last: it adds cases).
    let file = dir.path().join("cases.csv");
    std::fs::write(&file, crate::import::BAD_CSV).expect("write csv");
    let with_problems = shell.ok("cases_import_check", json!({"path": file}));
    let refused = refusal(&shell, "cases_import", json!({"path": file, "digest": with_problems["digest"]}));
    std::fs::write(&file, crate::import::fixed(crate::import::BAD_CSV)).expect("write csv");
    let clean = shell.ok("cases_import_check", json!({"path": file}));
    let done = shell.ok("cases_import", json!({"path": file, "digest": clean["digest"]}));
    let import = json!({"withProblems": with_problems, "refused": refused, "clean": clean, "done": done});

    let mut out = json!({
        "passphrase": DEMO_PASSPHRASE,
        "emptyMonth": EMPTY_MONTH,
        "taxonomy": shell.ok("taxonomy_get", json!({})),
        "settings": shell.ok("settings_get", json!({})),
        "cases": cases,
        "summaries": summaries,
        "drafts": drafts,
        "previews": previews,
        "nameChecks": name_checks,
        "errors": errors,
        "draftAfterNewCase": after,
        "annual": annual,
        "platformSplit": shell.ok("platform_split_get", json!({})),
        "casePrintChecks": print_checks,
        "collation": collation(),
        "import": import,
    });
    let mut ids = BTreeMap::new();
    stable_ids(&mut out["cases"], &mut ids);
    stable_ids(&mut out, &mut ids);
    out
}

/// Names and titles in the order the core sorts them for people (the
/// Kazakh alphabet, `kuzet_core::text::collate_cmp`): the UI's sort is
/// tested against it, so both follow one rule.
fn collation() -> Value {
    let mut v: Vec<String> = [
        "Үміт",
        "Ұлан",
        "Өскемен",
        "Іле",
        "Ерлан",
        "Ёлкин",
        "Әсем",
        "Ғалым",
        "Қайрат",
        "Ақтөбе",
        "Абай",
        "Жанар",
        "Ыбырай",
        "Шымкент",
        "Нұр-Сұлтан",
        "Һәкім",
        "Иванов",
        "Иванова",
        "Әлия",
        "Ілияс",
        "Ә",
        "А",
        "Қостанай",
        "Кокшетау",
        "Гүлнар",
        "Ғабит",
        "Оспанов",
        "Өмір",
        "Уральск",
        "Ұлытау",
        "Хабар",
        "Яков",
        "Almaty",
        "Zhanar",
        "Ержан",
        "Ёж",
        "Ақмола",
        "Атырау",
    ]
    .map(String::from)
    .to_vec();
    kuzet_core::text::sort_names(&mut v);
    json!(v)
}

#[test]
fn the_mock_answers_what_the_commands_answer() {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(FIXTURE_FILE);
    let mut text = serde_json::to_string_pretty(&generate()).expect("json");
    text.push('\n');
    assert_eq!(text, serde_json::to_string_pretty(&generate()).expect("json") + "\n", "the fixture is deterministic");
    if std::env::var_os("KUZET_WRITE_BINDINGS").is_some() {
        std::fs::write(&file, &text).expect("write fixtures");
    }
    let committed = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        committed == text,
        "{FIXTURE_FILE} drifted from the commands' answers; regenerate with \
         KUZET_WRITE_BINDINGS=1 cargo test -p kuzet-app --test app"
    );
}
