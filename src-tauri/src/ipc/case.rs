//! Transport types of cases and developments, and their conversions.
//!
//! Dates cross as `"YYYY-MM-DD"` (local dates in Kazakhstan); timestamps as
//! RFC 3339 UTC strings plus a display form in Asia/Almaty. Codes cross as
//! plain strings and are checked when converted into core types.

use super::error::{Field, FieldError, IpcError, Problem};
use kuzet_core::case::{
    Case, CaseData, CaseKind, CaseStatus, Development, DevelopmentData, Proceeding, ProceedingBranch, ProceedingStage,
    Translation, Translations, Victim,
};
use kuzet_core::codes::{CategoryCode, LegalBasisCode, PerpetratorTypeCode, RegionCode, VictimTypeCode};
use kuzet_core::lang::Lang;
use kuzet_core::month::parse_date;
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use ts_rs::TS;

/// A language: `"kk"`, `"ru"` or `"en"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export_to = "LangDto.ts")]
pub enum LangDto {
    /// Kazakh.
    Kk,
    /// Russian.
    Ru,
    /// English.
    En,
}

impl From<Lang> for LangDto {
    fn from(l: Lang) -> Self {
        match l {
            Lang::Kk => LangDto::Kk,
            Lang::Ru => LangDto::Ru,
            Lang::En => LangDto::En,
        }
    }
}

impl From<LangDto> for Lang {
    fn from(l: LangDto) -> Self {
        match l {
            LangDto::Kk => Lang::Kk,
            LangDto::Ru => Lang::Ru,
            LangDto::En => Lang::En,
        }
    }
}

/// Counted case (`"case"`) or context event (`"context"`, never counted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export_to = "CaseKindDto.ts")]
pub enum CaseKindDto {
    /// A violation, counted once in the month of its event date.
    Case,
    /// An event in the country; shown, never counted.
    Context,
}

impl From<CaseKind> for CaseKindDto {
    fn from(k: CaseKind) -> Self {
        match k {
            CaseKind::Case => CaseKindDto::Case,
            CaseKind::Context => CaseKindDto::Context,
        }
    }
}

impl From<CaseKindDto> for CaseKind {
    fn from(k: CaseKindDto) -> Self {
        match k {
            CaseKindDto::Case => CaseKind::Case,
            CaseKindDto::Context => CaseKind::Context,
        }
    }
}

/// `"open"` or `"closed"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export_to = "CaseStatusDto.ts")]
pub enum CaseStatusDto {
    /// Ongoing.
    Open,
    /// Nothing more expected.
    Closed,
}

impl From<CaseStatus> for CaseStatusDto {
    fn from(s: CaseStatus) -> Self {
        match s {
            CaseStatus::Open => CaseStatusDto::Open,
            CaseStatus::Closed => CaseStatusDto::Closed,
        }
    }
}

impl From<CaseStatusDto> for CaseStatus {
    fn from(s: CaseStatusDto) -> Self {
        match s {
            CaseStatusDto::Open => CaseStatus::Open,
            CaseStatusDto::Closed => CaseStatus::Closed,
        }
    }
}

/// `"criminal"`, `"civil"` or `"administrative"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export_to = "ProceedingBranchDto.ts")]
pub enum ProceedingBranchDto {
    /// Criminal.
    Criminal,
    /// Civil.
    Civil,
    /// Administrative.
    Administrative,
}

/// `"pretrial"` or `"court"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export_to = "ProceedingStageDto.ts")]
pub enum ProceedingStageDto {
    /// Pre-trial claim or investigation.
    Pretrial,
    /// In court.
    Court,
}

/// A criminal, civil or administrative proceeding. Amounts in whole tenge (KZT).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ProceedingDto.ts")]
pub struct ProceedingDto {
    /// The branch of law.
    pub branch: ProceedingBranchDto,
    /// Pre-trial or court, when known.
    pub stage: Option<ProceedingStageDto>,
    /// The court or body.
    pub court: String,
    /// Amount claimed, whole KZT.
    #[ts(type = "number | null")]
    pub amount_claimed_kzt: Option<i64>,
    /// Fine imposed, whole KZT.
    #[ts(type = "number | null")]
    pub fine_kzt: Option<i64>,
    /// Outcome so far.
    pub outcome: String,
}

impl From<&Proceeding> for ProceedingDto {
    fn from(p: &Proceeding) -> Self {
        ProceedingDto {
            branch: match p.branch {
                ProceedingBranch::Criminal => ProceedingBranchDto::Criminal,
                ProceedingBranch::Civil => ProceedingBranchDto::Civil,
                ProceedingBranch::Administrative => ProceedingBranchDto::Administrative,
            },
            stage: p.stage.map(|s| match s {
                ProceedingStage::Pretrial => ProceedingStageDto::Pretrial,
                ProceedingStage::Court => ProceedingStageDto::Court,
            }),
            court: p.court.clone(),
            amount_claimed_kzt: p.amount_claimed_kzt,
            fine_kzt: p.fine_kzt,
            outcome: p.outcome.clone(),
        }
    }
}

impl From<ProceedingDto> for Proceeding {
    fn from(p: ProceedingDto) -> Self {
        Proceeding {
            branch: match p.branch {
                ProceedingBranchDto::Criminal => ProceedingBranch::Criminal,
                ProceedingBranchDto::Civil => ProceedingBranch::Civil,
                ProceedingBranchDto::Administrative => ProceedingBranch::Administrative,
            },
            stage: p.stage.map(|s| match s {
                ProceedingStageDto::Pretrial => ProceedingStage::Pretrial,
                ProceedingStageDto::Court => ProceedingStage::Court,
            }),
            court: p.court,
            amount_claimed_kzt: p.amount_claimed_kzt,
            fine_kzt: p.fine_kzt,
            outcome: p.outcome,
        }
    }
}

/// A UTC instant as it crosses IPC: RFC 3339 UTC and the Almaty wall clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "TimestampDto.ts")]
pub struct TimestampDto {
    /// RFC 3339 in UTC, e.g. `"2024-05-10T08:03:00Z"`.
    pub utc: String,
    /// For display: `"YYYY-MM-DD HH:MM"` in Asia/Almaty.
    pub local: String,
}

impl From<chrono::DateTime<chrono::Utc>> for TimestampDto {
    fn from(t: chrono::DateTime<chrono::Utc>) -> Self {
        TimestampDto {
            utc: t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            local: kuzet_core::month::local_time(t),
        }
    }
}

/// Collects field problems while converting an input.
#[derive(Default)]
pub(crate) struct Problems(Vec<FieldError>);

impl Problems {
    /// A value that could not be read; `field` is the transport name (an
    /// editor input key becomes that [`Field`], anything else the form).
    pub(crate) fn add(&mut self, field: &str, message: impl Into<String>) {
        let message = message.into();
        let typed = serde_json::from_value::<Field>(serde_json::Value::from(field)).ok();
        self.0.push(match typed {
            Some(f) => FieldError::new(f, Problem::Invalid { message }),
            None => FieldError::new(Field::Form, Problem::Invalid { message: format!("{field}: {message}") }),
        });
    }

    pub(crate) fn date(&mut self, field: &str, s: &str) -> Option<chrono::NaiveDate> {
        parse_date(s).map_err(|m| self.add(field, m)).ok()
    }

    pub(crate) fn code<C: FromStr>(&mut self, field: &str, s: &str) -> Option<C>
    where
        C::Err: std::fmt::Display,
    {
        C::from_str(s.trim()).map_err(|e| self.add(field, e.to_string())).ok()
    }

    pub(crate) fn opt_code<C: FromStr>(&mut self, field: &str, s: &Option<String>) -> Option<C>
    where
        C::Err: std::fmt::Display,
    {
        match s.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(s) => self.code(field, s),
        }
    }

    pub(crate) fn codes<C: FromStr>(&mut self, field: &str, list: &[String]) -> Vec<C>
    where
        C::Err: std::fmt::Display,
    {
        list.iter().filter_map(|s| self.code(field, s)).collect()
    }

    pub(crate) fn finish<T>(self, value: impl FnOnce() -> T) -> Result<T, IpcError> {
        if self.0.is_empty() {
            Ok(value())
        } else {
            Err(IpcError::fields(self.0))
        }
    }
}

/// The editable content of a case, as the editor submits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "CaseInputDto.ts")]
pub struct CaseInputDto {
    /// External reference; null or blank for none.
    #[serde(rename = "ref", default)]
    pub external_ref: Option<String>,
    /// Counted case or context event.
    pub kind: CaseKindDto,
    /// `"YYYY-MM-DD"`, local date in Kazakhstan.
    pub event_date: String,
    /// Region code.
    pub region: Option<String>,
    /// Primary category code.
    pub category: String,
    /// Secondary category codes (search only, never counted).
    pub tags: Vec<String>,
    /// Title (required).
    pub title: String,
    /// What happened.
    pub summary: String,
    /// Victim / target type code.
    pub victim_type: Option<String>,
    /// Victim's name.
    pub victim_name: String,
    /// Media outlet.
    pub outlet: String,
    /// Perpetrator type code.
    pub perpetrator_type: Option<String>,
    /// Legal basis code (claims).
    pub legal_basis: Option<String>,
    /// Proceeding details (claims).
    pub proceeding: Option<ProceedingDto>,
    /// Sources: URLs or notes.
    pub sources: Vec<String>,
    /// Open or closed.
    pub status: CaseStatusDto,
    /// The victim's name must not be published (it is hidden in every
    /// public output, like a private name).
    pub confidential: bool,
    /// Language of title and summary.
    pub language: Option<LangDto>,
    /// Names of private persons the texts mention, hidden in every public
    /// output (overview, public copy) in any declined form.
    #[serde(default)]
    pub private_names: Vec<String>,
    /// Title and summary in other languages than `language`, for the
    /// overview's and the case print's editions in those languages; at
    /// most one per language.
    #[serde(default)]
    pub translations: Vec<TranslationDto>,
}

/// A record's title and summary in one more language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "TranslationDto.ts")]
pub struct TranslationDto {
    /// The translation's language.
    pub lang: LangDto,
    /// The title in it.
    pub title: String,
    /// The summary in it.
    pub summary: String,
}

/// The translations as the core keeps them; a language listed twice is a
/// problem on `translations`.
fn translations_in(p: &mut Problems, list: Vec<TranslationDto>) -> Translations {
    let mut out = Translations::new();
    for t in list {
        let lang: Lang = t.lang.into();
        if out.insert(lang, Translation { title: t.title, summary: t.summary }).is_some() {
            p.add("translations", format!("{lang} is listed twice"));
        }
    }
    out
}

fn translations_out(t: &Translations) -> Vec<TranslationDto> {
    t.iter()
        .map(|(l, t)| TranslationDto { lang: (*l).into(), title: t.title.clone(), summary: t.summary.clone() })
        .collect()
}

impl TryFrom<CaseInputDto> for CaseData {
    type Error = IpcError;

    fn try_from(d: CaseInputDto) -> Result<Self, IpcError> {
        let mut p = Problems::default();
        let event_date = p.date("eventDate", &d.event_date);
        let category: Option<CategoryCode> = p.code("category", &d.category);
        let region: Option<RegionCode> = p.opt_code("region", &d.region);
        let tags: Vec<CategoryCode> = p.codes("tags", &d.tags);
        let victim_kind: Option<VictimTypeCode> = p.opt_code("victimType", &d.victim_type);
        let perpetrator_type: Option<PerpetratorTypeCode> = p.opt_code("perpetratorType", &d.perpetrator_type);
        let legal_basis: Option<LegalBasisCode> = p.opt_code("legalBasis", &d.legal_basis);
        let translations = translations_in(&mut p, d.translations);
        p.finish(|| CaseData {
            external_ref: d.external_ref,
            kind: d.kind.into(),
            event_date: event_date.expect("checked"),
            region,
            category: category.expect("checked"),
            tags,
            title: d.title,
            summary: d.summary,
            victim: Victim { kind: victim_kind, name: d.victim_name, outlet: d.outlet },
            perpetrator_type,
            legal_basis,
            proceeding: d.proceeding.map(Into::into),
            sources: d.sources,
            status: d.status.into(),
            confidential: d.confidential,
            private_names: d.private_names,
            language: d.language.map(Into::into),
            translations,
        })
    }
}

/// A stored case with its developments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "CaseDto.ts")]
pub struct CaseDto {
    /// The case id (UUID).
    pub id: String,
    /// The content, as the editor edits it.
    pub data: CaseInputDto,
    /// First stored.
    pub created_at: TimestampDto,
    /// Last changed.
    pub updated_at: TimestampDto,
    /// Later events, by event date.
    pub developments: Vec<DevelopmentDto>,
}

impl From<&CaseData> for CaseInputDto {
    fn from(c: &CaseData) -> Self {
        CaseInputDto {
            external_ref: c.external_ref.clone(),
            kind: c.kind.into(),
            event_date: c.event_date.format("%Y-%m-%d").to_string(),
            region: c.region.as_ref().map(ToString::to_string),
            category: c.category.to_string(),
            tags: c.tags.iter().map(ToString::to_string).collect(),
            title: c.title.clone(),
            summary: c.summary.clone(),
            victim_type: c.victim.kind.as_ref().map(ToString::to_string),
            victim_name: c.victim.name.clone(),
            outlet: c.victim.outlet.clone(),
            perpetrator_type: c.perpetrator_type.as_ref().map(ToString::to_string),
            legal_basis: c.legal_basis.as_ref().map(ToString::to_string),
            proceeding: c.proceeding.as_ref().map(Into::into),
            sources: c.sources.clone(),
            status: c.status.into(),
            confidential: c.confidential,
            language: c.language.map(Into::into),
            private_names: c.private_names.clone(),
            translations: translations_out(&c.translations),
        }
    }
}

impl CaseDto {
    /// A case with its developments.
    pub fn new(c: &Case, developments: &[Development]) -> Self {
        CaseDto {
            id: c.id.to_string(),
            data: (&c.data).into(),
            created_at: c.created_at.into(),
            updated_at: c.updated_at.into(),
            developments: developments.iter().map(Into::into).collect(),
        }
    }
}

/// The editable content of a development.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "DevelopmentInputDto.ts")]
pub struct DevelopmentInputDto {
    /// External reference; null or blank for none.
    #[serde(rename = "ref", default)]
    pub external_ref: Option<String>,
    /// `"YYYY-MM-DD"`, local date in Kazakhstan.
    pub event_date: String,
    /// Title (required).
    pub title: String,
    /// What happened.
    pub summary: String,
    /// Sources.
    pub sources: Vec<String>,
    /// Language of the text.
    pub language: Option<LangDto>,
    /// Names of private persons the text mentions, hidden in every public
    /// output.
    #[serde(default)]
    pub private_names: Vec<String>,
    /// Title and summary in other languages (as the case's).
    #[serde(default)]
    pub translations: Vec<TranslationDto>,
}

impl TryFrom<DevelopmentInputDto> for DevelopmentData {
    type Error = IpcError;

    fn try_from(d: DevelopmentInputDto) -> Result<Self, IpcError> {
        let mut p = Problems::default();
        let event_date = p.date("eventDate", &d.event_date);
        let translations = translations_in(&mut p, d.translations);
        p.finish(|| DevelopmentData {
            external_ref: d.external_ref,
            event_date: event_date.expect("checked"),
            title: d.title,
            summary: d.summary,
            sources: d.sources,
            language: d.language.map(Into::into),
            private_names: d.private_names,
            translations,
        })
    }
}

/// A stored development.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "DevelopmentDto.ts")]
pub struct DevelopmentDto {
    /// The development id (UUID).
    pub id: String,
    /// The case it continues.
    pub case_id: String,
    /// The content.
    pub data: DevelopmentInputDto,
    /// First stored.
    pub created_at: TimestampDto,
    /// Last changed.
    pub updated_at: TimestampDto,
}

impl From<&Development> for DevelopmentDto {
    fn from(d: &Development) -> Self {
        DevelopmentDto {
            id: d.id.to_string(),
            case_id: d.case_id.to_string(),
            data: DevelopmentInputDto {
                external_ref: d.data.external_ref.clone(),
                event_date: d.data.event_date.format("%Y-%m-%d").to_string(),
                title: d.data.title.clone(),
                summary: d.data.summary.clone(),
                sources: d.data.sources.clone(),
                language: d.data.language.map(Into::into),
                private_names: d.data.private_names.clone(),
                translations: translations_out(&d.data.translations),
            },
            created_at: d.created_at.into(),
            updated_at: d.updated_at.into(),
        }
    }
}
