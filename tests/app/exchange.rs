//! Exchange through the shell: this vault's identity, adding a peer after
//! reading its fingerprint, a bundle from a correspondent (the exchange
//! dialog answered by the test switch) previewed and applied, a refused
//! bundle, a bundle back, duplicates merged.

use crate::commands::{kazakh_case, Shell};
use kuzet_app::state::LaunchOptions;
use kuzet_core::vault::{Passphrase, PeerRole, Vault};
use serde_json::json;
use std::time::Duration;

#[test]
fn identity_peers_bundles_held_and_duplicates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let incoming = dir.path().join("шымкент.kuzetbundle");
    let shell = Shell::start_with(LaunchOptions {
        config_dir: Some(dir.path().to_path_buf()),
        test_exchange_paths: Some(vec![incoming.clone()]),
        autolock_check: Duration::from_secs(3600),
        ..LaunchOptions::default()
    });
    shell.ok("vault_create", json!({"path": dir.path().join("hq.kuzet"), "passphrase": "pass"}));
    let me = shell.ok("exchange_identity_rename", json!({"name": "Алматы, орталық кеңсе"}));
    assert_eq!(me["name"], "Алматы, орталық кеңсе");
    assert_eq!(me["fingerprint"].as_str().unwrap().len(), 29);

    // A correspondent's vault, made with the core.
    let mut corr = Vault::create(&dir.path().join("c.kuzet"), &Passphrase::new("c-pass")).unwrap();
    corr.set_identity_name("Шымкент тілшісі").unwrap();
    corr.add_peer(me["public"].as_str().unwrap(), PeerRole::Headquarters, chrono::Utc::now()).unwrap();
    let case: kuzet_core::case::CaseData = serde_json::from_value(json!({
        "event_date": "2024-05-14", "category": "journalists.obstruction",
        "title": "Тілшіге сот ғимаратына кіруге рұқсат берілмеді",
        "victim": {"kind": "journalist", "name": "Asem Kurmangazykyzy", "outlet": "Ozekti"},
        "region": "almaty_city", "summary": "Алматы қалалық сотында тілші сот отырысына жіберілмеді."
    }))
    .unwrap();
    corr.insert_case(case, chrono::Utc::now()).unwrap();

    let theirs = corr.identity().unwrap().encode();
    let preview = shell.ok("exchange_peer_read", json!({"text": format!("  {theirs}\n"), "path": null}));
    assert_eq!(preview["name"], "Шымкент тілшісі");
    assert_eq!(preview["fingerprint"], corr.identity().unwrap().fingerprint().0);
    assert_eq!(shell.err_code("exchange_peer_read", json!({"text": "kuzet-id1:abc", "path": null})), "Validation");
    let peer = shell.ok("exchange_peer_add", json!({"text": theirs, "role": "correspondent"}));
    assert_eq!(peer["role"], "correspondent");
    assert_eq!(shell.ok("exchange_peers", json!({})).as_array().unwrap().len(), 1);

    corr.export_bundle("Алматы, орталық кеңсе", &incoming, false, chrono::Utc::now()).unwrap();
    let picked = shell.ok("pick_exchange_paths", json!({"identity": false}));
    assert_eq!(picked[0], incoming.display().to_string());
    let dry = shell.ok("exchange_bundle_import", json!({"path": picked[0], "dryRun": true}));
    assert_eq!(dry["applied"], false);
    assert_eq!(dry["sender"], "Шымкент тілшісі");
    assert_eq!(dry["changes"][0]["outcome"], "created");
    assert_eq!(shell.ok("cases_find", json!({"filter": {}, "offset": 0, "limit": 10}))["total"], 0);
    let done = shell.ok("exchange_bundle_import", json!({"path": picked[0], "dryRun": false}));
    assert_eq!(done["applied"], true);
    assert_eq!(shell.ok("cases_find", json!({"filter": {}, "offset": 0, "limit": 10}))["total"], 1);

    // A changed byte is refused with its own code; nothing changes.
    let mut bytes = std::fs::read(&incoming).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 4;
    let bad = dir.path().join("bad.kuzetbundle");
    std::fs::write(&bad, bytes).unwrap();
    assert_eq!(shell.err_code("exchange_bundle_import", json!({"path": bad, "dryRun": false})), "BundleTampered");

    // The same event entered here too: a duplicate pair, merged.
    let here = shell.ok("case_create", json!({"data": kazakh_case()}));
    let dups = shell.ok("duplicates_list", json!({"from": "2024-05-01", "to": "2024-05-31", "caseId": null}));
    assert_eq!(dups.as_array().unwrap().len(), 1, "{dups}");
    assert!(dups[0]["reasons"].as_array().unwrap().iter().any(|r| r["kind"] == "sameVictim"), "{dups}");
    let keep = here["id"].as_str().unwrap();
    let other = if dups[0]["case"]["id"] == keep { &dups[0]["other"]["id"] } else { &dups[0]["case"]["id"] };
    shell.ok("duplicate_merge", json!({"keepId": keep, "duplicateId": other}));
    assert_eq!(shell.ok("cases_find", json!({"filter": {}, "offset": 0, "limit": 10}))["total"], 1);
    assert!(shell
        .ok("duplicates_list", json!({"from": null, "to": null, "caseId": null}))
        .as_array()
        .unwrap()
        .is_empty());

    // A bundle back to the correspondent.
    let out = dir.path().join("back.kuzetbundle");
    let fp = peer["identity"]["fingerprint"].as_str().unwrap();
    let sent = shell.ok("exchange_bundle_export", json!({"fingerprint": fp, "path": out, "full": false}));
    assert_eq!(sent["taxonomy"], true);
    assert!(out.is_file());
    assert!(shell.ok("exchange_held", json!({})).as_array().unwrap().is_empty());
    let id_file = dir.path().join("me.kuzetid");
    shell.ok("exchange_identity_save", json!({"path": id_file}));
    assert_eq!(std::fs::read_to_string(&id_file).unwrap().trim(), me["public"]);
}
