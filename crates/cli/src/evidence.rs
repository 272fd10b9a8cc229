//! Evidence and accountability: attachments, the history, the trash and
//! the integrity check. Each opens the vault, calls the core, prints.

use crate::failure::Failure;
use crate::run::{check_out, open, open_read_only, print_json, Result};
use chrono::Utc;
use kuzet_core::case::{AttachmentId, CaseId};
use kuzet_core::month::local_time;
use kuzet_core::vault::{Attachment, FieldChange, HistoryEntry, Vault};
use serde_json::json;
use std::path::{Path, PathBuf};

/// The case named by `s`: its external ref, else its id; with `trash`, a
/// case in the trash counts too.
pub(crate) fn resolve(vault: &Vault, s: &str, trash: bool) -> Result<CaseId> {
    if let Some(c) = vault.case_by_ref(s)? {
        return Ok(c.id);
    }
    if let Ok(id) = s.parse::<CaseId>() {
        if vault.case(id).is_ok() {
            return Ok(id);
        }
    }
    if trash {
        let key = s.trim();
        let found = vault
            .trash()?
            .into_iter()
            .find(|t| t.case.id.to_string() == key || t.case.data.external_ref.as_deref() == Some(key));
        if let Some(t) = found {
            return Ok(t.case.id);
        }
    }
    let where_ = if trash { "in the vault or its trash" } else { "in the vault" };
    Err(Failure::Invalid(format!("no case with ref or id {s:?} {where_}")))
}

fn size_text(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 => format!("{:.1} GiB", b as f64 / (1u64 << 30) as f64),
        b if b >= 1 << 20 => format!("{:.1} MiB", b as f64 / (1u64 << 20) as f64),
        b if b >= 1 << 10 => format!("{:.1} KiB", b as f64 / 1024.0),
        b => format!("{b} B"),
    }
}

fn attachment_json(a: &Attachment) -> serde_json::Value {
    json!({
        "id": a.id.to_string(), "case_id": a.case_id.to_string(), "name": a.name,
        "media_type": a.media_type, "size": a.size, "sha256": a.sha256,
        "added_at": a.added_at.to_rfc3339(), "added_at_almaty": local_time(a.added_at), "added_by": a.added_by,
    })
}

pub fn attach(path: &Path, case: &str, files: &[PathBuf]) -> Result {
    let (mut vault, _) = open(path)?;
    let id = resolve(&vault, case, false)?;
    let added = vault.add_attachments(id, files, Utc::now())?;
    for a in &added {
        println!("Attached {} ({}, {}), SHA-256 {}.", a.name, a.media_type, size_text(a.size), a.sha256);
    }
    Ok(())
}

pub fn attachments(path: &Path, case: &str, as_json: bool) -> Result {
    let vault = open_read_only(path)?;
    let id = resolve(&vault, case, true)?;
    let list = vault.attachments(id)?;
    if as_json {
        return print_json(&list.iter().map(attachment_json).collect::<Vec<_>>());
    }
    if list.is_empty() {
        println!("No attachments.");
    }
    for (i, a) in list.iter().enumerate() {
        let by = if a.added_by.is_empty() { String::new() } else { format!(" by {}", a.added_by) };
        println!(
            "{}. {}  {}  {}  SHA-256 {}  added {} (Almaty){by}",
            i + 1,
            a.name,
            a.media_type,
            size_text(a.size),
            a.sha256,
            local_time(a.added_at)
        );
    }
    Ok(())
}

pub fn extract(path: &Path, case: &str, which: &str, out: &Path, force: bool, strip: bool) -> Result {
    check_out(path, out, force)?;
    let vault = open_read_only(path)?;
    let id = resolve(&vault, case, true)?;
    let list = vault.attachments(id)?;
    let by_number = which.parse::<usize>().ok().and_then(|n| n.checked_sub(1)).and_then(|i| list.get(i));
    let by_id = which.parse::<AttachmentId>().ok().and_then(|a| list.iter().find(|x| x.id == a));
    let by_name = || {
        let named: Vec<&Attachment> = list.iter().filter(|a| a.name == which).collect();
        match named.as_slice() {
            [one] => Ok(Some(*one)),
            [] => Ok(None),
            _ => Err(Failure::Invalid(format!("{} attachments are named {which:?}: give its number", named.len()))),
        }
    };
    let a = match by_number.or(by_id) {
        Some(a) => a,
        None => by_name()?.ok_or_else(|| Failure::Invalid(format!("the case has no attachment {which:?}")))?,
    };
    let done = if strip {
        vault.extract_attachment_for_publication(a.id, out)?
    } else {
        vault.extract_attachment(a.id, out)?
    };
    if done.metadata_stripped {
        println!(
            "Wrote {} ({}) without EXIF/XMP metadata; the stored original (SHA-256 {}) verified and unchanged.",
            out.display(),
            size_text(done.size),
            done.sha256
        );
    } else {
        println!("Wrote {} ({}); SHA-256 {} verified.", out.display(), size_text(done.size), done.sha256);
    }
    Ok(())
}

fn entry_json(e: &HistoryEntry) -> serde_json::Value {
    json!({
        "seq": e.seq, "at": e.at.to_rfc3339(), "at_almaty": local_time(e.at), "actor": e.actor,
        "source": e.source, "entity": e.entity.as_str(), "entity_id": e.entity_id, "action": e.action.as_str(),
        "changes": e.changes, "erased": e.erased, "restorable": e.restorable, "hash": e.hash,
    })
}

pub fn history(path: &Path, case: &str, as_json: bool, restore: Option<u64>) -> Result {
    if let Some(seq) = restore {
        let (mut vault, _) = open(path)?;
        let id = resolve(&vault, case, false)?;
        let restored = vault.restore_case_version(id, seq, Utc::now())?;
        println!("Restored version {seq} of {:?} as a new change.", restored.data.title);
        return Ok(());
    }
    let vault = open_read_only(path)?;
    let id = resolve(&vault, case, true)?;
    let entries = vault.case_history(id)?;
    if as_json {
        return print_json(&entries.iter().map(entry_json).collect::<Vec<_>>());
    }
    if entries.is_empty() {
        println!("No history recorded (the case was made before Kuzet kept one).");
    }
    for e in &entries {
        let by = if e.actor.is_empty() { "—" } else { e.actor.as_str() };
        let version = if e.restorable { "  [restorable: --restore SEQ]" } else { "" };
        println!(
            "#{} {} (Almaty)  {by}  via {}  {} {}{version}",
            e.seq,
            local_time(e.at),
            e.source,
            e.action.as_str(),
            e.entity.as_str()
        );
        if e.erased {
            println!("    (content erased when the trash was emptied)");
        }
        for c in &e.changes {
            let show = |v: Option<&serde_json::Value>| FieldChange::text(v).unwrap_or_else(|| "∅".into());
            println!("    {}: {} → {}", c.field, show(c.old.as_ref()), show(c.new.as_ref()));
        }
    }
    Ok(())
}

pub fn verify(path: &Path, as_json: bool) -> Result {
    let vault = open_read_only(path)?;
    let report = vault.verify()?;
    if as_json {
        print_json(&json!({
            "ok": report.ok(), "entries": report.entries, "erased": report.erased, "head": report.head,
            "first_break": report.first_break, "attachments": report.attachments,
            "attachment_problems": report.attachment_problems,
        }))?;
    } else {
        println!(
            "History: {} entries ({} erased by emptying the trash), head {}.",
            report.entries,
            report.erased,
            if report.head.is_empty() { "—" } else { &report.head }
        );
        match &report.first_break {
            None => println!("The chain holds: no entry was changed, removed or reordered."),
            Some(b) => println!("BROKEN at entry {}: {}.", b.seq, b.reason),
        }
        println!("Attachments: {} re-hashed, {} do not match.", report.attachments, report.attachment_problems.len());
        for p in &report.attachment_problems {
            println!("  {} (case {}): {}", p.name, p.case_id, p.problem);
        }
    }
    if report.ok() {
        Ok(())
    } else {
        Err(Failure::Corrupt("the vault does not verify (see above)".into()))
    }
}

pub fn delete(path: &Path, case: &str) -> Result {
    let (mut vault, _) = open(path)?;
    let id = resolve(&vault, case, false)?;
    let title = vault.case(id)?.data.title;
    vault.delete_case(id)?;
    println!("Moved {title:?} to the trash (`kuzet trash --restore {case}` puts it back).");
    Ok(())
}

pub fn trash(path: &Path, restore: &[String], empty: bool, yes: bool) -> Result {
    if empty && !yes {
        return Err(Failure::Usage(
            "--empty removes every case in the trash for good, with its attachments; add --yes to confirm".into(),
        ));
    }
    if empty || !restore.is_empty() {
        let (mut vault, _) = open(path)?;
        if empty {
            let n = vault.empty_trash(Utc::now())?;
            println!("Emptied the trash: {n} case(s) removed for good.");
            return Ok(());
        }
        for r in restore {
            let id = resolve(&vault, r, true)?;
            let case = vault.restore_from_trash(id, Utc::now())?;
            println!("Restored {:?}.", case.data.title);
        }
        return Ok(());
    }
    let vault = open_read_only(path)?;
    let list = vault.trash()?;
    if list.is_empty() {
        println!("The trash is empty.");
    }
    for t in &list {
        let r = t.case.data.external_ref.as_deref().unwrap_or("—");
        println!(
            "{}  {}  {}  deleted {} (Almaty){}  {} development(s), {} attachment(s)  id {}",
            t.case.data.event_date,
            r,
            t.case.data.title,
            local_time(t.deleted_at),
            if t.deleted_by.is_empty() { String::new() } else { format!(" by {}", t.deleted_by) },
            t.developments,
            t.attachments,
            t.case.id
        );
    }
    Ok(())
}
