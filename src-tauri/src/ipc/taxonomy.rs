//! Transport types of the taxonomy.

use kuzet_core::lang::Labels;
use kuzet_core::taxonomy::{RegionKind, Taxonomy, Term};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A text in Kazakh, Russian and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "LabelsDto.ts")]
pub struct LabelsDto {
    /// Kazakh.
    pub kk: String,
    /// Russian.
    pub ru: String,
    /// English.
    pub en: String,
}

impl From<&Labels> for LabelsDto {
    fn from(l: &Labels) -> Self {
        LabelsDto { kk: l.kk.clone(), ru: l.ru.clone(), en: l.en.clone() }
    }
}

impl From<LabelsDto> for Labels {
    fn from(l: LabelsDto) -> Self {
        Labels { kk: l.kk, ru: l.ru, en: l.en }
    }
}

/// A category of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "CategoryDto.ts")]
pub struct CategoryDto {
    /// Stable code `<group>.<name>`.
    pub code: String,
    /// Labels.
    pub label: LabelsDto,
    /// Retired: valid on old cases, not offered for new ones.
    pub retired: bool,
    /// A catch-all ("other …") category, folded into "and others" in the overview.
    pub is_other: bool,
    /// The law it refers to, if any.
    pub legal_reference: Option<String>,
    /// A note for monitors.
    pub note: Option<String>,
}

/// A group of categories.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "GroupDto.ts")]
pub struct GroupDto {
    /// Stable code.
    pub code: String,
    /// Whether its cases are counted (`context` is not).
    pub counted: bool,
    /// Labels.
    pub label: LabelsDto,
    /// Categories in the foundation's order.
    pub categories: Vec<CategoryDto>,
}

/// An entry of a flat code list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "TermDto.ts")]
pub struct TermDto {
    /// Stable code.
    pub code: String,
    /// Labels.
    pub label: LabelsDto,
    /// Articles of law (legal bases only).
    pub references: Vec<String>,
}

impl<C: std::fmt::Display> From<&Term<C>> for TermDto {
    fn from(t: &Term<C>) -> Self {
        TermDto { code: t.code.to_string(), label: (&t.label).into(), references: t.references.clone() }
    }
}

/// What kind of place a region is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export_to = "RegionKindDto.ts")]
pub enum RegionKindDto {
    /// City of republican significance.
    City,
    /// Oblys.
    Region,
    /// Online, nationwide, abroad, unknown.
    Other,
}

/// A region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "RegionDto.ts")]
pub struct RegionDto {
    /// Stable code.
    pub code: String,
    /// City, region or other.
    pub kind: RegionKindDto,
    /// Labels.
    pub label: LabelsDto,
}

/// The vault's taxonomy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "TaxonomyDto.ts")]
pub struct TaxonomyDto {
    /// Bumped by every edit.
    pub version: u32,
    /// Groups in print order.
    pub groups: Vec<GroupDto>,
    /// Regions in list order.
    pub regions: Vec<RegionDto>,
    /// Victim / target types.
    pub victim_types: Vec<TermDto>,
    /// Perpetrator types.
    pub perpetrator_types: Vec<TermDto>,
    /// Legal bases of claims.
    pub legal_bases: Vec<TermDto>,
}

impl From<&Taxonomy> for TaxonomyDto {
    fn from(t: &Taxonomy) -> Self {
        TaxonomyDto {
            version: t.version,
            groups: t
                .groups
                .iter()
                .map(|g| GroupDto {
                    code: g.code.to_string(),
                    counted: g.counted,
                    label: (&g.label).into(),
                    categories: g
                        .categories
                        .iter()
                        .map(|c| CategoryDto {
                            code: c.code.to_string(),
                            label: (&c.label).into(),
                            retired: c.retired,
                            is_other: c.is_other(),
                            legal_reference: c.legal_reference.clone(),
                            note: c.note.clone(),
                        })
                        .collect(),
                })
                .collect(),
            regions: t
                .regions
                .iter()
                .map(|r| RegionDto {
                    code: r.code.to_string(),
                    kind: match r.kind {
                        RegionKind::City => RegionKindDto::City,
                        RegionKind::Region => RegionKindDto::Region,
                        RegionKind::Other => RegionKindDto::Other,
                    },
                    label: (&r.label).into(),
                })
                .collect(),
            victim_types: t.victim_types.iter().map(Into::into).collect(),
            perpetrator_types: t.perpetrator_types.iter().map(Into::into).collect(),
            legal_bases: t.legal_bases.iter().map(Into::into).collect(),
        }
    }
}
