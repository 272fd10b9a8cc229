//! Evidence through the shell: attachments (the attachment dialog answered
//! by the test switch), thumbnails, verified copies, history, versions,
//! the trash and the integrity check.

use crate::commands::{kazakh_case, Shell};
use kuzet_app::state::LaunchOptions;
use serde_json::json;
use std::time::Duration;

/// A 2×1 PNG written by the image crate's encoder the core uses too.
fn png() -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(320, 160, image::Rgb([9, 90, 200])))
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("png");
    out.into_inner()
}

#[test]
fn attach_list_thumbnail_extract_history_trash_and_verify() {
    let dir = tempfile::tempdir().expect("temp dir");
    let photo = dir.path().join("фото.png");
    let ruling = dir.path().join("сот шешімі.txt");
    std::fs::write(&photo, png()).expect("photo");
    std::fs::write(&ruling, "Сот шешімі: айыппұл 150 АЕК").expect("ruling");
    let shell = Shell::start_with(LaunchOptions {
        config_dir: Some(dir.path().to_path_buf()),
        test_attach_paths: Some(vec![photo.clone(), ruling.clone()]),
        autolock_check: Duration::from_secs(3600),
        ..LaunchOptions::default()
    });
    shell.ok("vault_create", json!({"path": dir.path().join("v.kuzet"), "passphrase": "pass"}));
    let mut settings = shell.ok("settings_get", json!({}));
    settings["staffName"] = json!("Әлия Сейітова");
    shell.ok("settings_save", json!({"settings": settings}));
    let case = shell.ok("case_create", json!({"data": kazakh_case()}));
    let id = case["id"].as_str().expect("id").to_string();

    let picked = shell.ok("pick_attachment_paths", json!({}));
    assert_eq!(picked.as_array().map(Vec::len), Some(2));
    let added = shell.ok("attachment_add", json!({"caseId": id, "paths": picked}));
    assert_eq!(added[0]["name"], "фото.png");
    assert_eq!(added[0]["mediaType"], "image/png");
    assert_eq!(added[0]["isImage"], true);
    assert_eq!(added[0]["addedBy"], "Әлия Сейітова");
    assert_eq!(added[1]["size"], std::fs::metadata(&ruling).expect("size").len());
    assert_eq!(shell.ok("attachments_list", json!({"caseId": id})), added);

    let photo_id = added[0]["id"].as_str().expect("id").to_string();
    let thumb = shell.ok("attachment_thumbnail", json!({"id": photo_id}));
    assert!(thumb.as_str().expect("a data URL").starts_with("data:image/png;base64,"));
    assert_eq!(shell.ok("attachment_thumbnail", json!({"id": added[1]["id"]})), json!(null));

    let out = dir.path().join("copy.png");
    let done = shell.ok("attachment_extract", json!({"id": photo_id, "path": out, "stripMetadata": false}));
    assert_eq!(std::fs::read(&out).expect("copy"), png());
    assert_eq!(done["sha256"], added[0]["sha256"]);
    let vault_itself = dir.path().join("v.kuzet");
    let refused =
        shell.err_code("attachment_extract", json!({"id": photo_id, "path": vault_itself, "stripMetadata": false}));
    assert_eq!(refused, "OutputRefused");

    let mut edited = kazakh_case();
    edited["title"] = json!("Тілші сотқа кіргізілді");
    shell.ok("case_update", json!({"id": id, "data": edited}));
    let history = shell.ok("case_history", json!({"caseId": id}));
    let newest = &history[0];
    assert_eq!((newest["entity"].as_str(), newest["action"].as_str()), (Some("case"), Some("updated")));
    assert_eq!(newest["source"], "app");
    assert_eq!(newest["actor"], "Әлия Сейітова");
    assert_eq!(
        newest["changes"][0],
        json!({"field": "title", "old": kazakh_case()["title"], "new": "Тілші сотқа кіргізілді"})
    );
    let first = history.as_array().expect("entries").last().expect("created").clone();
    assert_eq!(first["canRestore"], true);
    let old = shell.ok("case_version", json!({"caseId": id, "seq": first["seq"]}));
    assert_eq!(old["data"]["title"], kazakh_case()["title"]);
    let restored = shell.ok("case_version_restore", json!({"caseId": id, "seq": first["seq"]}));
    assert_eq!(restored["data"]["title"], kazakh_case()["title"]);

    shell.ok("case_delete", json!({"id": id}));
    assert_eq!(shell.err_code("case_get", json!({"id": id})), "NotFound");
    let trash = shell.ok("trash_list", json!({}));
    assert_eq!(trash[0]["id"], id.as_str());
    assert_eq!(trash[0]["attachments"], 2);
    assert_eq!(trash[0]["deletedBy"], "Әлия Сейітова");
    shell.ok("trash_restore", json!({"caseId": id}));
    assert_eq!(shell.ok("case_get", json!({"id": id}))["data"]["title"], kazakh_case()["title"]);

    let verify = shell.ok("vault_verify", json!({}));
    assert_eq!(verify["ok"], true, "{verify}");
    assert_eq!(verify["attachments"], 2);
    assert_eq!(verify["head"].as_str().map(str::len), Some(64));
    shell.ok("case_delete", json!({"id": id}));
    assert_eq!(shell.ok("trash_empty", json!({})), 1);
    assert_eq!(shell.ok("trash_list", json!({})), json!([]));
    assert_eq!(shell.ok("vault_verify", json!({}))["attachments"], 0);
}
