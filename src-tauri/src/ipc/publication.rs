//! Transport types of safe publication: the pre-publication check's
//! candidates and the redaction style.

use super::overview::EntryRefDto;
use kuzet_core::publication::{NameCandidate, RedactionStyle};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How private names are written in public documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "RedactionStyleDto.ts")]
pub enum RedactionStyleDto {
    /// "citizen A.", «гр. А.», «азамат А.»: one letter per person.
    #[default]
    Pseudonym,
    /// "[name withheld]" for everyone.
    Withheld,
}

impl From<RedactionStyle> for RedactionStyleDto {
    fn from(s: RedactionStyle) -> Self {
        match s {
            RedactionStyle::Pseudonym => RedactionStyleDto::Pseudonym,
            RedactionStyle::Withheld => RedactionStyleDto::Withheld,
        }
    }
}

impl From<RedactionStyleDto> for RedactionStyle {
    fn from(s: RedactionStyleDto) -> Self {
        match s {
            RedactionStyleDto::Pseudonym => RedactionStyle::Pseudonym,
            RedactionStyleDto::Withheld => RedactionStyle::Withheld,
        }
    }
}

/// Where a candidate name was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "NamePlaceDto.ts")]
pub struct NamePlaceDto {
    /// The case or development whose text holds it; null for the
    /// overview's own texts (title, intro, section titles and notes).
    pub entry: Option<EntryRefDto>,
    /// The surrounding text, about 40 characters each side.
    pub context: String,
}

/// A personal name the public text would print as it is: neither marked
/// private nor a public figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "NameCandidateDto.ts")]
pub struct NameCandidateDto {
    /// The name as first written ("А. Иванов").
    pub name: String,
    /// What a confirmation sends back (`confirmedNames`).
    pub key: String,
    /// Every place, in document order.
    pub places: Vec<NamePlaceDto>,
}

impl From<&NameCandidate> for NameCandidateDto {
    fn from(c: &NameCandidate) -> Self {
        NameCandidateDto {
            name: c.name.clone(),
            key: c.key.clone(),
            places: c
                .places
                .iter()
                .map(|p| NamePlaceDto { entry: p.entry.map(Into::into), context: p.context.clone() })
                .collect(),
        }
    }
}

/// Who an export of cases is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "EditionDto.ts")]
pub enum EditionDto {
    /// Everything, private names included: for the foundation's own use.
    Full,
    /// Private names replaced: safe to hand out.
    Public,
}

/// Export file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ExportFormatDto.ts")]
pub enum ExportFormatDto {
    /// CSV, UTF-8, the import columns, comma-separated.
    Csv,
    /// The same CSV separated by `;` (Excel in Russian and Kazakh settings).
    CsvSemicolon,
    /// Excel workbook.
    Xlsx,
    /// JSON, every stored field.
    Json,
}
