//! The vault's side of exchange ([`crate::exchange`]): its identity, its
//! peers, exporting a bundle of what a peer has not seen yet, and applying
//! a bundle in one transaction.

use super::attachments::{self, Intake};
use super::conn::{db, io};
use super::error::{Result, VaultError};
use super::history::{self, Entity, FieldChange, HistoryAction, Who};
use super::versions;
use super::{records, store, trash, Vault};
use crate::case::{AttachmentId, Case, CaseData, CaseId, Development, DevelopmentData, DevelopmentId};
use crate::exchange::bundle::{self, Manifest, FORMAT};
use crate::exchange::identity::{valid_name, LocalIdentity, MAX_NAME_CHARS};
use crate::exchange::{
    AttachmentFile, AttachmentItem, BundleError, CaseItem, DevelopmentItem, Fingerprint, PublicIdentity,
};
use crate::leftover::Removed;
use crate::problem::Problem;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The display name a new vault's identity gets until staff rename it.
pub const DEFAULT_IDENTITY_NAME: &str = "Kuzet vault";

/// What a peer is to this vault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PeerRole {
    /// Headquarters: receives everything; its taxonomy is taken.
    Headquarters,
    /// A correspondent: sent back only the cases it already has, and the
    /// taxonomy.
    Correspondent,
}

impl PeerRole {
    /// `headquarters` | `correspondent`.
    pub fn as_str(self) -> &'static str {
        match self {
            PeerRole::Headquarters => "headquarters",
            PeerRole::Correspondent => "correspondent",
        }
    }

    /// The role named `s` (`headquarters`/`hq`, `correspondent`).
    pub fn parse(s: &str) -> Option<PeerRole> {
        match s {
            "headquarters" | "hq" => Some(PeerRole::Headquarters),
            "correspondent" => Some(PeerRole::Correspondent),
            _ => None,
        }
    }
}

/// A vault this one exchanges bundles with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Peer {
    /// Its public identity as added.
    pub identity: PublicIdentity,
    /// Its fingerprint.
    pub fingerprint: Fingerprint,
    /// Its role.
    pub role: PeerRole,
    /// When it was added (UTC).
    pub added_at: DateTime<Utc>,
    /// The history seq the last bundle to it covered (0: none sent).
    pub sent_through: u64,
    /// When the last bundle to it was made (UTC).
    pub sent_at: Option<DateTime<Utc>>,
}

/// What [`Vault::export_bundle`] wrote.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BundleExport {
    /// The file.
    pub path: PathBuf,
    /// Cases new or changed.
    pub cases: u32,
    /// Cases deleted.
    pub deletions: u32,
    /// Developments new, changed or removed.
    pub developments: u32,
    /// Attachments added or removed.
    pub attachments: u32,
    /// Whether the taxonomy is in it (to a correspondent).
    pub taxonomy: bool,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// Leftovers of an interrupted earlier write that were removed.
    pub removed: Vec<Removed>,
}

/// Why an incoming version was held back instead of applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HeldReason {
    /// Changed here and at the sender since they last agreed: the local
    /// version stays until staff choose ([`Vault::resolve_held`]).
    Conflict,
    /// Content this vault refuses, mostly codes its taxonomy lacks; applied
    /// by [`Resolution::TakeTheirs`] once the taxonomy has them.
    Invalid,
    /// Its external ref belongs to another record here.
    RefTaken,
    /// A development whose case is not in this vault.
    NoCase,
}

impl HeldReason {
    fn as_str(self) -> &'static str {
        match self {
            HeldReason::Conflict => "conflict",
            HeldReason::Invalid => "invalid",
            HeldReason::RefTaken => "ref-taken",
            HeldReason::NoCase => "no-case",
        }
    }

    fn parse(s: &str) -> HeldReason {
        match s {
            "conflict" => HeldReason::Conflict,
            "ref-taken" => HeldReason::RefTaken,
            "no-case" => HeldReason::NoCase,
            _ => HeldReason::Invalid,
        }
    }
}

/// What applying a bundle did (or, in a dry run, would do) to one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Outcome {
    /// New here.
    Created,
    /// Replaced the local version (which it includes).
    Updated,
    /// Deleted (a case: moved to the trash).
    Deleted,
    /// A case in the trash here, back with the sender's content.
    Restored,
    /// This vault has that version already (or a newer one).
    Unchanged,
    /// Not applied; see [`Vault::held`].
    Held {
        /// Why.
        reason: HeldReason,
        /// Details (the unknown codes, the ref, …).
        detail: String,
    },
}

/// One record of a bundle and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleChange {
    /// Case, development or attachment.
    pub entity: Entity,
    /// Its id.
    pub id: String,
    /// Its case.
    pub case_id: CaseId,
    /// The case's (or development's) title, the attachment's name; empty
    /// for a deletion of a record this vault never had.
    pub title: String,
    /// What happened.
    pub outcome: Outcome,
}

/// What [`Vault::import_bundle`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleReport {
    /// The bundle's id.
    pub id: String,
    /// The sender (a peer).
    pub sender: String,
    /// Its fingerprint.
    pub sender_fingerprint: Fingerprint,
    /// When the bundle was made (UTC).
    pub created_at: DateTime<Utc>,
    /// Whether this bundle had been applied here before.
    pub seen_before: bool,
    /// False for a dry run (nothing was written).
    pub applied: bool,
    /// Every record in it.
    pub changes: Vec<BundleChange>,
    /// Whether headquarters' taxonomy replaced this vault's.
    pub taxonomy_updated: bool,
    /// Why a taxonomy in the bundle was not taken (from a correspondent;
    /// it would remove codes in use here).
    pub taxonomy_refused: Option<String>,
    /// A bundle the sender made before this one has not been applied here:
    /// its changes (after the sender's history seq in here, up to this
    /// bundle's start) are missing; ask the sender for a full bundle.
    pub missing_before: Option<u64>,
}

impl BundleReport {
    /// How many records have `outcome` of the same kind.
    pub fn count(&self, pred: impl Fn(&Outcome) -> bool) -> usize {
        self.changes.iter().filter(|c| pred(&c.outcome)).count()
    }
}

/// An incoming version held back, with the local one to compare.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldItem {
    /// Its number (for [`Vault::resolve_held`]).
    pub seq: u64,
    /// Case or development.
    pub entity: Entity,
    /// The record's id.
    pub entity_id: String,
    /// Its case.
    pub case_id: CaseId,
    /// The peer it came from (name).
    pub peer: String,
    /// The peer's fingerprint.
    pub peer_fingerprint: Fingerprint,
    /// Why it is held.
    pub reason: HeldReason,
    /// Details.
    pub detail: String,
    /// When it arrived (UTC).
    pub received_at: DateTime<Utc>,
    /// The title of the incoming (else local) version.
    pub title: String,
    /// The local content (`None`: not here, or deleted here).
    pub ours: Option<Value>,
    /// The incoming content (`None`: deleted at the sender).
    pub theirs: Option<Value>,
    /// Field by field, from ours to theirs.
    pub changes: Vec<FieldChange>,
}

/// How staff settle a held version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "fields")]
pub enum Resolution {
    /// Keep the local version; the sender gets it with the next bundle.
    KeepOurs,
    /// Take the incoming version (for held content: apply it again, now
    /// that the taxonomy may have its codes).
    TakeTheirs,
    /// The local version with these top-level fields (`title`, `summary`,
    /// `victim`, …) taken from the incoming one.
    Fields(Vec<String>),
}

fn nanos(t: DateTime<Utc>) -> i64 {
    t.timestamp_nanos_opt().unwrap_or(i64::MAX)
}

fn to_json_text<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| VaultError::Db {
        context: "recording an exchange".into(),
        source: rusqlite::Error::ToSqlConversionFailure(Box::new(e)),
    })
}

/// Makes the vault's identity if it has none (a new vault, or the first
/// open after the upgrade to schema 3).
pub(crate) fn ensure_identity(c: &Connection, now: DateTime<Utc>) -> Result<()> {
    let has: bool =
        c.query_row("SELECT count(*) FROM identity", [], |r| r.get::<_, i64>(0)).map_err(db("reading the identity"))?
            > 0;
    if has {
        return Ok(());
    }
    let (_, secret, seed) =
        LocalIdentity::generate(DEFAULT_IDENTITY_NAME).map_err(io("making the vault's key pair"))?;
    c.execute(
        "INSERT INTO identity (id, name, age_secret, sign_secret, created_at) VALUES (1, ?1, ?2, ?3, ?4)",
        rusqlite::params![DEFAULT_IDENTITY_NAME, secret, &seed[..], nanos(now)],
    )
    .map_err(db("storing the vault's key pair"))?;
    Ok(())
}

fn local_identity(c: &Connection) -> Result<LocalIdentity> {
    let (name, secret, seed): (String, String, Vec<u8>) = c
        .query_row("SELECT name, age_secret, sign_secret FROM identity WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .map_err(db("reading the identity"))?;
    LocalIdentity::from_stored(name, &secret, &seed)
        .ok_or_else(|| VaultError::Corrupt { what: "the vault's key pair is damaged".into() })
}

fn peer_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(String, String, i64, i64, Option<i64>)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

fn peer_of(raw: (String, String, i64, i64, Option<i64>)) -> Result<Peer> {
    let (public, role, added, sent, sent_at) = raw;
    let identity = PublicIdentity::parse(&public)?;
    Ok(Peer {
        fingerprint: identity.fingerprint(),
        identity,
        role: PeerRole::parse(&role).unwrap_or(PeerRole::Correspondent),
        added_at: DateTime::from_timestamp_nanos(added),
        sent_through: sent.max(0) as u64,
        sent_at: sent_at.map(DateTime::from_timestamp_nanos),
    })
}

const PEER_COLS: &str = "public, role, added_at, sent_through, sent_at";

fn peer_by_fingerprint(c: &Connection, fp: &Fingerprint) -> Result<Option<Peer>> {
    let raw = c
        .query_row(
            &format!("SELECT {PEER_COLS} FROM peers WHERE fingerprint = ?1 AND removed_at IS NULL"),
            [&fp.0],
            peer_from_row,
        )
        .optional()
        .map_err(db("reading the peers"))?;
    raw.map(peer_of).transpose()
}

fn all_peers(c: &Connection) -> Result<Vec<Peer>> {
    let err = || db("reading the peers");
    let mut st = c
        .prepare(&format!("SELECT {PEER_COLS} FROM peers WHERE removed_at IS NULL ORDER BY name, fingerprint"))
        .map_err(err())?;
    let rows = st.query_map([], peer_from_row).map_err(err())?;
    let raw = rows.collect::<rusqlite::Result<Vec<_>>>().map_err(err())?;
    let mut peers = raw.into_iter().map(peer_of).collect::<Result<Vec<_>>>()?;
    peers.sort_by(|a, b| crate::text::collate_cmp(&a.identity.name, &b.identity.name));
    Ok(peers)
}

/// The peer named `who`: its fingerprint (with or without spaces), or its
/// name (folded for case), when only one peer has it.
fn find_peer(c: &Connection, who: &str) -> Result<Peer> {
    let digits: String = who.chars().filter(|ch| !ch.is_whitespace()).collect();
    let wanted = crate::text::fold(who.trim());
    let peers = all_peers(c)?;
    let by_fp: Vec<&Peer> = peers.iter().filter(|p| p.fingerprint.0.replace(' ', "") == digits).collect();
    if let [p] = by_fp.as_slice() {
        return Ok((*p).clone());
    }
    let by_name: Vec<&Peer> = peers.iter().filter(|p| crate::text::fold(&p.identity.name) == wanted).collect();
    match by_name.as_slice() {
        [p] => Ok((*p).clone()),
        [] => Err(VaultError::Bundle(BundleError::UnknownPeer(who.trim().to_string()))),
        _ => Err(VaultError::Bundle(BundleError::AmbiguousPeer(who.trim().to_string()))),
    }
}

impl Vault {
    /// This vault's public identity (name and public keys).
    ///
    /// # Errors
    /// [`VaultError::Corrupt`] when the stored key pair is damaged, DB
    /// errors.
    pub fn identity(&self) -> Result<PublicIdentity> {
        Ok(local_identity(&self.conn)?.public())
    }

    /// Renames this vault's identity (NFC, trimmed, 1–80 characters); the
    /// keys and the fingerprint stay. Recorded in the history.
    ///
    /// # Errors
    /// [`VaultError::Bundle`] (`BadIdentity`) for an empty, too long or
    /// control-character name; DB errors.
    pub fn set_identity_name(&mut self, name: &str) -> Result<PublicIdentity> {
        let name = crate::text::nfc(name.trim());
        if !valid_name(&name) {
            return Err(VaultError::Validation(crate::case::ValidationErrors::one(
                crate::problem::Field::Title,
                Problem::Invalid {
                    message: format!(
                        "a vault's name must be 1 to {MAX_NAME_CHARS} characters, without control or invisible characters"
                    ),
                },
            )));
        }
        let who = Who { actor: &self.actor, source: &self.source };
        let before = self.conn.total_changes();
        let tx = self.conn.transaction().map_err(db("renaming the vault"))?;
        let old = local_identity(&tx)?.name;
        tx.execute("UPDATE identity SET name = ?1 WHERE id = 1", [&name]).map_err(db("renaming the vault"))?;
        let (o, n) = (Value::String(old), Value::String(name));
        history::record(
            &tx,
            &who,
            Utc::now(),
            Entity::Document,
            "identity/name".into(),
            None,
            HistoryAction::Updated,
            Some(&o),
            Some(&n),
            false,
        )?;
        tx.commit().map_err(db("renaming the vault"))?;
        self.wrote_outside_cases(before);
        self.identity()
    }

    /// Adds (or, for a fingerprint already added, updates the name and role
    /// of) a peer from its public identity text. Recorded in the history.
    ///
    /// # Errors
    /// [`BundleError::BadIdentity`] for text that is not a valid identity,
    /// [`BundleError::OwnIdentity`] for this vault's own; DB errors.
    pub fn add_peer(&mut self, identity_text: &str, role: PeerRole, now: DateTime<Utc>) -> Result<Peer> {
        let identity = PublicIdentity::parse(identity_text)?;
        let fp = identity.fingerprint();
        if fp == self.identity()?.fingerprint() {
            return Err(VaultError::Bundle(BundleError::OwnIdentity));
        }
        let who = Who { actor: &self.actor, source: &self.source };
        let before = self.conn.total_changes();
        let tx = self.conn.transaction().map_err(db("adding a peer"))?;
        let old = peer_by_fingerprint(&tx, &fp)?;
        if let Some(o) = old.as_ref().filter(|o| o.role != role) {
            return Err(VaultError::Bundle(BundleError::RoleChange {
                name: o.identity.name.clone(),
                role: o.role.as_str().to_string(),
            }));
        }
        tx.execute(
            "INSERT INTO peers (fingerprint, name, role, public, added_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (fingerprint) DO UPDATE SET name = excluded.name, role = excluded.role, public = excluded.public,
                 removed_at = NULL",
            rusqlite::params![fp.0, identity.name, role.as_str(), identity.encode(), nanos(now)],
        )
        .map_err(db("adding a peer"))?;
        let json = |name: &str, role: PeerRole| serde_json::json!({ "name": name, "role": role.as_str() });
        let old_json = old.as_ref().map(|p| json(&p.identity.name, p.role));
        let action = if old.is_some() { HistoryAction::Updated } else { HistoryAction::Created };
        let new_json = json(&identity.name, role);
        history::record(
            &tx,
            &who,
            now,
            Entity::Document,
            format!("peers/{}", fp.0),
            None,
            action,
            old_json.as_ref(),
            Some(&new_json),
            false,
        )?;
        tx.commit().map_err(db("adding a peer"))?;
        self.wrote_outside_cases(before);
        peer_by_fingerprint(&self.conn, &fp)?.ok_or_else(|| VaultError::NotFound { what: "the peer just added".into() })
    }

    /// The peers, by name (Kazakh/Russian order).
    ///
    /// # Errors
    /// DB errors.
    pub fn peers(&self) -> Result<Vec<Peer>> {
        all_peers(&self.conn)
    }

    /// Removes the peer `who` (name or fingerprint): its bundles are no
    /// longer accepted. What it sent stays. Recorded in the history.
    ///
    /// # Errors
    /// [`BundleError::UnknownPeer`]; DB errors.
    pub fn remove_peer(&mut self, who_: &str) -> Result<Peer> {
        let peer = find_peer(&self.conn, who_)?;
        let who = Who { actor: &self.actor, source: &self.source };
        let before = self.conn.total_changes();
        let tx = self.conn.transaction().map_err(db("removing a peer"))?;
        tx.execute(
            "UPDATE peers SET removed_at = ?2 WHERE fingerprint = ?1",
            rusqlite::params![peer.fingerprint.0, nanos(Utc::now())],
        )
        .map_err(db("removing a peer"))?;
        let old = serde_json::json!({ "name": peer.identity.name, "role": peer.role.as_str() });
        history::record(
            &tx,
            &who,
            Utc::now(),
            Entity::Document,
            format!("peers/{}", peer.fingerprint.0),
            None,
            HistoryAction::Removed,
            Some(&old),
            None,
            false,
        )?;
        tx.commit().map_err(db("removing a peer"))?;
        self.wrote_outside_cases(before);
        Ok(peer)
    }

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

    /// The incoming versions held back (conflicts first, then by arrival),
    /// each with the local version to compare.
    ///
    /// # Errors
    /// DB errors.
    pub fn held(&self) -> Result<Vec<HeldItem>> {
        held_where(&self.conn, "1", [])
    }

    /// The held versions of the case `id` and its developments (the case is
    /// "marked" while there are any).
    ///
    /// # Errors
    /// DB errors.
    pub fn held_for_case(&self, id: CaseId) -> Result<Vec<HeldItem>> {
        held_where(&self.conn, "x.case_id = ?1", [id.to_string()])
    }

    /// Settles the held version `seq`: keep the local version, take the
    /// incoming one, or take some of its fields. The result is a new local
    /// version that includes both, so the sender's next bundle and this
    /// vault's next bundle to it agree. Recorded in the history with the
    /// source `conflict: <peer>`.
    ///
    /// # Errors
    /// [`VaultError::NotFound`] (no such held version),
    /// [`VaultError::Validation`] (the chosen content is refused here, e.g.
    /// a code the taxonomy lacks; it stays held), DB errors.
    pub fn resolve_held(&mut self, seq: u64, resolution: Resolution, now: DateTime<Utc>) -> Result<()> {
        let item = held_where(&self.conn, "x.seq = ?1", [seq as i64])?
            .pop()
            .ok_or_else(|| VaultError::NotFound { what: format!("held version {seq}") })?;
        let raw: String = self
            .conn
            .query_row("SELECT item FROM exchange_held WHERE seq = ?1", [seq as i64], |r| r.get(0))
            .map_err(db("reading a held version"))?;
        if let Resolution::Fields(fields) = &resolution {
            let known = |f: &String| {
                item.ours.as_ref().is_some_and(|o| o.get(f).is_some())
                    || item.theirs.as_ref().is_some_and(|t| t.get(f).is_some())
            };
            let unknown: Vec<&String> = fields.iter().filter(|f| !known(f)).collect();
            if fields.is_empty() || !unknown.is_empty() || item.ours.is_none() || item.theirs.is_none() {
                let message = if item.ours.is_none() || item.theirs.is_none() {
                    "one side deleted the record: keep ours or take theirs".to_string()
                } else if fields.is_empty() {
                    "name at least one field to take".to_string()
                } else {
                    format!("no field {:?} in either version", unknown.iter().map(|s| s.as_str()).collect::<Vec<_>>())
                };
                return Err(VaultError::Validation(crate::case::ValidationErrors::one(
                    crate::problem::Field::Title,
                    Problem::Invalid { message },
                )));
            }
        }
        let source = format!("conflict: {}", item.peer);
        let who = Who { actor: &self.actor, source: &source };
        let taxonomy = self.taxonomy.clone();
        let tx = self.conn.transaction().map_err(db("settling a held version"))?;
        let ctx = Apply { c: &tx, who: &who, now, peer: &item.peer_fingerprint.0, taxonomy: &taxonomy, any_held: true };
        let fields_of = |fields: &[String]| -> Option<Value> {
            let mut merged = item.ours.clone()?;
            let theirs = item.theirs.as_ref()?;
            for f in fields {
                match theirs.get(f) {
                    Some(v) => merged[f] = v.clone(),
                    None => {
                        merged.as_object_mut()?.remove(f);
                    }
                }
            }
            Some(merged)
        };
        match item.entity {
            Entity::Case => {
                let it: CaseItem = serde_json::from_str(&raw)
                    .map_err(|_| VaultError::Corrupt { what: format!("held version {seq}") })?;
                let content: Option<Option<CaseData>> = match &resolution {
                    Resolution::KeepOurs => None,
                    Resolution::TakeTheirs => Some(it.case.as_ref().map(|c| c.data.clone())),
                    Resolution::Fields(f) => {
                        Some(Some(fields_of(f).and_then(|v| serde_json::from_value(v).ok()).ok_or_else(|| {
                            VaultError::NotFound { what: "both versions of the case, to take fields from".into() }
                        })?))
                    }
                };
                ctx.settle_case(&it, content)?;
            }
            Entity::Development => {
                let it: DevelopmentItem = serde_json::from_str(&raw)
                    .map_err(|_| VaultError::Corrupt { what: format!("held version {seq}") })?;
                let content: Option<Option<DevelopmentData>> = match &resolution {
                    Resolution::KeepOurs => None,
                    Resolution::TakeTheirs => Some(it.development.as_ref().map(|d| d.data.clone())),
                    Resolution::Fields(f) => Some(Some(
                        fields_of(f)
                            .and_then(|v| serde_json::from_value(v).ok())
                            .ok_or_else(|| VaultError::NotFound { what: "both versions of the development".into() })?,
                    )),
                };
                ctx.settle_development(&it, content)?;
            }
            _ => {}
        }
        tx.execute("DELETE FROM exchange_held WHERE seq = ?1", [seq as i64]).map_err(db("settling a held version"))?;
        tx.commit().map_err(db("settling a held version"))?;
        *self.catalogue.get_mut() = None;
        Ok(())
    }
}

fn held_where<P: rusqlite::Params>(c: &Connection, cond: &str, params: P) -> Result<Vec<HeldItem>> {
    let err = || db("reading the held versions");
    let mut st = c
        .prepare(&format!(
            "SELECT x.seq, x.entity, x.entity_id, x.case_id, x.peer, coalesce(p.name, x.peer), x.reason, x.detail,
                    x.received_at, x.item
             FROM exchange_held x LEFT JOIN peers p ON p.fingerprint = x.peer
             WHERE {cond} ORDER BY x.reason <> 'conflict', x.received_at, x.seq"
        ))
        .map_err(err())?;
    let rows = st
        .query_map(params, |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, i64>(8)?,
                r.get::<_, String>(9)?,
            ))
        })
        .map_err(err())?;
    let mut out = Vec::new();
    for row in rows {
        let (seq, entity, entity_id, case_id, fp, peer, reason, detail, at, item) = row.map_err(err())?;
        let corrupt = || VaultError::Corrupt { what: format!("held version {seq}") };
        let case_id = CaseId(case_id.parse().map_err(|_| corrupt())?);
        let (entity, ours, theirs, title) = if entity == "case" {
            let it: CaseItem = serde_json::from_str(&item).map_err(|_| corrupt())?;
            let here = store::case(c, case_id)?;
            let title = it.case.as_ref().or(here.as_ref()).map(|c| c.data.title.clone()).unwrap_or_default();
            let ours = here.map(|c| history::json(&c.data)).transpose()?;
            let theirs = it.case.map(|c| history::json(&c.data)).transpose()?;
            (Entity::Case, ours, theirs, title)
        } else {
            let it: DevelopmentItem = serde_json::from_str(&item).map_err(|_| corrupt())?;
            let here = store::development(c, it.id)?;
            let title = it.development.as_ref().or(here.as_ref()).map(|d| d.data.title.clone()).unwrap_or_default();
            let ours = here.map(|d| history::json(&d.data)).transpose()?;
            let theirs = it.development.map(|d| history::json(&d.data)).transpose()?;
            (Entity::Development, ours, theirs, title)
        };
        let changes = history::diff(ours.as_ref(), theirs.as_ref());
        out.push(HeldItem {
            seq: seq as u64,
            entity,
            entity_id,
            case_id,
            peer,
            peer_fingerprint: Fingerprint(fp),
            reason: HeldReason::parse(&reason),
            detail,
            received_at: DateTime::from_timestamp_nanos(at),
            title,
            ours,
            theirs,
            changes,
        });
    }
    Ok(out)
}

/// Applying the records of one bundle inside its transaction.
struct Apply<'a> {
    c: &'a Connection,
    who: &'a Who<'a>,
    now: DateTime<Utc>,
    /// The sender's fingerprint.
    peer: &'a str,
    taxonomy: &'a crate::taxonomy::Taxonomy,
    /// Whether anything from this peer is held (else those lookups are skipped).
    any_held: bool,
}

/// The case `id` was merged into, if it was (and is still in the trash).
pub(crate) fn merged_into(c: &Connection, id: CaseId) -> Result<Option<CaseId>> {
    let into: Option<String> = c
        .prepare_cached("SELECT case_id FROM case_links WHERE other_id = ?1 AND kind = 'merged'")
        .and_then(|mut st| st.query_row([id.to_string()], |r| r.get(0)).optional())
        .map_err(db("reading the case links"))?;
    Ok(into.and_then(|s| s.parse().ok()).map(CaseId))
}

/// Whether anything from `peer` is held.
fn any_held(c: &Connection, peer: &str) -> Result<bool> {
    c.query_row("SELECT EXISTS (SELECT 1 FROM exchange_held WHERE peer = ?1)", [peer], |r| r.get(0))
        .map_err(db("reading the held versions"))
}

/// The problems of refused content as one line.
fn problems_text(e: &crate::case::ValidationErrors) -> String {
    e.0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}

impl Apply<'_> {
    fn title_here(&self, id: CaseId) -> String {
        store::case(self.c, id).ok().flatten().map(|c| c.data.title).unwrap_or_default()
    }

    fn hold(
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

    fn unhold(&self, entity: Entity, id: &str) -> Result<()> {
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
    fn held_covers(&self, entity: Entity, id: &str, rev: &str) -> Result<bool> {
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

    fn case_peer(&self, id: CaseId) -> Result<()> {
        self.c
            .prepare_cached("INSERT OR IGNORE INTO case_peers (case_id, peer) VALUES (?1, ?2)")
            .and_then(|mut st| st.execute([id.to_string(), self.peer.to_string()]))
            .map_err(db("applying the bundle"))?;
        Ok(())
    }

    /// Whether the incoming version is news and whether it includes the
    /// local one: `None` when already known (or held).
    fn compare(&self, entity: Entity, id: &str, rev: &str, ancestors: &[String]) -> Result<Option<bool>> {
        if versions::knows(self.c, entity, id, rev)? || self.held_covers(entity, id, rev)? {
            return Ok(None);
        }
        let head = versions::head(self.c, entity, id)?;
        Ok(Some(head.is_none_or(|h| ancestors.contains(&h.rev))))
    }

    fn case(&self, item: &CaseItem) -> Result<Outcome> {
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

    fn peer_name(&self) -> String {
        self.c
            .query_row("SELECT name FROM peers WHERE fingerprint = ?1", [self.peer], |r| r.get(0))
            .unwrap_or_else(|_| self.peer.to_string())
    }

    /// Makes the case `id` have `content` (`None`: deleted), from its state
    /// `here`. `incoming` gives the creation time of a case new here. The
    /// inner error is content this vault refuses.
    fn write_case(
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

    fn development(&self, item: &DevelopmentItem) -> Result<Outcome> {
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

    fn write_development(
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

    fn attachment(&self, item: &AttachmentItem, rest: &mut impl std::io::Read) -> Result<Outcome> {
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
    fn settle_case(&self, item: &CaseItem, content: Option<Option<CaseData>>) -> Result<()> {
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
    fn mark_resolved_case(&self, id: CaseId, here: Option<&Case>) -> Result<()> {
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

    fn settle_development(&self, item: &DevelopmentItem, content: Option<Option<DevelopmentData>>) -> Result<()> {
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
