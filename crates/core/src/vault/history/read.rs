//! Reading the history back: entries of a case or after a sequence number,
//! a case as it was, erasure of purged cases' payloads, and checking the
//! chain (see the parent module for how entries are sealed).

use super::*;

const ENTRY_COLS: &str = "seq, at, actor, source, entity, entity_id, case_id, action, payload, payload_sha256, \
                          prev_hash, hash";

struct RawEntry {
    seq: i64,
    at: i64,
    actor: String,
    source: String,
    entity: String,
    entity_id: String,
    case_id: Option<String>,
    action: String,
    payload: Option<String>,
    payload_sha256: String,
    prev_hash: String,
    hash: String,
}

fn raw_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawEntry> {
    Ok(RawEntry {
        seq: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        source: r.get(3)?,
        entity: r.get(4)?,
        entity_id: r.get(5)?,
        case_id: r.get(6)?,
        action: r.get(7)?,
        payload: r.get(8)?,
        payload_sha256: r.get(9)?,
        prev_hash: r.get(10)?,
        hash: r.get(11)?,
    })
}

impl RawEntry {
    fn sealed(&self) -> Sealed<'_> {
        Sealed {
            seq: self.seq,
            at: self.at,
            actor: &self.actor,
            source: &self.source,
            entity: &self.entity,
            entity_id: &self.entity_id,
            case_id: self.case_id.as_deref().unwrap_or(""),
            action: &self.action,
            payload_sha256: &self.payload_sha256,
            prev_hash: &self.prev_hash,
        }
    }

    fn payload(&self) -> Option<Payload> {
        self.payload.as_deref().and_then(|p| serde_json::from_str(p).ok())
    }

    fn entry(&self) -> Option<HistoryEntry> {
        let payload = self.payload();
        let action = HistoryAction::parse(&self.action)?;
        let derived = matches!(action, HistoryAction::Created | HistoryAction::Restored);
        Some(HistoryEntry {
            seq: u64::try_from(self.seq).ok()?,
            at: DateTime::from_timestamp_nanos(self.at),
            actor: self.actor.clone(),
            source: self.source.clone(),
            entity: Entity::parse(&self.entity)?,
            entity_id: self.entity_id.clone(),
            case_id: self.case_id.as_deref().and_then(|c| c.parse().ok()),
            action,
            erased: self.payload.is_none(),
            changes: payload
                .map(|p| match (p.changes.is_empty(), p.snapshot) {
                    (true, Some(whole)) if derived => diff(None, Some(&whole)),
                    (_, _) => p.changes,
                })
                .unwrap_or_default(),
            restorable: false,
            hash: self.hash.clone(),
        })
    }
}

fn entries_where<P: rusqlite::Params>(c: &Connection, cond: &str, params: P) -> Result<Vec<RawEntry>> {
    let err = || db("reading the history");
    let mut st = c.prepare(&format!("SELECT {ENTRY_COLS} FROM history WHERE {cond} ORDER BY seq")).map_err(err())?;
    let rows = st.query_map(params, raw_from_row).map_err(err())?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(err())
}

/// The case's own entries and those of its developments and attachments,
/// newest first, with [`HistoryEntry::restorable`] set.
pub(crate) fn for_case(c: &Connection, id: CaseId) -> Result<Vec<HistoryEntry>> {
    let raw = entries_where(c, "case_id = ?1", [id.to_string()])?;
    let mut out: Vec<HistoryEntry> = Vec::with_capacity(raw.len());
    let mut newest_version = true;
    for r in raw.iter().rev() {
        let Some(mut e) = r.entry() else { continue };
        let versioned = e.entity == Entity::Case
            && matches!(e.action, HistoryAction::Created | HistoryAction::Updated | HistoryAction::Restored)
            && r.payload().is_some_and(|p| p.snapshot.is_some());
        if versioned {
            e.restorable = !newest_version;
            newest_version = false;
        }
        out.push(e);
    }
    Ok(out)
}

/// The case `id` as recorded by entry `seq` (its JSON `CaseData`).
pub(crate) fn case_snapshot(c: &Connection, id: CaseId, seq: u64) -> Result<Option<(DateTime<Utc>, Value)>> {
    let raw = c
        .query_row(
            &format!("SELECT {ENTRY_COLS} FROM history WHERE seq = ?1 AND case_id = ?2 AND entity = 'case'"),
            rusqlite::params![seq as i64, id.to_string()],
            raw_from_row,
        )
        .optional()
        .map_err(db("reading the history"))?;
    Ok(raw.and_then(|r| Some((DateTime::from_timestamp_nanos(r.at), r.payload()?.snapshot?))))
}

/// Erases the payload of every entry of the case `id` (emptying the trash).
pub(crate) fn erase_case(c: &Connection, id: CaseId) -> Result<()> {
    c.execute("UPDATE history SET payload = NULL WHERE case_id = ?1 AND payload IS NOT NULL", [id.to_string()])
        .map_err(db("erasing a purged case from the history"))?;
    Ok(())
}

/// Walks the whole chain: entry count, erased count, head hash and the
/// first break.
pub(crate) fn verify_chain(c: &Connection) -> Result<(u64, u64, String, Option<ChainBreak>)> {
    let err = || db("reading the history");
    let mut st = c.prepare(&format!("SELECT {ENTRY_COLS} FROM history ORDER BY seq")).map_err(err())?;
    let mut rows = st.query([]).map_err(err())?;
    let (mut count, mut erased) = (0u64, 0u64);
    let mut prev = String::new();
    let mut expected_seq = 1i64;
    let mut first_break = None;
    while let Some(row) = rows.next().map_err(err())? {
        let r = raw_from_row(row).map_err(err())?;
        count += 1;
        if first_break.is_none() {
            first_break = check_entry(&r, expected_seq, &prev);
        }
        if r.payload.is_none() {
            erased += 1;
        }
        expected_seq = r.seq + 1;
        prev = r.hash;
    }
    Ok((count, erased, prev, first_break))
}

fn check_entry(r: &RawEntry, expected_seq: i64, prev: &str) -> Option<ChainBreak> {
    let seq = r.seq.max(0) as u64;
    let broken = |reason: String| Some(ChainBreak { seq, reason });
    if r.seq != expected_seq {
        return broken(format!("entry {expected_seq} is missing (entry {} follows entry {})", r.seq, expected_seq - 1));
    }
    if r.prev_hash != prev {
        return broken(format!("entry {} does not follow entry {}", r.seq, r.seq - 1));
    }
    if r.sealed().hash() != r.hash {
        return broken(format!("entry {} was changed after it was written", r.seq));
    }
    if let Some(p) = &r.payload {
        if sha256_hex(p.as_bytes()) != r.payload_sha256 {
            return broken(format!("the changes recorded by entry {} were altered", r.seq));
        }
    }
    if Entity::parse(&r.entity).is_none() || HistoryAction::parse(&r.action).is_none() {
        return broken(format!("entry {} names an unknown record or action", r.seq));
    }
    None
}

impl Vault {
    /// The history of the case `id` (its own entries and those of its
    /// developments and attachments), newest first. A case in the trash
    /// keeps its history.
    ///
    /// # Errors
    /// DB errors.
    pub fn case_history(&self, id: CaseId) -> Result<Vec<HistoryEntry>> {
        for_case(&self.conn, id)
    }

    /// Every entry after `seq` (0: all), oldest first: the vault's whole
    /// history, including the taxonomy's and the documents'.
    ///
    /// # Errors
    /// DB errors.
    pub fn history_after(&self, seq: u64) -> Result<Vec<HistoryEntry>> {
        let raw = entries_where(&self.conn, "seq > ?1", [seq as i64])?;
        Ok(raw.iter().filter_map(RawEntry::entry).collect())
    }

    /// Checks the whole history chain and re-hashes every attachment's
    /// stored bytes. Reads everything; writes nothing.
    ///
    /// # Errors
    /// DB errors (an unreadable page of a damaged file among them).
    pub fn verify(&self) -> Result<VerifyReport> {
        let (entries, erased, head, first_break) = verify_chain(&self.conn)?;
        let (attachments, attachment_problems) = crate::vault::attachments::verify_all(&self.conn)?;
        Ok(VerifyReport { entries, erased, head, first_break, attachments, attachment_problems })
    }
}
