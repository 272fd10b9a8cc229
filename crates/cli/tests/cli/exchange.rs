//! `identity`, `peers`, `bundle`, `held` and `duplicates` through the
//! binary: a correspondent's May 2024 reaches headquarters whole, a changed
//! byte and an unconfirmed fingerprint are refused with exit 7.

use super::*;

fn fingerprint(d: &Dir) -> String {
    let out = d.kuzet(&["identity", "show", "--json"]).ok();
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    v["fingerprint"].as_str().unwrap().to_string()
}

/// Each side writes its identity and adds the other's, fingerprint compared.
fn pair(hq: &Dir, c: &Dir) {
    hq.kuzet(&["identity", "name", "Алматы, орталық кеңсе"]).ok();
    c.kuzet(&["identity", "name", "Шымкент тілшісі"]).ok();
    let hq_id = hq.path("hq.kuzetid");
    let c_id = c.path("c.kuzetid");
    hq.kuzet(&["identity", "export", "--out", hq_id.to_str().unwrap(), "--force"]).ok();
    c.kuzet(&["identity", "export", "--out", c_id.to_str().unwrap(), "--force"]).ok();
    let (hq_fp, c_fp) = (fingerprint(hq), fingerprint(c));
    c.kuzet(&["peers", "add", hq_id.to_str().unwrap(), "--role", "hq", "--fingerprint", &hq_fp]).ok();
    hq.kuzet(&["peers", "add", c_id.to_str().unwrap(), "--role", "correspondent", "--fingerprint", &c_fp]).ok();
}

#[test]
fn a_correspondents_month_reaches_headquarters_whole_and_once() {
    let hq = Dir::new();
    hq.kuzet(&["init"]).ok();
    let c = Dir::with_fixture();
    // Adding without comparing the fingerprint is refused; a wrong one too.
    let hq_id = hq.path("hq.kuzetid");
    hq.kuzet(&["identity", "export", "--out", hq_id.to_str().unwrap()]).ok();
    c.kuzet(&["peers", "add", hq_id.to_str().unwrap(), "--role", "hq"]).fails(2, &["compare the fingerprint"]);
    c.kuzet(&[
        "peers",
        "add",
        hq_id.to_str().unwrap(),
        "--role",
        "hq",
        "--fingerprint",
        "1234 5678 9012 3456 7890 1234",
    ])
    .fails(7, &["do not add it"]);
    pair(&hq, &c);
    let list = c.kuzet(&["peers", "list"]).ok();
    assert!(list.stdout.contains("headquarters  Алматы, орталық кеңсе"), "{}", list.stdout);

    let bundle = c.path("may.kuzetbundle");
    let run = c.kuzet(&["bundle", "export", "--to", "Алматы, орталық кеңсе", "--out", bundle.to_str().unwrap()]).ok();
    assert!(run.stdout.contains("case(s) new or changed"), "{}", run.stdout);
    let dry = hq.kuzet(&["bundle", "import", bundle.to_str().unwrap(), "--dry-run"]).ok();
    assert!(dry.stdout.contains("Dry run: nothing was written."), "{}", dry.stdout);
    assert_eq!(count(&hq.stats("2024-05"), "journalists", None), 0, "a dry run writes nothing");
    hq.kuzet(&["bundle", "import", bundle.to_str().unwrap()]).ok();
    assert_published_counts(&hq.stats("2024-05"));
    // Again: nothing changes.
    let again = hq.kuzet(&["bundle", "import", bundle.to_str().unwrap(), "--json"]).ok();
    let again: Value = serde_json::from_str(&again.stdout).unwrap();
    assert_eq!(again[0]["seen_before"], true);
    assert!(again[0]["changes"].as_array().unwrap().iter().all(|c| c["outcome"]["kind"] == "unchanged"));
    assert_published_counts(&hq.stats("2024-05"));
    // The next bundle holds only what changed since.
    let empty = c.path("none.kuzetbundle");
    let run = c.kuzet(&["bundle", "export", "--to", "Алматы, орталық кеңсе", "--out", empty.to_str().unwrap()]).ok();
    assert!(run.stdout.contains(": 0 case(s) new or changed, 0 deleted, 0 development(s)"), "{}", run.stdout);

    // A changed byte: exit 7, nothing written.
    let mut bytes = std::fs::read(&bundle).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 1;
    let bad = hq.file("bad.kuzetbundle", &bytes);
    hq.kuzet(&["bundle", "import", bad.to_str().unwrap()])
        .fails(7, &["bad.kuzetbundle", "changed or cut short after it was made"]);
    // A bundle for another vault.
    let other = Dir::new();
    other.kuzet(&["init"]).ok();
    other.kuzet(&["bundle", "import", bundle.to_str().unwrap()]).fails(7, &["for another vault"]);
    // No duplicates in one correspondent's month.
    let dups = hq.kuzet(&["duplicates", "--month", "2024-05", "--json"]).ok();
    let dups: Value = serde_json::from_str(&dups.stdout).unwrap();
    assert!(dups.as_array().unwrap().len() <= 2, "{dups}");
}

#[test]
fn a_conflict_is_held_and_settled_field_by_field() {
    let hq = Dir::new();
    hq.kuzet(&["init"]).ok();
    let c = Dir::with_fixture();
    pair(&hq, &c);
    let b1 = c.path("1.kuzetbundle");
    c.kuzet(&["bundle", "export", "--to", "Алматы, орталық кеңсе", "--out", b1.to_str().unwrap()]).ok();
    hq.kuzet(&["bundle", "import", b1.to_str().unwrap()]).ok();
    // Both sides edit the same case, through an import.
    let csv_hq = "ref,kind,event_date,category,title\n2024-05-J06,case,2024-05-06,journalists.obstruction,Недопуск журналиста (уточнено в Алматы)\n";
    let csv_c = "ref,kind,event_date,category,title,summary\n2024-05-J06,case,2024-05-06,journalists.obstruction,Недопуск журналиста,Журналиста не пустили на сессию\n";
    let stats_before = hq.stats("2024-05");
    let f = hq.file("hq.csv", csv_hq);
    hq.kuzet(&["import", f.to_str().unwrap()]).ok();
    let f = c.file("c.csv", csv_c);
    c.kuzet(&["import", f.to_str().unwrap()]).ok();
    let b2 = c.path("2.kuzetbundle");
    c.kuzet(&["bundle", "export", "--to", "Алматы, орталық кеңсе", "--out", b2.to_str().unwrap()]).ok();
    let run = hq.kuzet(&["bundle", "import", b2.to_str().unwrap()]).ok();
    assert!(run.stdout.contains("HELD (conflict)"), "{}", run.stdout);
    let held = hq.kuzet(&["held", "--json"]).ok();
    let held: Value = serde_json::from_str(&held.stdout).unwrap();
    let seq = held[0]["seq"].as_u64().unwrap().to_string();
    let fields: Vec<&str> =
        held[0]["changes"].as_array().unwrap().iter().map(|c| c["field"].as_str().unwrap()).collect();
    assert!(fields.contains(&"summary") && fields.contains(&"title"), "{fields:?}");
    hq.kuzet(&["held", "--fields", &seq, "--field", "summary"]).ok();
    assert_eq!(hq.kuzet(&["held"]).ok().stdout.trim(), "Nothing is held.");
    let found = hq.kuzet(&["search", "сессию", "--json"]).ok();
    assert!(
        found.stdout.contains("уточнено в Алматы"),
        "HQ's title with the correspondent's summary: {}",
        found.stdout
    );
    assert_eq!(hq.stats("2024-05"), stats_before, "a conflict never changes the counts");
}
