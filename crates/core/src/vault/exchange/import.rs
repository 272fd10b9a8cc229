//! Reading a bundle and applying it in one transaction (or previewing it).

use super::*;

impl Vault {
    /// Applies the bundle `file` in one transaction: all of it or, on any
    /// error, nothing. With `dry_run` the same work is done and rolled
    /// back: the report says what would change.
    ///
    /// The bundle must be for this vault and signed by a peer. Each record
    /// is merged by its versions: a version this vault has is skipped
    /// (applying a bundle twice, or an older one after a newer, changes
    /// nothing); one that includes the local version replaces it; one that
    /// does not is held as a conflict and the local version stays
    /// ([`Vault::held`]). Content this vault refuses (codes its taxonomy
    /// lacks, a ref taken) is held and reported, never dropped. A taxonomy
    /// is taken only from a peer added as headquarters. Recorded in the
    /// history with the source `bundle: <sender>`.
    ///
    /// # Errors
    /// [`VaultError::Bundle`]: `NotABundle`, `WrongRecipient`, `Tampered`,
    /// `Truncated`, `UntrustedSender`, `NewerFormat`; I/O and DB errors.
    pub fn import_bundle(&mut self, file: &Path, dry_run: bool, now: DateTime<Utc>) -> Result<BundleReport> {
        let me = local_identity(&self.conn)?;
        let f = std::fs::File::open(file).map_err(io(format!("opening {}", file.display())))?;
        let mut opened = bundle::open(f, &me)?;
        let sender_fp = opened.manifest.sender.fingerprint();
        let removed: Option<(String, i64)> = self
            .conn
            .query_row(
                "SELECT name, removed_at FROM peers WHERE fingerprint = ?1 AND removed_at IS NOT NULL",
                [&sender_fp.0],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(db("reading the peers"))?;
        if let Some((name, at)) = removed {
            let removed = crate::month::local_time(DateTime::from_timestamp_nanos(at));
            return Err(VaultError::Bundle(BundleError::RemovedPeer { name, removed }));
        }
        let peer = peer_by_fingerprint(&self.conn, &sender_fp)?.ok_or_else(|| {
            VaultError::Bundle(BundleError::UntrustedSender {
                name: opened.manifest.sender.name.clone(),
                fingerprint: sender_fp.clone(),
            })
        })?;
        let source = format!("bundle: {}", peer.identity.name);
        let who = Who { actor: &self.actor, source: &source };
        let tx = self.conn.transaction().map_err(db("applying the bundle"))?;
        let m = &opened.manifest;
        let seen_before: bool = tx
            .query_row("SELECT count(*) FROM bundles_received WHERE id = ?1", [&m.id], |r| r.get::<_, i64>(0))
            .map_err(db("applying the bundle"))?
            > 0;
        let mut report = BundleReport {
            id: m.id.clone(),
            sender: peer.identity.name.clone(),
            sender_fingerprint: sender_fp.clone(),
            created_at: m.created_at,
            seen_before,
            applied: !dry_run,
            changes: Vec::new(),
            taxonomy_updated: false,
            taxonomy_refused: None,
            missing_before: None,
        };
        let have_through: i64 = tx
            .query_row(
                "SELECT coalesce(max(through_seq), 0) FROM bundles_received WHERE peer = ?1",
                [&peer.fingerprint.0],
                |r| r.get(0),
            )
            .map_err(db("applying the bundle"))?;
        if m.since_seq > have_through.max(0) as u64 {
            report.missing_before = Some(m.since_seq);
        }
        let mut taxonomy = self.taxonomy.clone();
        if let Some(t) = &m.taxonomy {
            if peer.role != PeerRole::Headquarters {
                report.taxonomy_refused =
                    Some(format!("{} is a correspondent; only headquarters' taxonomy is taken", peer.identity.name));
            } else if t != &taxonomy {
                match store::check_taxonomy_keeps_used_codes(&tx, t) {
                    Ok(()) => {
                        let (old, new) = (history::json(&taxonomy)?, history::json(t)?);
                        store::write_taxonomy(&tx, t)?;
                        history::record(
                            &tx,
                            &who,
                            now,
                            Entity::Taxonomy,
                            "taxonomy".into(),
                            None,
                            HistoryAction::Updated,
                            Some(&old),
                            Some(&new),
                            false,
                        )?;
                        taxonomy = t.clone();
                        report.taxonomy_updated = true;
                    }
                    Err(e) => report.taxonomy_refused = Some(e.to_string()),
                }
            }
        }
        let any = any_held(&tx, &peer.fingerprint.0)?;
        let ctx = Apply { c: &tx, who: &who, now, peer: &peer.fingerprint.0, taxonomy: &taxonomy, any_held: any };
        for item in &m.cases {
            let title = item.case.as_ref().map(|c| c.data.title.clone()).unwrap_or_else(|| ctx.title_here(item.id));
            let outcome = ctx.case(item)?;
            report.changes.push(BundleChange {
                entity: Entity::Case,
                id: item.id.to_string(),
                case_id: item.id,
                title,
                outcome,
            });
        }
        for item in &m.developments {
            let title = match &item.development {
                Some(d) => d.data.title.clone(),
                None => store::development(&tx, item.id)?.map(|d| d.data.title).unwrap_or_default(),
            };
            let outcome = ctx.development(item)?;
            report.changes.push(BundleChange {
                entity: Entity::Development,
                id: item.id.to_string(),
                case_id: item.case_id,
                title,
                outcome,
            });
        }
        for item in &m.attachments {
            let outcome = ctx.attachment(item, &mut opened.rest)?;
            let title = item.file.as_ref().map(|f| f.name.clone()).unwrap_or_default();
            report.changes.push(BundleChange {
                entity: Entity::Attachment,
                id: item.id.to_string(),
                case_id: item.case_id,
                title,
                outcome,
            });
        }
        bundle::finish(&mut opened.rest)?;
        let applied = report.count(|o| !matches!(o, Outcome::Unchanged | Outcome::Held { .. }));
        let held = report.count(|o| matches!(o, Outcome::Held { .. }));
        tx.execute(
            "INSERT INTO bundles_received (id, peer, created_at, applied_at, since_seq, through_seq, applied, held)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (id) DO UPDATE SET applied_at = excluded.applied_at, applied = excluded.applied, held = excluded.held",
            rusqlite::params![
                m.id,
                peer.fingerprint.0,
                nanos(m.created_at),
                nanos(now),
                m.since_seq as i64,
                m.through_seq as i64,
                applied as i64,
                held as i64
            ],
        )
        .map_err(db("applying the bundle"))?;
        if dry_run {
            tx.rollback().map_err(db("applying the bundle"))?;
            return Ok(report);
        }
        tx.commit().map_err(db("applying the bundle"))?;
        self.taxonomy = taxonomy;
        *self.catalogue.get_mut() = None;
        Ok(report)
    }
}
