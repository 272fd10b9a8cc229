//! The commands through Tauri's IPC on the mock runtime, with a real vault
//! in a temporary directory.

use kuzet_app::state::{AppState, LaunchOptions};
use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

pub(crate) struct Shell {
    app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
}

impl Shell {
    pub(crate) fn start(config_dir: &Path) -> Shell {
        Shell::start_with(LaunchOptions {
            config_dir: Some(config_dir.to_path_buf()),
            test_save_path: Some(config_dir.join("saved.pdf")),
            autolock_check: Duration::from_secs(3600),
            ..LaunchOptions::default()
        })
    }

    pub(crate) fn start_with(launch: LaunchOptions) -> Shell {
        let app =
            kuzet_app::app_builder(mock_builder(), launch).build(mock_context(noop_assets())).expect("mock app builds");
        let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("mock window");
        Shell { app, window }
    }

    pub(crate) fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        get_ipc_response(
            &self.window,
            InvokeRequest {
                cmd: cmd.into(),
                callback: tauri::ipc::CallbackFn(0),
                error: tauri::ipc::CallbackFn(1),
                url: "tauri://localhost".parse().expect("url"),
                body: tauri::ipc::InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|b| b.deserialize::<Value>().expect("json response"))
    }

    pub(crate) fn ok(&self, cmd: &str, args: Value) -> Value {
        self.invoke(cmd, args).unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }

    pub(crate) fn err_code(&self, cmd: &str, args: Value) -> String {
        let e = self.invoke(cmd, args).expect_err(&format!("{cmd} must fail"));
        e["code"].as_str().unwrap_or_else(|| panic!("{cmd}: error without code: {e}")).to_string()
    }
}

pub(crate) fn kazakh_case() -> Value {
    json!({
        "ref": null,
        "kind": "case",
        "eventDate": "2024-05-14",
        "region": "almaty_city",
        "category": "journalists.obstruction",
        "tags": [],
        "title": "Тілшіге сот ғимаратына кіруге рұқсат берілмеді",
        "summary": "Алматы қалалық сотында «Өзекті» тілшісі Әсем Құрманғазықызы сот отырысына жіберілмеді.",
        "victimType": "journalist",
        "victimName": "Әсем Құрманғазықызы",
        "outlet": "Өзекті",
        "perpetratorType": "state",
        "legalBasis": null,
        "proceeding": null,
        "sources": ["https://adilsoz.kz"],
        "status": "open",
        "confidential": false,
        "language": "kk"
    })
}

fn no_filter() -> Value {
    json!({})
}

#[test]
fn a_wrong_passphrase_is_an_error_never_an_empty_vault() {
    let dir = tempfile::tempdir().expect("temp dir");
    let vault = dir.path().join("v.kuzet");
    let shell = Shell::start(dir.path());
    shell.ok("vault_create", json!({"path": vault, "passphrase": "дұрыс құпия сөз"}));
    shell.ok("vault_lock", json!({}));
    assert_eq!(shell.err_code("vault_open", json!({"path": vault, "passphrase": "wrong"})), "WrongPassphrase");
    assert_eq!(shell.err_code("cases_find", json!({"filter": no_filter(), "offset": 0, "limit": 50})), "Locked");
    assert_eq!(
        shell.err_code("vault_open", json!({"path": dir.path().join("none.kuzet"), "passphrase": "x"})),
        "Missing"
    );
    let info = shell.ok("vault_open", json!({"path": vault, "passphrase": "дұрыс құпия сөз"}));
    assert_eq!(info["autoLockMinutes"], 10, "a new vault locks after 10 idle minutes");
    assert_eq!(shell.ok("vault_status", json!({}))["unlocked"], true);
}

#[test]
fn a_kazakh_case_is_found_by_an_upper_case_search_and_counted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let shell = Shell::start(dir.path());
    shell.ok("vault_create", json!({"path": dir.path().join("v.kuzet"), "passphrase": "pass"}));
    let created = shell.ok("case_create", json!({"data": kazakh_case()}));
    let id = created["id"].as_str().expect("id").to_string();
    assert_eq!(created["data"]["title"], kazakh_case()["title"]);

    let page = shell.ok("cases_find", json!({"filter": {"text": "ҚҰРМАНҒАЗЫҚЫЗЫ"}, "offset": 0, "limit": 50}));
    assert_eq!(page["total"], 1, "upper-case Kazakh finds the lower-case name: {page}");
    assert_eq!(page["rows"][0]["id"], id.as_str());
    assert_eq!(page["rows"][0]["eventDate"], "2024-05-14");

    let none = shell.ok("cases_find", json!({"filter": {"text": "Шымкент"}, "offset": 0, "limit": 50}));
    assert_eq!(none["total"], 0, "a word that is nowhere finds nothing");

    let got = shell.ok("case_get", json!({"id": id}));
    assert_eq!(got["data"]["victimName"], "Әсем Құрманғазықызы");

    let summary = shell.ok("summary_month", json!({"month": "2024-05"}));
    assert_eq!(summary["counts"]["total"], 1, "the case is counted in May 2024");
    let journalists = summary["counts"]["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .find(|g| g["code"] == "journalists")
        .expect("journalists group");
    assert_eq!(journalists["count"], 1);
    assert_eq!(shell.ok("summary_month", json!({"month": "2024-06"}))["counts"]["total"], 0, "not in June");
    assert_eq!(summary["changeFromPreviousMonth"]["kind"], "fromZero");

    let preview = shell.ok("overview_preview", json!({"month": "2024-05", "lang": "kk"}));
    let entries: Vec<&str> = preview["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .flat_map(|s| s["entries"].as_array().expect("entries").iter())
        .map(|e| e["title"].as_str().expect("title"))
        .collect();
    assert_eq!(entries, [kazakh_case()["title"].as_str().unwrap()], "the month's only case is the only entry");

    let check = shell.ok("overview_name_check", json!({"month": "2024-05", "lang": "kk"}));
    assert_eq!(check[0]["name"], "Әсем Құрманғазықызы", "the check lists the journalist's name: {check}");
    assert_eq!(check[0]["places"][0]["entry"]["id"], id.as_str(), "and names her case");
    assert_eq!(
        shell.err_code("overview_export_pdf", json!({"month": "2024-05", "lang": "kk", "confirmedNames": []})),
        "NamesUnchecked",
        "no PDF until the name is confirmed"
    );
    assert!(!dir.path().join("saved.pdf").exists(), "nothing was written");
    let key = check[0]["key"].clone();
    let saved = shell.ok("overview_export_pdf", json!({"month": "2024-05", "lang": "kk", "confirmedNames": [key]}));
    let path = saved.as_str().expect("the path of the PDF");
    let bytes = std::fs::read(path).expect("the PDF was written");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF file");

    let draft = shell.ok("overview_draft_get", json!({"month": "2024-05"}));
    let mut edited = draft.clone();
    edited["title"]["kk"] = json!("Мамыр айының шолуы");
    shell.ok("overview_draft_save", json!({"month": "2024-05", "draft": edited}));
    let again = shell.ok("overview_preview", json!({"month": "2024-05", "lang": "kk"}));
    assert_eq!(again["title"], "Мамыр айының шолуы", "the saved title override is used");
}

#[test]
fn a_case_recorded_after_the_draft_was_saved_is_listed_and_marked_added() {
    let dir = tempfile::tempdir().expect("temp dir");
    let shell = Shell::start(dir.path());
    shell.ok("vault_create", json!({"path": dir.path().join("v.kuzet"), "passphrase": "pass"}));
    let first = shell.ok("case_create", json!({"data": kazakh_case()}))["id"].clone();
    let draft = shell.ok("overview_draft_get", json!({"month": "2024-05"}));
    assert!(draft["sections"][0]["entries"][0].get("change").is_none(), "a fresh draft marks nothing: {draft}");
    shell.ok("overview_draft_save", json!({"month": "2024-05", "draft": draft}));

    let mut later = kazakh_case();
    later["eventDate"] = json!("2024-05-20");
    later["title"] = json!("Кейін тіркелген оқиға");
    let second = shell.ok("case_create", json!({"data": later}))["id"].clone();
    let draft = shell.ok("overview_draft_get", json!({"month": "2024-05"}));
    let entries = draft["sections"][0]["entries"].as_array().expect("entries");
    let got: Vec<(&Value, Option<&str>)> =
        entries.iter().map(|e| (&e["item"]["id"], e.get("change").and_then(Value::as_str))).collect();
    assert_eq!(got, [(&first, None), (&second, Some("added"))], "{draft}");
    let preview = shell.ok("overview_preview", json!({"month": "2024-05", "lang": "kk"}));
    assert_eq!(preview["sections"][0]["entries"][1]["title"], "Кейін тіркелген оқиға", "the PDF lists it too");

    shell.ok("overview_draft_save", json!({"month": "2024-05", "draft": draft}));
    let again = shell.ok("overview_draft_get", json!({"month": "2024-05"}));
    assert!(
        again["sections"][0]["entries"].as_array().unwrap().iter().all(|e| e.get("change").is_none()),
        "once saved it is no longer new: {again}"
    );

    // Its category moves to the claims group: so does its entry.
    let mut claim = later.clone();
    claim["category"] = json!("claims.civil");
    shell.ok("case_update", json!({"id": second, "data": claim}));
    let moved = shell.ok("overview_draft_get", json!({"month": "2024-05"}));
    let sections = moved["sections"].as_array().expect("sections");
    assert_eq!(sections.len(), 2, "{moved}");
    assert_eq!(sections[0]["entries"].as_array().unwrap().len(), 1, "left the journalists' section");
    assert_eq!(sections[1]["kind"], json!({"kind": "group", "code": "claims"}));
    assert_eq!(sections[1]["entries"][0]["item"]["id"], second);
    assert_eq!(sections[1]["entries"][0]["change"], "moved");
}

#[test]
fn bad_input_names_the_fields() {
    let dir = tempfile::tempdir().expect("temp dir");
    let shell = Shell::start(dir.path());
    shell.ok("vault_create", json!({"path": dir.path().join("v.kuzet"), "passphrase": "pass"}));
    let mut bad = kazakh_case();
    bad["eventDate"] = json!("2024-02-30");
    bad["title"] = json!("   ");
    let e = shell.invoke("case_create", json!({"data": bad})).expect_err("invalid case");
    assert_eq!(e["code"], "Validation");
    let fields: Vec<&str> =
        e["fields"].as_array().expect("fields").iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["eventDate"], "the impossible date is refused before the core sees the case");

    let mut bad = kazakh_case();
    bad["title"] = json!("   ");
    bad["category"] = json!("journalists.nope");
    let e = shell.invoke("case_create", json!({"data": bad})).expect_err("invalid case");
    let fields: Vec<&str> =
        e["fields"].as_array().expect("fields").iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["title", "category"]);
    let kinds: Vec<&str> =
        e["fields"].as_array().unwrap().iter().map(|f| f["problem"]["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["required", "unknownCode"], "the UI translates by the problem's kind");
    assert_eq!(shell.err_code("case_get", json!({"id": "not-a-uuid"})), "Validation");
    assert_eq!(shell.err_code("case_get", json!({"id": "6f1c2a4e-0000-4000-8000-000000000000"})), "NotFound");
}

#[test]
fn locking_forgets_the_vault_and_idling_locks_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let vault = dir.path().join("v.kuzet");
    let shell = Shell::start(dir.path());
    shell.ok("vault_create", json!({"path": vault, "passphrase": "pass"}));
    shell.ok("cases_find", json!({"filter": no_filter(), "offset": 0, "limit": 10}));
    shell.ok("vault_lock", json!({}));
    assert_eq!(shell.err_code("cases_find", json!({"filter": no_filter(), "offset": 0, "limit": 10})), "Locked");
    assert_eq!(shell.ok("vault_status", json!({}))["unlocked"], false);

    shell.ok("vault_open", json!({"path": vault, "passphrase": "pass"}));
    let state = shell.app.state::<AppState>();
    state.backdate_activity(Duration::from_secs(9 * 60));
    assert!(!state.lock_if_idle(), "9 idle minutes are fewer than the default 10");
    state.backdate_activity(Duration::from_secs(11 * 60));
    assert!(state.lock_if_idle(), "11 idle minutes lock the vault");
    assert_eq!(shell.err_code("taxonomy_get", json!({})), "Locked");

    let info = shell.ok("app_info", json!({}));
    assert_eq!(info["recentVaults"][0], vault.display().to_string(), "the vault is remembered by path");
}

#[test]
fn settings_round_trip_and_change_the_auto_lock() {
    let dir = tempfile::tempdir().expect("temp dir");
    let shell = Shell::start(dir.path());
    shell.ok("vault_create", json!({"path": dir.path().join("v.kuzet"), "passphrase": "pass"}));
    let mut settings = shell.ok("settings_get", json!({}));
    assert_eq!(settings["autoLockMinutes"], 10);
    settings["autoLockMinutes"] = json!(3);
    settings["uiLang"] = json!("kk");
    shell.ok("settings_save", json!({"settings": settings}));
    assert_eq!(shell.ok("vault_status", json!({}))["autoLockMinutes"], 3, "applies at once");
    let state = shell.app.state::<AppState>();
    state.backdate_activity(Duration::from_secs(2 * 60 + 50));
    assert!(!state.lock_if_idle(), "under the 3 minutes from the settings");
    state.backdate_activity(Duration::from_secs(3 * 60 + 10));
    assert!(state.lock_if_idle(), "the idle lock uses the 3 minutes from the settings, not the default 10");
    shell.ok("vault_open", json!({"path": dir.path().join("v.kuzet"), "passphrase": "pass"}));
    settings["autoLockMinutes"] = json!(0);
    assert_eq!(shell.err_code("settings_save", json!({"settings": settings})), "Validation");
    shell.ok("vault_lock", json!({}));
    let info = shell.ok("vault_open", json!({"path": dir.path().join("v.kuzet"), "passphrase": "pass"}));
    assert_eq!((info["uiLang"].as_str(), info["autoLockMinutes"].as_u64()), (Some("kk"), Some(3)), "kept in the vault");
}

#[test]
fn the_passphrase_change_checks_the_current_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let vault = dir.path().join("v.kuzet");
    let shell = Shell::start(dir.path());
    shell.ok("vault_create", json!({"path": vault, "passphrase": "ескі"}));
    assert_eq!(shell.err_code("passphrase_change", json!({"current": "wrong", "next": "жаңа"})), "WrongPassphrase");
    shell.ok("passphrase_change", json!({"current": "ескі", "next": "жаңа"}));
    shell.ok("vault_lock", json!({}));
    assert_eq!(shell.err_code("vault_open", json!({"path": vault, "passphrase": "ескі"})), "WrongPassphrase");
    shell.ok("vault_open", json!({"path": vault, "passphrase": "жаңа"}));
}

#[test]
#[cfg(unix)]
fn the_pdf_export_never_replaces_the_vault_or_a_link() {
    let dir = tempfile::tempdir().expect("temp dir");
    // The save dialog forces ".pdf", so only a vault named so can be picked.
    let vault = dir.path().join("cases.pdf");
    let link = dir.path().join("link.pdf");
    for (target, what) in [(vault.clone(), "the vault"), (link.clone(), "a link to the vault")] {
        let shell = Shell::start_with(LaunchOptions {
            config_dir: Some(dir.path().to_path_buf()),
            test_save_path: Some(target.clone()),
            autolock_check: Duration::from_secs(3600),
            ..LaunchOptions::default()
        });
        if !vault.exists() {
            shell.ok("vault_create", json!({"path": vault, "passphrase": "pass"}));
        } else {
            shell.ok("vault_open", json!({"path": vault, "passphrase": "pass"}));
        }
        shell.ok("case_create", json!({"data": kazakh_case()}));
        if !link.exists() {
            std::os::unix::fs::symlink(&vault, &link).expect("link");
        }
        let before = std::fs::read(&target).expect("target exists");
        let e = shell
            .invoke(
                "overview_export_pdf",
                json!({"month": "2024-05", "lang": "kk", "confirmedNames": ["Әсем Құрманғазықызы"]}),
            )
            .expect_err(what);
        assert_eq!(e["code"], "OutputRefused", "{what}: {e}");
        assert_eq!(std::fs::read(&target).expect("still there"), before, "{what} is untouched");
        shell.ok("vault_lock", json!({}));
    }
}

#[test]
fn a_passphrase_typed_decomposed_opens_and_changes_the_vault() {
    let dir = tempfile::tempdir().expect("temp dir");
    let vault = dir.path().join("v.kuzet");
    let shell = Shell::start(dir.path());
    // "й" precomposed when the vault was made, "и" + combining breve when changed.
    shell.ok("vault_create", json!({"path": vault, "passphrase": "тий"}));
    shell.ok("passphrase_change", json!({"current": "тии\u{0306}", "next": "жаңа"}));
    shell.ok("vault_lock", json!({}));
    shell.ok("vault_open", json!({"path": vault, "passphrase": "жаңа"}));
}

#[test]
fn app_info_offers_the_demo_vault_only_when_started_with_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plain = Shell::start(dir.path());
    let info = plain.ok("app_info", json!({}));
    assert_eq!(info["demo"], Value::Null);
    assert!(info["defaultVaultPath"].as_str().is_some_and(|p| p.ends_with(".kuzet")), "{info}");

    let demo = dir.path().join("demo.kuzet");
    let shell = Shell::start_with(LaunchOptions {
        config_dir: Some(dir.path().to_path_buf()),
        demo_vault: Some(demo.clone()),
        ..LaunchOptions::default()
    });
    let info = shell.ok("app_info", json!({}));
    assert_eq!(info["demo"]["path"], demo.display().to_string());
    assert_eq!(info["demo"]["passphrase"], "demo");
}

#[test]
fn editor_drafts_live_in_the_vault() {
    let dir = tempfile::tempdir().expect("temp dir");
    let shell = Shell::start(dir.path());
    shell.ok("vault_create", json!({"path": dir.path().join("v.kuzet"), "passphrase": "pass"}));
    assert_eq!(shell.ok("editor_draft_get", json!({"key": "new-case"})), Value::Null);
    shell.ok("editor_draft_save", json!({"key": "new-case", "json": {"title": "Қорқыту"}}));
    assert_eq!(shell.ok("editor_draft_get", json!({"key": "new-case"}))["title"], "Қорқыту");
    shell.ok("editor_draft_clear", json!({"key": "new-case"}));
    assert_eq!(shell.ok("editor_draft_get", json!({"key": "new-case"})), Value::Null);
    assert_eq!(shell.err_code("editor_draft_get", json!({"key": "../x y"})), "Validation");
}

#[test]
fn the_test_minute_only_shortens_the_auto_lock() {
    let minute = |secs: Option<u64>| {
        LaunchOptions { test_autolock_minute: secs.map(Duration::from_secs), ..LaunchOptions::default() }
            .autolock_minute()
    };
    assert_eq!(minute(None), Duration::from_secs(60));
    assert_eq!(minute(Some(2)), Duration::from_secs(2));
    assert_eq!(minute(Some(3600)), Duration::from_secs(60), "never longer than a real minute");

    let dir = tempfile::tempdir().expect("temp dir");
    let shell = Shell::start_with(LaunchOptions {
        config_dir: Some(dir.path().to_path_buf()),
        autolock_check: Duration::from_secs(3600),
        test_autolock_minute: Some(Duration::from_secs(2)),
        ..LaunchOptions::default()
    });
    shell.ok("vault_create", json!({"path": dir.path().join("v.kuzet"), "passphrase": "pass"}));
    let state = shell.app.state::<AppState>();
    state.backdate_activity(Duration::from_secs(19));
    assert!(!state.lock_if_idle(), "10 test minutes of 2 s are 20 s");
    state.backdate_activity(Duration::from_secs(21));
    assert!(state.lock_if_idle());
}

#[test]
fn hiding_a_name_and_adding_a_public_figure_answer_the_check_and_the_public_copy_hides_names() {
    let dir = tempfile::tempdir().expect("temp dir");
    let shell = Shell::start(dir.path());
    shell.ok("vault_create", json!({"path": dir.path().join("v.kuzet"), "passphrase": "pass"}));
    let mut private = kazakh_case();
    private["title"] = json!("Айгерімге қоқан-лоқы көрсетілді");
    private["summary"] = json!("Блогер Айгерімнің парақшасын Иванов бұғаттады. Иванова куә болды.");
    private["victimName"] = json!("Айгерім");
    private["confidential"] = json!(true);
    let id = shell.ok("case_create", json!({"data": private}))["id"].as_str().unwrap().to_string();
    shell.ok("case_create", json!({"data": kazakh_case()}));
    let check = shell.ok("overview_name_check", json!({"month": "2024-05", "lang": "ru"}));
    let names: Vec<&str> = check.as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Иванов", "Иванова", "Әсем Құрманғазықызы"], "the confidential victim is hidden, not listed");
    let entry = check[0]["places"][0]["entry"].clone();
    assert_eq!(entry, json!({"type": "case", "id": id}));
    assert_eq!(shell.ok("private_name_add", json!({"item": entry, "name": "Иванов"})), json!(true));
    let figures = shell.ok("public_figure_add", json!({"name": "Әсем Құрманғазықызы"}));
    assert_eq!(figures, json!(["Әсем Құрманғазықызы"]));
    assert_eq!(shell.ok("settings_get", json!({}))["publicFigures"], figures, "the list is a setting");
    assert_eq!(shell.ok("overview_name_check", json!({"month": "2024-05", "lang": "ru"})), json!([]));

    let preview = shell.ok("overview_preview", json!({"month": "2024-05", "lang": "ru"}));
    let text = preview.to_string();
    for name in ["Айгерім", "Иванов"] {
        assert!(!text.contains(name), "the preview hides {name}: {text}");
    }
    assert!(text.contains("гр. Б."), "{text}");
    assert!(text.contains("Әсем Құрманғазықызы"), "public figures stay");
    shell.ok("overview_export_pdf", json!({"month": "2024-05", "lang": "ru", "confirmedNames": []}));

    assert_eq!(shell.ok("cases_export_check", json!({"month": "2024-05"})), json!([]));
    let saved = shell
        .ok("cases_export", json!({"format": "csv", "edition": "public", "month": "2024-05", "confirmedNames": []}));
    let csv = std::fs::read_to_string(saved.as_str().unwrap()).unwrap();
    assert!(csv.starts_with("\u{feff}# Kuzet public copy"), "{csv}");
    assert!(!csv.contains("Айгерім") && !csv.contains("Иванов"), "{csv}");
    let saved = shell.ok("cases_export", json!({"format": "csv", "edition": "full", "confirmedNames": []}));
    let csv = std::fs::read_to_string(saved.as_str().unwrap()).unwrap();
    assert!(csv.starts_with("\u{feff}# Kuzet full export"), "{csv}");
    assert!(csv.contains("Айгерімнің") && csv.contains("Иванов"), "the full export keeps every name: {csv}");
}

#[test]
fn the_overview_draft_is_validated_on_save_and_reset_to_the_default() {
    let dir = tempfile::tempdir().expect("temp dir");
    let shell = Shell::start(dir.path());
    shell.ok("vault_create", json!({"path": dir.path().join("v.kuzet"), "passphrase": "pass"}));
    let id = shell.ok("case_create", json!({"data": kazakh_case()}))["id"].clone();
    let default = shell.ok("overview_draft_get", json!({"month": "2024-05"}));
    assert_eq!(shell.ok("overview_draft_reset", json!({"month": "2024-05"})), json!(false), "nothing saved yet");

    // The case also in a custom section without a title: refused.
    let mut twice = default.clone();
    let entry = twice["sections"][0]["entries"][0].clone();
    twice["sections"].as_array_mut().unwrap().push(json!({"kind": {"kind": "custom"}, "entries": [entry]}));
    assert_eq!(shell.err_code("overview_draft_save", json!({"month": "2024-05", "draft": twice})), "Validation");

    // Removed (and excluded), with a new publication date: saved, not re-added.
    let mut edited = default.clone();
    edited["sections"][0]["entries"] = json!([]);
    edited["excluded"] = json!([{"type": "case", "id": id}]);
    edited["publicationDate"] = json!("2024-06-03");
    shell.ok("overview_draft_save", json!({"month": "2024-05", "draft": edited}));
    let got = shell.ok("overview_draft_get", json!({"month": "2024-05"}));
    assert_eq!(got["publicationDate"], "2024-06-03");
    assert_eq!(got["excluded"][0]["id"], id, "{got}");
    assert!(got["sections"].as_array().unwrap().iter().all(|s| s["entries"].as_array().unwrap().is_empty()), "{got}");

    assert_eq!(shell.ok("overview_draft_reset", json!({"month": "2024-05"})), json!(true));
    let back = shell.ok("overview_draft_get", json!({"month": "2024-05"}));
    assert_eq!(back["sections"], default["sections"], "the default draft again");
}
