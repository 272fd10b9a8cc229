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

mod apply;
mod export;
mod held;
mod import;

use apply::{any_held, Apply};

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
}
