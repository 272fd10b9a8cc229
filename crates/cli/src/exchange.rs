//! Exchange between vaults and duplicate cases: `identity`, `peers`,
//! `bundle`, `held`, `duplicates`. Each opens the vault, calls the core,
//! prints.

use crate::evidence::resolve;
use crate::failure::Failure;
use crate::run::{check_out, open, open_read_only, print_json, tell_removed, Result};
use chrono::Utc;
use kuzet_core::duplicates::Reason;
use kuzet_core::exchange::PublicIdentity;
use kuzet_core::month::{local_time, Month};
use kuzet_core::vault::{BundleReport, DuplicateCandidate, LinkKind, Outcome, PeerRole, Resolution};
use serde_json::json;
use std::path::{Path, PathBuf};

fn identity_json(p: &PublicIdentity) -> serde_json::Value {
    json!({ "name": p.name, "fingerprint": p.fingerprint().0, "public": p.encode() })
}

/// `identity show|export|name`.
pub fn identity(path: &Path, export: Option<&Path>, force: bool, name: Option<&str>, as_json: bool) -> Result {
    if let Some(name) = name {
        let (mut vault, _) = open(path)?;
        let me = vault.set_identity_name(name)?;
        println!("This vault is now called {:?}; its fingerprint stays {}.", me.name, me.fingerprint());
        return Ok(());
    }
    let vault = open_read_only(path)?;
    let me = vault.identity()?;
    if let Some(out) = export {
        check_out(vault.path(), out, force)?;
        let removed = kuzet_core::transfer::write_file_atomically(out, format!("{}\n", me.encode()).as_bytes())
            .map_err(|e| Failure::Other(format!("writing {}: {e}", out.display())))?;
        tell_removed(&removed);
        println!("Wrote the public identity of {:?} to {}.", me.name, out.display());
        println!("Fingerprint: {}  (the other side compares it with you by phone)", me.fingerprint());
        return Ok(());
    }
    if as_json {
        return print_json(&identity_json(&me));
    }
    println!("Name:        {}", me.name);
    println!("Fingerprint: {}", me.fingerprint());
    println!("Public identity (give this line to the other vault):");
    println!("{}", me.encode());
    Ok(())
}

/// Reads an identity argument: a file holding one, or the text itself.
fn identity_text(arg: &str) -> Result<String> {
    let p = PathBuf::from(arg);
    let looks_like_text =
        arg.trim_start().trim_start_matches('\u{feff}').starts_with(kuzet_core::exchange::identity::PUBLIC_PREFIX);
    if !looks_like_text && p.exists() && !p.is_file() {
        return Err(Failure::Invalid(format!(
            "{} is not a file; give the identity file or its kuzet-id1:… text",
            p.display()
        )));
    }
    if !looks_like_text && !p.exists() {
        return Err(Failure::Invalid(format!(
            "there is no file {}, and it is not an identity text (kuzet-id1:…)",
            p.display()
        )));
    }
    if !looks_like_text {
        let meta = std::fs::metadata(&p).map_err(|e| Failure::Invalid(format!("cannot read {}: {e}", p.display())))?;
        if meta.len() > 64 << 10 {
            return Err(Failure::Invalid(format!("{} is too large to be a Kuzet identity", p.display())));
        }
        return std::fs::read_to_string(&p).map_err(|e| Failure::Invalid(format!("cannot read {}: {e}", p.display())));
    }
    Ok(arg.to_string())
}

/// `peers add IDENTITY --role … (--fingerprint DIGITS | --yes)`.
pub fn peers_add(path: &Path, identity: &str, role: &str, fingerprint: Option<&str>, yes: bool) -> Result {
    let role = PeerRole::parse(role)
        .ok_or_else(|| Failure::Usage(format!("--role {role:?}: use headquarters (hq) or correspondent")))?;
    let text = identity_text(identity)?;
    let peer = PublicIdentity::parse(&text)?;
    let fp = peer.fingerprint();
    match fingerprint {
        Some(given) => {
            let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
            if digits(given) != digits(&fp.0) {
                return Err(Failure::Refused(format!(
                    "the fingerprint of {:?} is {fp}, not {given}: do not add it; ask the other side for its identity again",
                    peer.name
                )));
            }
        }
        None if !yes => {
            return Err(Failure::Usage(format!(
                "compare the fingerprint of {:?} with the other side by phone: {fp}\n\
                 then run again with --fingerprint \"{fp}\" (or --yes once compared)",
                peer.name
            )))
        }
        None => {}
    }
    let (mut vault, _) = open(path)?;
    let added = vault.add_peer(&text, role, Utc::now())?;
    println!("Added {:?} as {} (fingerprint {}).", added.identity.name, added.role.as_str(), added.fingerprint);
    Ok(())
}

/// `peers list`.
pub fn peers_list(path: &Path, as_json: bool) -> Result {
    let vault = open_read_only(path)?;
    let peers = vault.peers()?;
    if as_json {
        let list: Vec<_> = peers
            .iter()
            .map(|p| {
                json!({ "name": p.identity.name, "fingerprint": p.fingerprint.0, "role": p.role.as_str(),
                        "added_at": p.added_at.to_rfc3339(), "sent_at": p.sent_at.map(|t| t.to_rfc3339()) })
            })
            .collect();
        return print_json(&list);
    }
    if peers.is_empty() {
        println!("No peers yet: `kuzet peers add` adds one.");
    }
    for p in &peers {
        let sent = p
            .sent_at
            .map_or_else(|| "nothing sent yet".to_string(), |t| format!("last bundle {} (Almaty)", local_time(t)));
        println!("{}  {}  {}  {sent}", p.fingerprint, p.role.as_str(), p.identity.name);
    }
    Ok(())
}

/// `peers remove PEER`.
pub fn peers_remove(path: &Path, peer: &str) -> Result {
    let (mut vault, _) = open(path)?;
    let gone = vault.remove_peer(peer)?;
    println!("Removed {:?}; its bundles are no longer accepted. What it sent stays.", gone.identity.name);
    Ok(())
}

/// `bundle export --to PEER --out FILE`.
pub fn bundle_export(path: &Path, to: &str, out: &Path, full: bool, force: bool) -> Result {
    let (mut vault, _) = open(path)?;
    check_out(vault.path(), out, force)?;
    let done = vault.export_bundle(to, out, full, Utc::now())?;
    tell_removed(&done.removed);
    println!(
        "Wrote {} ({} bytes, encrypted for {to:?}): {} case(s) new or changed, {} deleted, {} development(s), {} attachment(s){}.",
        out.display(),
        done.bytes,
        done.cases,
        done.deletions,
        done.developments,
        done.attachments,
        if done.taxonomy { ", the taxonomy" } else { "" }
    );
    Ok(())
}

fn outcome_text(o: &Outcome) -> String {
    match o {
        Outcome::Created => "new".into(),
        Outcome::Updated => "updated".into(),
        Outcome::Deleted => "deleted".into(),
        Outcome::Restored => "restored from the trash".into(),
        Outcome::Unchanged => "already here".into(),
        Outcome::Held { reason, detail } => format!(
            "HELD ({}): {detail}",
            serde_json::to_value(reason).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
        ),
    }
}

fn report_json(r: &BundleReport) -> serde_json::Value {
    json!({
        "id": r.id, "sender": r.sender, "sender_fingerprint": r.sender_fingerprint.0,
        "created_at": r.created_at.to_rfc3339(), "seen_before": r.seen_before, "applied": r.applied,
        "taxonomy_updated": r.taxonomy_updated, "taxonomy_refused": r.taxonomy_refused,
        "missing_before": r.missing_before,
        "changes": r.changes.iter().map(|c| json!({
            "entity": c.entity.as_str(), "id": c.id, "case_id": c.case_id.to_string(), "title": c.title,
            "outcome": serde_json::to_value(&c.outcome).unwrap_or_default(),
        })).collect::<Vec<_>>(),
    })
}

/// `bundle import FILE… [--dry-run]`: each file in order, each all or
/// nothing; the first refused file stops the run.
pub fn bundle_import(path: &Path, files: &[PathBuf], dry_run: bool, as_json: bool) -> Result {
    let (mut vault, _) = open(path)?;
    let mut reports = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let before = if i > 0 && !dry_run {
            format!(" (the {i} file(s) before it were applied; the ones after it were not tried)")
        } else if i + 1 < files.len() {
            " (the files after it were not tried)".to_string()
        } else {
            String::new()
        };
        let r = vault.import_bundle(file, dry_run, Utc::now()).map_err(|e| match Failure::from(e) {
            Failure::Refused(m) => Failure::Refused(format!("{}: {m}{before}", file.display())),
            Failure::Other(m) => Failure::Other(format!("{}: {m}{before}", file.display())),
            other => other,
        })?;
        if !as_json {
            let verb = if dry_run { "would change" } else { "changed" };
            let changed = r.count(|o| !matches!(o, Outcome::Unchanged | Outcome::Held { .. }));
            let held = r.count(|o| matches!(o, Outcome::Held { .. }));
            println!(
                "{}: from {:?} (fingerprint {}), made {} (Almaty){}; {verb} {changed} record(s), {held} held.",
                file.display(),
                r.sender,
                r.sender_fingerprint,
                local_time(r.created_at),
                if r.seen_before { ", applied here before" } else { "" }
            );
            if let Some(seq) = r.missing_before {
                println!(
                    "  WARNING: a bundle {:?} made before this one has not been applied here (its changes up to #{seq} are missing): ask for `bundle export --full`",
                    r.sender
                );
            }
            for c in r.changes.iter().filter(|c| c.outcome != Outcome::Unchanged) {
                let of = if c.entity == kuzet_core::vault::Entity::Case {
                    String::new()
                } else {
                    format!(" of case {}", c.case_id)
                };
                println!("  {} {}{of} {:?}: {}", c.entity.as_str(), c.id, c.title, outcome_text(&c.outcome));
            }
            if r.taxonomy_updated {
                println!("  the taxonomy was updated from headquarters");
            }
            if let Some(why) = &r.taxonomy_refused {
                println!("  the taxonomy in it was not taken: {why}");
            }
        }
        reports.push(r);
    }
    if as_json {
        return print_json(&reports.iter().map(report_json).collect::<Vec<_>>());
    }
    if dry_run {
        println!("Dry run: nothing was written.");
    }
    Ok(())
}

/// `held [--keep SEQ | --take SEQ | --fields SEQ --field F…]`.
pub fn held(
    path: &Path,
    keep: Option<u64>,
    take: Option<u64>,
    fields: Option<u64>,
    field: &[String],
    as_json: bool,
) -> Result {
    let settle = keep
        .map(|s| (s, Resolution::KeepOurs))
        .or(take.map(|s| (s, Resolution::TakeTheirs)))
        .or(fields.map(|s| (s, Resolution::Fields(field.to_vec()))));
    if let Some((seq, resolution)) = settle {
        let (mut vault, _) = open(path)?;
        vault.resolve_held(seq, resolution, Utc::now())?;
        println!("Settled held version {seq}.");
        return Ok(());
    }
    let vault = open_read_only(path)?;
    let list = vault.held()?;
    if as_json {
        let j: Vec<_> = list
            .iter()
            .map(|h| json!({ "seq": h.seq, "entity": h.entity.as_str(), "entity_id": h.entity_id, "case_id": h.case_id.to_string(),
                "peer": h.peer, "reason": serde_json::to_value(h.reason).unwrap_or_default(), "detail": h.detail, "title": h.title,
                "changes": h.changes.iter().map(|c| json!({"field": c.field, "ours": c.old, "theirs": c.new})).collect::<Vec<_>>() }))
            .collect();
        return print_json(&j);
    }
    if list.is_empty() {
        println!("Nothing is held.");
    }
    for h in &list {
        println!("{}. {} {:?} from {}: {}", h.seq, h.entity.as_str(), h.title, h.peer, h.detail);
        for c in &h.changes {
            let t = |v: &Option<serde_json::Value>| {
                kuzet_core::vault::FieldChange::text(v.as_ref()).unwrap_or_else(|| "—".into())
            };
            println!("     {}: here {}  |  theirs {}", c.field, t(&c.old), t(&c.new));
        }
    }
    Ok(())
}

fn reason_text(r: &Reason) -> String {
    match r {
        Reason::SameVictim { name } => format!("same victim ({name})"),
        Reason::SameOutlet { outlet } => format!("same outlet ({outlet})"),
        Reason::SimilarText { percent } => format!("similar text ({percent} %)"),
        Reason::CloseDates { days } => format!("{days} day(s) apart"),
        Reason::SameGroup { group } => format!("same group ({group})"),
        Reason::SameCategory => "same category".into(),
        Reason::SameRegion => "same region".into(),
    }
}

fn candidate_json(d: &DuplicateCandidate) -> serde_json::Value {
    let side = |c: &kuzet_core::case::Case| json!({ "id": c.id.to_string(), "ref": c.data.external_ref, "event_date": c.data.event_date.to_string(), "title": c.data.title });
    json!({ "case": side(&d.case), "other": side(&d.other), "score": d.score, "reasons": d.reasons })
}

/// `duplicates [--month M | --case C] [--merge KEEP DUP | --related A B | --dismiss A B]`.
pub fn duplicates(
    path: &Path,
    month: Option<Month>,
    case: Option<&str>,
    merge: &[String],
    related: &[String],
    dismiss: &[String],
    as_json: bool,
) -> Result {
    let decision = [(merge, None), (related, Some(LinkKind::Related)), (dismiss, Some(LinkKind::Dismissed))]
        .into_iter()
        .find(|(ids, _)| !ids.is_empty());
    if let Some((ids, kind)) = decision {
        let (mut vault, _) = open(path)?;
        let a = resolve(&vault, &ids[0], false)?;
        let b = resolve(&vault, &ids[1], false)?;
        match kind {
            None => {
                let kept = vault.merge_duplicate(a, b, Utc::now())?;
                println!(
                    "Merged {} into {:?}: one case, both sources kept; the other is in the trash as merged.",
                    ids[1], kept.data.title
                );
            }
            Some(k) => {
                vault.link_cases(a, b, k, Utc::now())?;
                println!(
                    "Recorded: {} and {} are {}; not proposed again.",
                    ids[0],
                    ids[1],
                    if k == LinkKind::Related { "related" } else { "not duplicates" }
                );
            }
        }
        return Ok(());
    }
    let vault = open_read_only(path)?;
    let list = match (case, month) {
        (Some(c), _) => vault.duplicates_of(resolve(&vault, c, false)?)?,
        (None, Some(m)) => vault.duplicate_candidates(Some((m.first_day(), m.last_day())))?,
        (None, None) => vault.duplicate_candidates(None)?,
    };
    if as_json {
        return print_json(&list.iter().map(candidate_json).collect::<Vec<_>>());
    }
    if list.is_empty() {
        println!("No likely duplicates.");
    }
    for d in &list {
        let name = |c: &kuzet_core::case::Case| c.data.external_ref.clone().unwrap_or_else(|| c.id.to_string());
        println!("{:>3}  {} {} {:?}", d.score, d.case.data.event_date, name(&d.case), d.case.data.title);
        println!("     {} {} {:?}", d.other.data.event_date, name(&d.other), d.other.data.title);
        println!("     {}", d.reasons.iter().map(reason_text).collect::<Vec<_>>().join("; "));
    }
    Ok(())
}
