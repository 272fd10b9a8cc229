//! Applying the records of one bundle: compare versions, write, hold, settle.

use super::*;

/// Applying the records of one bundle inside its transaction.
pub(super) struct Apply<'a> {
    pub(super) c: &'a Connection,
    pub(super) who: &'a Who<'a>,
    pub(super) now: DateTime<Utc>,
    /// The sender's fingerprint.
    pub(super) peer: &'a str,
    pub(super) taxonomy: &'a crate::taxonomy::Taxonomy,
    /// Whether anything from this peer is held (else those lookups are skipped).
    pub(super) any_held: bool,
}

/// The case `id` was merged into, if it was (and is still in the trash).
fn merged_into(c: &Connection, id: CaseId) -> Result<Option<CaseId>> {
    let into: Option<String> = c
        .prepare_cached("SELECT case_id FROM case_links WHERE other_id = ?1 AND kind = 'merged'")
        .and_then(|mut st| st.query_row([id.to_string()], |r| r.get(0)).optional())
        .map_err(db("reading the case links"))?;
    Ok(into.and_then(|s| s.parse().ok()).map(CaseId))
}

/// Whether anything from `peer` is held.
pub(super) fn any_held(c: &Connection, peer: &str) -> Result<bool> {
    c.query_row("SELECT EXISTS (SELECT 1 FROM exchange_held WHERE peer = ?1)", [peer], |r| r.get(0))
        .map_err(db("reading the held versions"))
}

/// The problems of refused content as one line.
pub(super) fn problems_text(e: &crate::case::ValidationErrors) -> String {
    e.0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}

impl Apply<'_> {
    pub(super) fn title_here(&self, id: CaseId) -> String {
        store::case(self.c, id).ok().flatten().map(|c| c.data.title).unwrap_or_default()
    }

    pub(super) fn hold(
        &self,
        entity: Entity,
        id: &str,
        case_id: CaseId,
        reason: HeldReason,
        detail: String,
        item: &impl Serialize,
    ) -> Result<Outcome> {
        self.c
            .execute(
                "INSERT INTO exchange_held (entity, entity_id, case_id, peer, reason, detail, item, received_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (entity, entity_id, peer) DO UPDATE SET reason = excluded.reason, detail = excluded.detail,
                     item = excluded.item, received_at = excluded.received_at",
                rusqlite::params![
                    entity.as_str(),
                    id,
                    case_id.to_string(),
                    self.peer,
                    reason.as_str(),
                    detail,
                    to_json_text(item)?,
                    nanos(self.now)
                ],
            )
            .map_err(db("holding an incoming version"))?;
        Ok(Outcome::Held { reason, detail })
    }

    pub(super) fn unhold(&self, entity: Entity, id: &str) -> Result<()> {
        if !self.any_held {
            return Ok(());
        }
        self.c
            .execute(
                "DELETE FROM exchange_held WHERE entity = ?1 AND entity_id = ?2 AND peer = ?3",
                rusqlite::params![entity.as_str(), id, self.peer],
            )
            .map_err(db("applying the bundle"))?;
        Ok(())
    }

    /// Whether a version held from this peer already is (or includes) `rev`.
    pub(super) fn held_covers(&self, entity: Entity, id: &str, rev: &str) -> Result<bool> {
        if !self.any_held {
            return Ok(false);
        }
        let item: Option<String> = self
            .c
            .query_row(
                "SELECT item FROM exchange_held WHERE entity = ?1 AND entity_id = ?2 AND peer = ?3",
                rusqlite::params![entity.as_str(), id, self.peer],
                |r| r.get(0),
            )
            .optional()
            .map_err(db("reading the held versions"))?;
        #[derive(Deserialize)]
        struct Revs {
            rev: String,
            ancestors: Vec<String>,
        }
        Ok(item
            .and_then(|s| serde_json::from_str::<Revs>(&s).ok())
            .is_some_and(|h| h.rev == rev || h.ancestors.iter().any(|a| a == rev)))
    }

    pub(super) fn case_peer(&self, id: CaseId) -> Result<()> {
        self.c
            .prepare_cached("INSERT OR IGNORE INTO case_peers (case_id, peer) VALUES (?1, ?2)")
            .and_then(|mut st| st.execute([id.to_string(), self.peer.to_string()]))
            .map_err(db("applying the bundle"))?;
        Ok(())
    }

    /// Whether the incoming version is news and whether it includes the
    /// local one: `None` when already known (or held).
    pub(super) fn compare(&self, entity: Entity, id: &str, rev: &str, ancestors: &[String]) -> Result<Option<bool>> {
        if versions::knows(self.c, entity, id, rev)? || self.held_covers(entity, id, rev)? {
            return Ok(None);
        }
        let head = versions::head(self.c, entity, id)?;
        Ok(Some(head.is_none_or(|h| ancestors.contains(&h.rev))))
    }

    pub(super) fn case(&self, item: &CaseItem) -> Result<Outcome> {
        let id_s = item.id.to_string();
        self.case_peer(item.id)?;
        let Some(fast_forward) = self.compare(Entity::Case, &id_s, &item.rev, &item.ancestors)? else {
            return Ok(Outcome::Unchanged);
        };
        let here = store::case(self.c, item.id)?;
        if let Some(into) = merged_into(self.c, item.id)? {
            // Merged here: a change from the sender stays held, never
            // silently brings the duplicate back.
            let by = self.peer_name();
            let title = store::case(self.c, into)?.map(|c| c.data.title).unwrap_or_default();
            let what = if item.case.is_some() { "changed" } else { "deleted" };
            let detail = format!("merged here into «{title}»; {what} by {by} since");
            return self.hold(Entity::Case, &id_s, item.id, HeldReason::Conflict, detail, item);
        }
        if !fast_forward {
            let same = match (&item.case, &here) {
                (Some(a), Some(b)) => a.data == b.data,
                (None, None) => true,
                _ => false,
            };
            if same {
                versions::learn(
                    self.c,
                    Entity::Case,
                    &id_s,
                    std::iter::once(item.rev.as_str()).chain(item.ancestors.iter().map(String::as_str)),
                )?;
                return Ok(Outcome::Unchanged);
            }
            let by = self.peer_name();
            let detail = match (&item.case, &here) {
                (None, Some(_)) => format!("deleted by {by}, changed here since the last exchange"),
                (Some(_), None) => format!("changed by {by}, deleted here since the last exchange"),
                _ => format!("changed here and by {by} since the last exchange"),
            };
            return self.hold(Entity::Case, &id_s, item.id, HeldReason::Conflict, detail, item);
        }
        let outcome =
            match self.write_case(item.id, item.case.as_ref().map(|c| &c.data), here.as_ref(), item.case.as_ref())? {
                Ok(o) => o,
                Err((reason, detail)) => return self.hold(Entity::Case, &id_s, item.id, reason, detail, item),
            };
        versions::adopt(self.c, Entity::Case, &id_s, &item.rev, &item.ancestors, self.peer)?;
        self.unhold(Entity::Case, &id_s)?;
        Ok(outcome)
    }

    pub(super) fn peer_name(&self) -> String {
        self.c
            .query_row("SELECT name FROM peers WHERE fingerprint = ?1", [self.peer], |r| r.get(0))
            .unwrap_or_else(|_| self.peer.to_string())
    }

    /// Makes the case `id` have `content` (`None`: deleted), from its state
    /// `here`. `incoming` gives the creation time of a case new here. The
    /// inner error is content this vault refuses.
    pub(super) fn write_case(
        &self,
        id: CaseId,
        content: Option<&CaseData>,
        here: Option<&Case>,
        incoming: Option<&Case>,
    ) -> Result<std::result::Result<Outcome, (HeldReason, String)>> {
        let Some(data) = content else {
            if here.is_some() {
                trash::trash_in(self.c, self.who, self.now, id, HistoryAction::Trashed)?;
                return Ok(Ok(Outcome::Deleted));
            }
            return Ok(Ok(Outcome::Unchanged));
        };
        let mut data = data.clone();
        data.normalize();
        if let Err(e) = data.validate(self.taxonomy, here.map(|h| &h.data)) {
            return Ok(Err((HeldReason::Invalid, problems_text(&e))));
        }
        if let Some(r) = &data.external_ref {
            match store::ref_owner(self.c, r)? {
                Some(store::RefOwner::Case(other)) if other == id => {}
                Some(_) => {
                    return Ok(Err((HeldReason::RefTaken, format!("the ref {r:?} belongs to another record here"))))
                }
                None => {}
            }
        }
        match here {
            Some(old) => {
                let case = Case { id, data, created_at: old.created_at, updated_at: self.now };
                store::update_case(self.c, &case)?;
                records::record_case(self.c, self.who, self.now, &case, Some(&old.data), HistoryAction::Updated)?;
                Ok(Ok(Outcome::Updated))
            }
            None if trash::in_trash(self.c, id)? => match trash::restore_in(self.c, self.who, self.now, id, Some(data))
            {
                Ok(_) => Ok(Ok(Outcome::Restored)),
                Err(VaultError::DuplicateRef(r)) => {
                    Ok(Err((HeldReason::RefTaken, format!("the ref {r:?} belongs to another record here"))))
                }
                Err(e) => Err(e),
            },
            None => {
                let created_at = incoming.map_or(self.now, |c| c.created_at);
                let case = Case { id, data, created_at, updated_at: self.now };
                store::insert_case(self.c, &case)?;
                records::record_case(self.c, self.who, self.now, &case, None, HistoryAction::Created)?;
                Ok(Ok(Outcome::Created))
            }
        }
    }

    pub(super) fn development(&self, item: &DevelopmentItem) -> Result<Outcome> {
        let id_s = item.id.to_string();
        let Some(fast_forward) = self.compare(Entity::Development, &id_s, &item.rev, &item.ancestors)? else {
            return Ok(Outcome::Unchanged);
        };
        let here = store::development(self.c, item.id)?;
        if !fast_forward {
            let same = match (&item.development, &here) {
                (Some(a), Some(b)) => a.data == b.data,
                (None, None) => true,
                _ => false,
            };
            if same {
                versions::learn(
                    self.c,
                    Entity::Development,
                    &id_s,
                    std::iter::once(item.rev.as_str()).chain(item.ancestors.iter().map(String::as_str)),
                )?;
                return Ok(Outcome::Unchanged);
            }
            let by = self.peer_name();
            return self.hold(
                Entity::Development,
                &id_s,
                item.case_id,
                HeldReason::Conflict,
                format!("changed here and by {by} since the last exchange"),
                item,
            );
        }
        match self.write_development(
            item.id,
            item.case_id,
            item.development.as_ref().map(|d| &d.data),
            here.as_ref(),
            item.development.as_ref(),
        )? {
            Ok(outcome) => {
                versions::adopt(self.c, Entity::Development, &id_s, &item.rev, &item.ancestors, self.peer)?;
                self.unhold(Entity::Development, &id_s)?;
                Ok(outcome)
            }
            Err((reason, detail)) => self.hold(Entity::Development, &id_s, item.case_id, reason, detail, item),
        }
    }

    pub(super) fn write_development(
        &self,
        id: DevelopmentId,
        case_id: CaseId,
        content: Option<&DevelopmentData>,
        here: Option<&Development>,
        incoming: Option<&Development>,
    ) -> Result<std::result::Result<Outcome, (HeldReason, String)>> {
        let Some(data) = content else {
            if let Some(old) = here {
                records::remove_development_in(self.c, self.who, self.now, old)?;
                return Ok(Ok(Outcome::Deleted));
            }
            return Ok(Ok(Outcome::Unchanged));
        };
        if store::case_seq(self.c, case_id)?.is_none() {
            return Ok(Err((HeldReason::NoCase, format!("its case {case_id} is not in this vault"))));
        }
        let mut data = data.clone();
        data.normalize();
        if let Err(e) = data.validate() {
            return Ok(Err((HeldReason::Invalid, problems_text(&e))));
        }
        if let Some(r) = &data.external_ref {
            match store::ref_owner(self.c, r)? {
                Some(store::RefOwner::Development(other)) if other == id => {}
                Some(_) => {
                    return Ok(Err((HeldReason::RefTaken, format!("the ref {r:?} belongs to another record here"))))
                }
                None => {}
            }
        }
        match here {
            Some(old) => {
                let dev =
                    Development { id, case_id: old.case_id, data, created_at: old.created_at, updated_at: self.now };
                store::update_development(self.c, &dev)?;
                records::record_development(self.c, self.who, self.now, &dev, Some(&old.data), HistoryAction::Updated)?;
                Ok(Ok(Outcome::Updated))
            }
            None => {
                let created_at = incoming.map_or(self.now, |d| d.created_at);
                let dev = Development { id, case_id, data, created_at, updated_at: self.now };
                store::insert_development(self.c, &dev)?;
                records::record_development(self.c, self.who, self.now, &dev, None, HistoryAction::Created)?;
                Ok(Ok(Outcome::Created))
            }
        }
    }

    pub(super) fn attachment(&self, item: &AttachmentItem, rest: &mut impl std::io::Read) -> Result<Outcome> {
        let here = attachments::find_in(self.c, item.id)?;
        let id_s = item.id.to_string();
        let Some(file) = &item.file else {
            if here.is_some() {
                attachments::remove_in(self.c, self.who, item.id, self.now)?;
                versions::mark_from(self.c, Entity::Attachment, &id_s, self.peer)?;
                return Ok(Outcome::Deleted);
            }
            return Ok(Outcome::Unchanged);
        };
        if file.size > attachments::MAX_ATTACHMENT_BYTES {
            return Err(VaultError::Bundle(BundleError::Tampered));
        }
        let mut bytes = std::io::Read::take(&mut *rest, file.size);
        let removed_here = versions::head(self.c, Entity::Attachment, &id_s)?.is_some();
        if here.is_some() || removed_here {
            // Known here (or removed here since): the bytes are read past,
            // and still checked.
            let mut sink = HashSink::default();
            std::io::copy(&mut bytes, &mut sink).map_err(|e| VaultError::Bundle(bundle::stream_error(e)))?;
            if sink.size != file.size || history::hex(&sha2::Digest::finalize(sink.hasher)) != file.sha256 {
                return Err(VaultError::Bundle(BundleError::Tampered));
            }
            return Ok(Outcome::Unchanged);
        }
        let intake = Intake { id: item.id, added_at: file.added_at, added_by: &file.added_by };
        let mut reader = StreamErr { inner: bytes, error: None };
        let added =
            attachments::add_in(self.c, self.who, item.case_id, &file.name, &mut reader, self.now, Some(intake));
        if let Some(e) = reader.error {
            return Err(VaultError::Bundle(e));
        }
        let added = added?;
        if added.size != file.size || added.sha256 != file.sha256 {
            return Err(VaultError::Bundle(BundleError::Tampered));
        }
        versions::mark_from(self.c, Entity::Attachment, &id_s, self.peer)?;
        Ok(Outcome::Created)
    }

    /// Settles a held case: `content` `None` keeps the local version;
    /// `Some(None)` deletes it; `Some(Some(data))` writes `data`.
    pub(super) fn settle_case(&self, item: &CaseItem, content: Option<Option<CaseData>>) -> Result<()> {
        let id_s = item.id.to_string();
        let here = store::case(self.c, item.id)?;
        match content {
            None => self.mark_resolved_case(item.id, here.as_ref())?,
            Some(content) => {
                let unchanged_local = content.as_ref() == here.as_ref().map(|h| &h.data);
                match self.write_case(item.id, content.as_ref(), here.as_ref(), item.case.as_ref())? {
                    Ok(_) if unchanged_local => self.mark_resolved_case(item.id, here.as_ref())?,
                    Ok(_) => {}
                    Err((_, detail)) => {
                        return Err(VaultError::Validation(crate::case::ValidationErrors::one(
                            crate::problem::Field::Category,
                            Problem::Invalid { message: detail },
                        )))
                    }
                }
            }
        }
        versions::learn(
            self.c,
            Entity::Case,
            &id_s,
            std::iter::once(item.rev.as_str()).chain(item.ancestors.iter().map(String::as_str)),
        )
    }

    /// A new local version equal in content (kept as it was): recorded as
    /// a resolution, so the next bundle to the sender carries it.
    pub(super) fn mark_resolved_case(&self, id: CaseId, here: Option<&Case>) -> Result<()> {
        let snapshot = here.map(|h| history::json(&h.data)).transpose()?;
        let action = if here.is_some() { HistoryAction::Updated } else { HistoryAction::Trashed };
        let change = history::Change {
            entity: Entity::Case,
            entity_id: id.to_string(),
            case_id: Some(id),
            action,
            changes: Vec::new(),
            snapshot,
        };
        history::append(self.c, self.who, self.now, change).map(|_| ())
    }

    pub(super) fn settle_development(
        &self,
        item: &DevelopmentItem,
        content: Option<Option<DevelopmentData>>,
    ) -> Result<()> {
        let id_s = item.id.to_string();
        let here = store::development(self.c, item.id)?;
        let keep = |this: &Self| -> Result<()> {
            let snapshot = here.as_ref().map(|h| history::json(&h.data)).transpose()?;
            let action = if here.is_some() { HistoryAction::Updated } else { HistoryAction::Removed };
            let change = history::Change {
                entity: Entity::Development,
                entity_id: id_s.clone(),
                case_id: Some(item.case_id),
                action,
                changes: Vec::new(),
                snapshot,
            };
            history::append(this.c, this.who, this.now, change).map(|_| ())
        };
        match content {
            None => keep(self)?,
            Some(content) => {
                let unchanged_local = content.as_ref() == here.as_ref().map(|h| &h.data);
                match self.write_development(
                    item.id,
                    item.case_id,
                    content.as_ref(),
                    here.as_ref(),
                    item.development.as_ref(),
                )? {
                    Ok(_) if unchanged_local => keep(self)?,
                    Ok(_) => {}
                    Err((_, detail)) => {
                        return Err(VaultError::Validation(crate::case::ValidationErrors::one(
                            crate::problem::Field::Title,
                            Problem::Invalid { message: detail },
                        )))
                    }
                }
            }
        }
        versions::learn(
            self.c,
            Entity::Development,
            &id_s,
            std::iter::once(item.rev.as_str()).chain(item.ancestors.iter().map(String::as_str)),
        )
    }
}

/// Counts and hashes bytes read past.
#[derive(Default)]
struct HashSink {
    hasher: sha2::Sha256,
    size: u64,
}

impl std::io::Write for HashSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        sha2::Digest::update(&mut self.hasher, buf);
        self.size += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A reader that remembers a decryption failure (the attachment intake
/// reports read errors as I/O; a bundle's are tampering or truncation).
struct StreamErr<R> {
    inner: R,
    error: Option<BundleError>,
}

impl<R: std::io::Read> std::io::Read for StreamErr<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self.inner.read(buf) {
            Err(e) => {
                self.error = Some(bundle::stream_error(std::io::Error::new(e.kind(), e.to_string())));
                Err(e)
            }
            ok => ok,
        }
    }
}
