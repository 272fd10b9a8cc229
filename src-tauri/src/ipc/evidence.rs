//! Transport types of evidence and accountability: attachments, the
//! history, the trash and the integrity check.

use super::TimestampDto;
use kuzet_core::vault::{
    Attachment, ChainBreak, Entity, Extracted, FieldChange, HistoryAction, HistoryEntry, TrashedCase, VerifyReport,
};
use serde::Serialize;
use ts_rs::TS;

/// A file kept with a case as evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "AttachmentDto.ts")]
pub struct AttachmentDto {
    /// The attachment id (UUID).
    pub id: String,
    /// The case it belongs to.
    pub case_id: String,
    /// The original file name.
    pub name: String,
    /// The media type, e.g. `"image/jpeg"`, `"application/pdf"`.
    pub media_type: String,
    /// Size in bytes (at most 2 GiB: exact as a JS number).
    #[ts(type = "number")]
    pub size: u64,
    /// SHA-256 of the original bytes, 64 lowercase hex digits.
    pub sha256: String,
    /// When it was added.
    pub added_at: TimestampDto,
    /// Who added it (`""` when no staff name was set).
    pub added_by: String,
    /// Whether a thumbnail can be asked for.
    pub is_image: bool,
}

impl From<&Attachment> for AttachmentDto {
    fn from(a: &Attachment) -> Self {
        AttachmentDto {
            id: a.id.to_string(),
            case_id: a.case_id.to_string(),
            name: a.name.clone(),
            media_type: a.media_type.clone(),
            size: a.size,
            sha256: a.sha256.clone(),
            added_at: a.added_at.into(),
            added_by: a.added_by.clone(),
            is_image: a.is_image(),
        }
    }
}

/// What `attachment_extract` wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ExtractedDto.ts")]
pub struct ExtractedDto {
    /// The file written.
    pub path: String,
    /// Bytes written.
    #[ts(type = "number")]
    pub size: u64,
    /// SHA-256 of the stored original, verified while reading it.
    pub sha256: String,
    /// True when a publication copy without EXIF/GPS was written.
    pub metadata_stripped: bool,
}

impl From<Extracted> for ExtractedDto {
    fn from(e: Extracted) -> Self {
        ExtractedDto {
            path: e.path.display().to_string(),
            size: e.size,
            sha256: e.sha256,
            metadata_stripped: e.metadata_stripped,
        }
    }
}

/// One changed field of a history entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "FieldChangeDto.ts")]
pub struct FieldChangeDto {
    /// A dotted path of the record, e.g. `"title"`, `"victim.name"`.
    pub field: String,
    /// The value before, as display text (`null`: absent).
    pub old: Option<String>,
    /// The value after, as display text (`null`: absent).
    pub new: Option<String>,
}

impl From<&FieldChange> for FieldChangeDto {
    fn from(c: &FieldChange) -> Self {
        FieldChangeDto {
            field: c.field.clone(),
            old: FieldChange::text(c.old.as_ref()),
            new: FieldChange::text(c.new.as_ref()),
        }
    }
}

/// What happened to the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "HistoryActionDto.ts")]
pub enum HistoryActionDto {
    /// Made.
    Created,
    /// Changed.
    Updated,
    /// Moved to the trash.
    Trashed,
    /// Restored from the trash or to an earlier version.
    Restored,
    /// Removed for good by emptying the trash.
    Purged,
    /// A development, attachment or document removed.
    Removed,
    /// A duplicate case merged into another (and moved to the trash).
    Merged,
}

impl From<HistoryAction> for HistoryActionDto {
    fn from(a: HistoryAction) -> Self {
        match a {
            HistoryAction::Created => Self::Created,
            HistoryAction::Updated => Self::Updated,
            HistoryAction::Trashed => Self::Trashed,
            HistoryAction::Restored => Self::Restored,
            HistoryAction::Purged => Self::Purged,
            HistoryAction::Removed => Self::Removed,
            HistoryAction::Merged => Self::Merged,
        }
    }
}

/// The kind of record an entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "HistoryEntityDto.ts")]
pub enum HistoryEntityDto {
    /// A case.
    Case,
    /// A development.
    Development,
    /// An attachment.
    Attachment,
    /// The taxonomy.
    Taxonomy,
    /// A settings document, an overview draft or the public figures.
    Document,
}

impl From<Entity> for HistoryEntityDto {
    fn from(e: Entity) -> Self {
        match e {
            Entity::Case => Self::Case,
            Entity::Development => Self::Development,
            Entity::Attachment => Self::Attachment,
            Entity::Taxonomy => Self::Taxonomy,
            Entity::Document => Self::Document,
        }
    }
}

/// One entry of a case's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "HistoryEntryDto.ts")]
pub struct HistoryEntryDto {
    /// Position in the vault's history (1, 2, …).
    pub seq: u32,
    /// When.
    pub at: TimestampDto,
    /// Who (`""` when no staff name was set).
    pub actor: String,
    /// From where: `"app"`, `"cli"`, `"import: may.csv"`, `"version 12"` …
    pub source: String,
    /// The kind of record.
    pub entity: HistoryEntityDto,
    /// Its id.
    pub entity_id: String,
    /// What happened.
    pub action: HistoryActionDto,
    /// The fields that changed (none once erased by emptying the trash).
    pub changes: Vec<FieldChangeDto>,
    /// An earlier version of the case itself, which can be restored.
    pub can_restore: bool,
}

impl From<&HistoryEntry> for HistoryEntryDto {
    fn from(e: &HistoryEntry) -> Self {
        HistoryEntryDto {
            seq: u32::try_from(e.seq).unwrap_or(u32::MAX),
            at: e.at.into(),
            actor: e.actor.clone(),
            source: e.source.clone(),
            entity: e.entity.into(),
            entity_id: e.entity_id.clone(),
            action: e.action.into(),
            changes: e.changes.iter().map(Into::into).collect(),
            can_restore: e.restorable,
        }
    }
}

/// A case in the trash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "TrashedCaseDto.ts")]
pub struct TrashedCaseDto {
    /// The case id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its event date, `YYYY-MM-DD`.
    pub event_date: String,
    /// When it was deleted.
    pub deleted_at: TimestampDto,
    /// Who deleted it.
    pub deleted_by: String,
    /// Developments that went with it.
    pub developments: u32,
    /// Attachments it keeps.
    pub attachments: u32,
}

impl From<&TrashedCase> for TrashedCaseDto {
    fn from(t: &TrashedCase) -> Self {
        TrashedCaseDto {
            id: t.case.id.to_string(),
            title: t.case.data.title.clone(),
            event_date: t.case.data.event_date.format("%Y-%m-%d").to_string(),
            deleted_at: t.deleted_at.into(),
            deleted_by: t.deleted_by.clone(),
            developments: t.developments,
            attachments: t.attachments,
        }
    }
}

/// Where the history chain first fails.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "ChainBreakDto.ts")]
pub struct ChainBreakDto {
    /// The first entry that does not verify.
    pub seq: u32,
    /// Why, in English.
    pub reason: String,
}

impl From<&ChainBreak> for ChainBreakDto {
    fn from(b: &ChainBreak) -> Self {
        ChainBreakDto { seq: u32::try_from(b.seq).unwrap_or(u32::MAX), reason: b.reason.clone() }
    }
}

/// An attachment whose stored bytes do not match its record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "AttachmentProblemDto.ts")]
pub struct AttachmentProblemDto {
    /// The attachment.
    pub id: String,
    /// Its case.
    pub case_id: String,
    /// Its original name.
    pub name: String,
    /// What is wrong, in English.
    pub problem: String,
}

/// What the integrity check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "VerifyDto.ts")]
pub struct VerifyDto {
    /// True when the chain holds and every attachment matches.
    pub ok: bool,
    /// History entries checked.
    pub entries: u32,
    /// Hex SHA-256 of the newest entry (`""` when none).
    pub head: String,
    /// The first entry whose hash does not follow.
    pub first_break: Option<ChainBreakDto>,
    /// Attachments whose bytes were re-hashed.
    pub attachments: u32,
    /// Attachments that do not match.
    pub attachment_problems: Vec<AttachmentProblemDto>,
}

impl From<&VerifyReport> for VerifyDto {
    fn from(r: &VerifyReport) -> Self {
        VerifyDto {
            ok: r.ok(),
            entries: u32::try_from(r.entries).unwrap_or(u32::MAX),
            head: r.head.clone(),
            first_break: r.first_break.as_ref().map(Into::into),
            attachments: u32::try_from(r.attachments).unwrap_or(u32::MAX),
            attachment_problems: r
                .attachment_problems
                .iter()
                .map(|p| AttachmentProblemDto {
                    id: p.id.clone(),
                    case_id: p.case_id.clone(),
                    name: p.name.clone(),
                    problem: p.problem.clone(),
                })
                .collect(),
        }
    }
}
