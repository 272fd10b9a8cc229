//! Exporting a bundle of what a peer has not seen yet.

use super::*;

impl Vault {
    /// Writes a bundle for the peer `to` (name or fingerprint) to `out`:
    /// every case, development and attachment changed (made, edited,
    /// deleted) since the last bundle for it (all of them with `full`, or
    /// when none was sent yet), except versions that came from that peer.
    /// To a correspondent only the cases it already has go, with the
    /// taxonomy. Encrypted to the peer, signed by this vault, written
    /// through a partial file (a failure leaves no `out`); the peer's cursor
    /// moves only once the file is complete. The caller checks `out` with
    /// [`crate::transfer::check_output_path`] first.
    ///
    /// # Errors
    /// [`BundleError::UnknownPeer`], [`VaultError::Corrupt`] (an attachment
    /// that does not verify), I/O and DB errors.
    pub fn export_bundle(&mut self, to: &str, out: &Path, full: bool, now: DateTime<Utc>) -> Result<BundleExport> {
        let peer = find_peer(&self.conn, to)?;
        let me = local_identity(&self.conn)?;
        let manifest = self.bundle_manifest(&me, &peer, full, now)?;
        let mut summary = BundleExport {
            path: out.to_path_buf(),
            cases: manifest.cases.iter().filter(|c| c.case.is_some()).count() as u32,
            deletions: manifest.cases.iter().filter(|c| c.case.is_none()).count() as u32,
            developments: manifest.developments.len() as u32,
            attachments: manifest.attachments.len() as u32,
            taxonomy: manifest.taxonomy.is_some(),
            ..BundleExport::default()
        };
        let conn = &self.conn;
        let written = crate::transfer::write_atomically_with::<attachments::Failed>(out, |file| {
            let w = std::io::BufWriter::with_capacity(1 << 20, file);
            let mut w = bundle::seal::<_, attachments::Failed>(w, &me, &peer.identity, &manifest, |item, sink| {
                Ok(attachments::copy_bytes(conn, item.id, sink)?)
            })?;
            std::io::Write::flush(&mut w)?;
            Ok(())
        });
        summary.removed = written.map_err(|e| match e {
            attachments::Failed::Io(e) => io(format!("writing {}", out.display()))(e),
            attachments::Failed::Vault(e) => e,
        })?;
        summary.bytes = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
        let who = Who { actor: &self.actor, source: &self.source };
        let before = self.conn.total_changes();
        let tx = self.conn.transaction().map_err(db("recording the bundle"))?;
        tx.execute(
            "UPDATE peers SET sent_through = ?2, sent_at = ?3 WHERE fingerprint = ?1",
            rusqlite::params![peer.fingerprint.0, manifest.through_seq as i64, nanos(now)],
        )
        .map_err(db("recording the bundle"))?;
        {
            let mut st = tx
                .prepare_cached("INSERT OR IGNORE INTO case_peers (case_id, peer) VALUES (?1, ?2)")
                .map_err(db("recording the bundle"))?;
            for c in &manifest.cases {
                st.execute([c.id.to_string(), peer.fingerprint.0.clone()]).map_err(db("recording the bundle"))?;
            }
        }
        let json = serde_json::json!({
            "to": peer.identity.name, "fingerprint": peer.fingerprint.0,
            "cases": summary.cases, "deletions": summary.deletions, "developments": summary.developments,
            "attachments": summary.attachments, "through_seq": manifest.through_seq,
        });
        history::record(
            &tx,
            &who,
            now,
            Entity::Document,
            format!("bundles/sent/{}", manifest.id),
            None,
            HistoryAction::Created,
            None,
            Some(&json),
            false,
        )?;
        tx.commit().map_err(db("recording the bundle"))?;
        self.wrote_outside_cases(before);
        Ok(summary)
    }

    fn bundle_manifest(&self, me: &LocalIdentity, peer: &Peer, full: bool, now: DateTime<Utc>) -> Result<Manifest> {
        let c = &self.conn;
        let err = || db("collecting the bundle");
        let through: i64 = c.query_row("SELECT coalesce(max(seq), 0) FROM history", [], |r| r.get(0)).map_err(err())?;
        let since: i64 = if full || peer.sent_at.is_none() { -1 } else { peer.sent_through as i64 };
        let to_correspondent = peer.role == PeerRole::Correspondent;
        let mut st = c
            .prepare(
                "SELECT h.entity, h.entity_id, h.rev, h.case_id FROM record_heads h
                 WHERE h.seq > ?1 AND (?4 = 1 OR h.from_peer IS NULL OR h.from_peer <> ?2)
                   AND (?3 = 0 OR h.case_id IN (SELECT case_id FROM case_peers WHERE peer = ?2))
                   AND NOT (?3 = 1 AND EXISTS (SELECT 1 FROM case_links l WHERE l.kind = 'merged'
                                               AND (l.other_id = h.case_id OR l.case_id = h.case_id)))
                 ORDER BY h.seq",
            )
            .map_err(err())?;
        let rows = st
            .query_map(rusqlite::params![since, peer.fingerprint.0, to_correspondent as i64, full as i64], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
            })
            .map_err(err())?;
        let heads = rows.collect::<rusqlite::Result<Vec<_>>>().map_err(err())?;
        let parse =
            |s: &str| s.parse::<uuid::Uuid>().map_err(|_| VaultError::Corrupt { what: format!("record id {s:?}") });
        let mut m = Manifest {
            format: FORMAT,
            id: uuid::Uuid::new_v4().to_string(),
            created_at: now,
            sender: me.public(),
            recipient: peer.fingerprint.clone(),
            through_seq: through.max(0) as u64,
            since_seq: since.max(0) as u64,
            taxonomy: to_correspondent.then(|| self.taxonomy.clone()),
            cases: Vec::new(),
            developments: Vec::new(),
            attachments: Vec::new(),
        };
        for (entity, id, rev, case_id) in heads {
            let case_id = CaseId(parse(&case_id)?);
            match entity.as_str() {
                "case" => {
                    let ancestors = versions::ancestors(c, Entity::Case, &id, &rev)?;
                    let case = store::case(c, case_id)?;
                    m.cases.push(CaseItem { id: case_id, rev, ancestors, case });
                }
                "development" => {
                    let dev_id = DevelopmentId(parse(&id)?);
                    let development = store::development(c, dev_id)?;
                    if development.is_none() && store::case_seq(c, case_id)?.is_none() {
                        // Went with its case (to the trash): the case's item says so.
                        continue;
                    }
                    let ancestors = versions::ancestors(c, Entity::Development, &id, &rev)?;
                    m.developments.push(DevelopmentItem { id: dev_id, case_id, rev, ancestors, development });
                }
                _ => {
                    let att_id = AttachmentId(parse(&id)?);
                    let file = attachments::find_in(c, att_id)?.map(|a| AttachmentFile {
                        name: a.name,
                        media_type: a.media_type,
                        size: a.size,
                        sha256: a.sha256,
                        added_at: a.added_at,
                        added_by: a.added_by,
                    });
                    m.attachments.push(AttachmentItem { id: att_id, case_id, file });
                }
            }
        }
        Ok(m)
    }
}
