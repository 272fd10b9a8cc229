//! Transport types of exchange between vaults (identity, peers, bundles,
//! held versions) and of duplicate cases.

use super::{CaseDto, FieldChangeDto, HistoryEntityDto, TimestampDto};
use kuzet_core::duplicates::Reason;
use kuzet_core::exchange::PublicIdentity;
use kuzet_core::vault::{
    BundleChange, BundleExport, BundleReport, DuplicateCandidate, HeldItem, HeldReason, Outcome, Peer, PeerRole,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// This vault's public identity, or a peer's read for confirmation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "IdentityDto.ts")]
pub struct IdentityDto {
    /// The display name.
    pub name: String,
    /// Six groups of four digits, compared by phone.
    pub fingerprint: String,
    /// The one-line text form (`kuzet-id1:…`) to give to the other side.
    pub public: String,
}

impl From<&PublicIdentity> for IdentityDto {
    fn from(p: &PublicIdentity) -> Self {
        IdentityDto { name: p.name.clone(), fingerprint: p.fingerprint().0, public: p.encode() }
    }
}

/// A peer's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "PeerRoleDto.ts")]
pub enum PeerRoleDto {
    /// Headquarters: gets everything; its taxonomy is taken.
    Headquarters,
    /// A correspondent: gets back only its own cases, and the taxonomy.
    Correspondent,
}

impl From<PeerRole> for PeerRoleDto {
    fn from(r: PeerRole) -> Self {
        match r {
            PeerRole::Headquarters => Self::Headquarters,
            PeerRole::Correspondent => Self::Correspondent,
        }
    }
}

impl From<PeerRoleDto> for PeerRole {
    fn from(r: PeerRoleDto) -> Self {
        match r {
            PeerRoleDto::Headquarters => Self::Headquarters,
            PeerRoleDto::Correspondent => Self::Correspondent,
        }
    }
}

/// A vault this one exchanges bundles with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "PeerDto.ts")]
pub struct PeerDto {
    /// Name, fingerprint and public text.
    pub identity: IdentityDto,
    /// Its role.
    pub role: PeerRoleDto,
    /// When it was added.
    pub added_at: TimestampDto,
    /// When the last bundle for it was made (`null`: none yet).
    pub sent_at: Option<TimestampDto>,
}

impl From<&Peer> for PeerDto {
    fn from(p: &Peer) -> Self {
        PeerDto {
            identity: (&p.identity).into(),
            role: p.role.into(),
            added_at: p.added_at.into(),
            sent_at: p.sent_at.map(Into::into),
        }
    }
}

/// What `exchange_bundle_export` wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "BundleExportDto.ts")]
pub struct BundleExportDto {
    /// The file.
    pub path: String,
    /// Cases new or changed.
    pub cases: u32,
    /// Cases deleted.
    pub deletions: u32,
    /// Developments.
    pub developments: u32,
    /// Attachments.
    pub attachments: u32,
    /// Whether the taxonomy went with it.
    pub taxonomy: bool,
    /// File size in bytes.
    #[ts(type = "number")]
    pub bytes: u64,
}

impl From<&BundleExport> for BundleExportDto {
    fn from(e: &BundleExport) -> Self {
        BundleExportDto {
            path: e.path.display().to_string(),
            cases: e.cases,
            deletions: e.deletions,
            developments: e.developments,
            attachments: e.attachments,
            taxonomy: e.taxonomy,
            bytes: e.bytes,
        }
    }
}

/// Why an incoming version was held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "HeldReasonDto.ts")]
pub enum HeldReasonDto {
    /// Changed on both sides.
    Conflict,
    /// Refused content (codes this taxonomy lacks).
    Invalid,
    /// Its ref belongs to another record here.
    RefTaken,
    /// A development whose case is not here.
    NoCase,
}

impl From<HeldReason> for HeldReasonDto {
    fn from(r: HeldReason) -> Self {
        match r {
            HeldReason::Conflict => Self::Conflict,
            HeldReason::Invalid => Self::Invalid,
            HeldReason::RefTaken => Self::RefTaken,
            HeldReason::NoCase => Self::NoCase,
        }
    }
}

/// What became of one record of a bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "OutcomeDto.ts")]
pub enum OutcomeDto {
    /// New here.
    Created,
    /// Replaced the local version.
    Updated,
    /// Deleted (a case: to the trash).
    Deleted,
    /// Back from the trash with the sender's content.
    Restored,
    /// Already here.
    Unchanged,
    /// Held back (see `reason`).
    Held,
}

/// One record of a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "BundleChangeDto.ts")]
pub struct BundleChangeDto {
    /// Case, development or attachment.
    pub entity: HistoryEntityDto,
    /// Its id.
    pub id: String,
    /// Its case.
    pub case_id: String,
    /// Title (or file name); may be empty for a deletion.
    pub title: String,
    /// What happened.
    pub outcome: OutcomeDto,
    /// For held records: why.
    pub reason: Option<HeldReasonDto>,
    /// For held records: details (unknown codes, the ref).
    pub detail: Option<String>,
}

impl From<&BundleChange> for BundleChangeDto {
    fn from(c: &BundleChange) -> Self {
        let (outcome, reason, detail) = match &c.outcome {
            Outcome::Created => (OutcomeDto::Created, None, None),
            Outcome::Updated => (OutcomeDto::Updated, None, None),
            Outcome::Deleted => (OutcomeDto::Deleted, None, None),
            Outcome::Restored => (OutcomeDto::Restored, None, None),
            Outcome::Unchanged => (OutcomeDto::Unchanged, None, None),
            Outcome::Held { reason, detail } => (OutcomeDto::Held, Some((*reason).into()), Some(detail.clone())),
        };
        BundleChangeDto {
            entity: c.entity.into(),
            id: c.id.clone(),
            case_id: c.case_id.to_string(),
            title: c.title.clone(),
            outcome,
            reason,
            detail,
        }
    }
}

/// What importing one bundle did (or would do, in a dry run).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "BundleReportDto.ts")]
pub struct BundleReportDto {
    /// The bundle's id.
    pub id: String,
    /// The sender's name.
    pub sender: String,
    /// The sender's fingerprint.
    pub sender_fingerprint: String,
    /// When the bundle was made.
    pub created_at: TimestampDto,
    /// Whether it had been applied here before.
    pub seen_before: bool,
    /// False for a dry run.
    pub applied: bool,
    /// Every record in it.
    pub changes: Vec<BundleChangeDto>,
    /// Whether headquarters' taxonomy was taken.
    pub taxonomy_updated: bool,
    /// Why a taxonomy in it was not taken.
    pub taxonomy_refused: Option<String>,
    /// Set when a bundle the sender made before this one has not been
    /// applied here (its changes are missing: ask for a full bundle).
    pub missing_earlier: bool,
}

impl From<&BundleReport> for BundleReportDto {
    fn from(r: &BundleReport) -> Self {
        BundleReportDto {
            id: r.id.clone(),
            sender: r.sender.clone(),
            sender_fingerprint: r.sender_fingerprint.0.clone(),
            created_at: r.created_at.into(),
            seen_before: r.seen_before,
            applied: r.applied,
            changes: r.changes.iter().map(Into::into).collect(),
            taxonomy_updated: r.taxonomy_updated,
            taxonomy_refused: r.taxonomy_refused.clone(),
            missing_earlier: r.missing_before.is_some(),
        }
    }
}

/// An incoming version held back, with the local one to compare.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "HeldDto.ts")]
pub struct HeldDto {
    /// Its number, for `exchange_held_resolve`.
    pub seq: u32,
    /// Case or development.
    pub entity: HistoryEntityDto,
    /// The record's id.
    pub entity_id: String,
    /// Its case.
    pub case_id: String,
    /// The peer's name.
    pub peer: String,
    /// Why it is held.
    pub reason: HeldReasonDto,
    /// Details.
    pub detail: String,
    /// When it arrived.
    pub received_at: TimestampDto,
    /// Title.
    pub title: String,
    /// Whether the record exists here.
    pub ours_exists: bool,
    /// Whether the sender still has it (false: deleted there).
    pub theirs_exists: bool,
    /// Field by field, ours → theirs (dotted paths; the first segment is
    /// the field a choice takes).
    pub changes: Vec<FieldChangeDto>,
}

impl From<&HeldItem> for HeldDto {
    fn from(h: &HeldItem) -> Self {
        HeldDto {
            seq: h.seq as u32,
            entity: h.entity.into(),
            entity_id: h.entity_id.clone(),
            case_id: h.case_id.to_string(),
            peer: h.peer.clone(),
            reason: h.reason.into(),
            detail: h.detail.clone(),
            received_at: h.received_at.into(),
            title: h.title.clone(),
            ours_exists: h.ours.is_some(),
            theirs_exists: h.theirs.is_some(),
            changes: h.changes.iter().map(Into::into).collect(),
        }
    }
}

/// How to settle a held version.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
#[ts(export_to = "ResolutionDto.ts")]
pub enum ResolutionDto {
    /// Keep this vault's version.
    KeepOurs,
    /// Take the incoming version.
    TakeTheirs,
    /// This vault's version with these top-level fields taken from the
    /// incoming one.
    Fields {
        /// Field names (`title`, `summary`, `victim`, …).
        fields: Vec<String>,
    },
}

impl From<ResolutionDto> for kuzet_core::vault::Resolution {
    fn from(r: ResolutionDto) -> Self {
        match r {
            ResolutionDto::KeepOurs => Self::KeepOurs,
            ResolutionDto::TakeTheirs => Self::TakeTheirs,
            ResolutionDto::Fields { fields } => Self::Fields(fields),
        }
    }
}

/// Why two cases look like one event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
#[ts(export_to = "DuplicateReasonDto.ts")]
pub enum DuplicateReasonDto {
    /// The same victim.
    SameVictim {
        /// As written in the first case.
        name: String,
    },
    /// The same outlet.
    SameOutlet {
        /// As written in the first case.
        outlet: String,
    },
    /// Similar texts.
    SimilarText {
        /// Common letter trigrams, percent.
        percent: u32,
    },
    /// Event dates 0–3 days apart.
    CloseDates {
        /// Days apart.
        days: u32,
    },
    /// The same group.
    SameGroup {
        /// Its code.
        group: String,
    },
    /// The same category.
    SameCategory,
    /// The same region.
    SameRegion,
}

impl From<&Reason> for DuplicateReasonDto {
    fn from(r: &Reason) -> Self {
        match r {
            Reason::SameVictim { name } => Self::SameVictim { name: name.clone() },
            Reason::SameOutlet { outlet } => Self::SameOutlet { outlet: outlet.clone() },
            Reason::SimilarText { percent } => Self::SimilarText { percent: *percent },
            Reason::CloseDates { days } => Self::CloseDates { days: *days },
            Reason::SameGroup { group } => Self::SameGroup { group: group.clone() },
            Reason::SameCategory => Self::SameCategory,
            Reason::SameRegion => Self::SameRegion,
        }
    }
}

/// A likely duplicate pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "DuplicateDto.ts")]
pub struct DuplicateDto {
    /// The earlier-stored case (kept by default when merging).
    pub case: CaseDto,
    /// The other.
    pub other: CaseDto,
    /// 0–100.
    pub score: u32,
    /// Why.
    pub reasons: Vec<DuplicateReasonDto>,
}

impl From<&DuplicateCandidate> for DuplicateDto {
    fn from(d: &DuplicateCandidate) -> Self {
        DuplicateDto {
            case: CaseDto::new(&d.case, &[]),
            other: CaseDto::new(&d.other, &[]),
            score: d.score,
            reasons: d.reasons.iter().map(Into::into).collect(),
        }
    }
}

/// A decision on a candidate pair that keeps both cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "LinkKindDto.ts")]
pub enum LinkKindDto {
    /// Related events, both counted.
    Related,
    /// Not duplicates; not proposed again.
    Dismissed,
}
