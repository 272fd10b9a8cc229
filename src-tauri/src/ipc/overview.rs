//! Transport types of the monthly overview: the editable draft, the report
//! model the UI previews (the same model the PDF draws), and org settings.

use super::app::OrgDto;
use super::case::{LangDto, Problems};
use super::error::IpcError;
use kuzet_core::case::{CaseId, DevelopmentId};
use kuzet_core::codes::{CategoryCode, GroupCode};
use kuzet_core::month::Month;
use kuzet_core::overview::{
    DraftChanges, DraftEntry, DraftSection, EntryRef, LangTexts, OrgSettings, OverviewDraft, ReportModel, SectionKind,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::str::FromStr;
use ts_rs::TS;

/// Optional per-language overrides; null or blank means "use the generated text".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export_to = "LangTextsDto.ts")]
pub struct LangTextsDto {
    /// Kazakh.
    #[ts(optional = nullable)]
    pub kk: Option<String>,
    /// Russian.
    #[ts(optional = nullable)]
    pub ru: Option<String>,
    /// English.
    #[ts(optional = nullable)]
    pub en: Option<String>,
}

impl From<&LangTexts> for LangTextsDto {
    fn from(t: &LangTexts) -> Self {
        LangTextsDto { kk: t.kk.clone(), ru: t.ru.clone(), en: t.en.clone() }
    }
}

impl From<LangTextsDto> for LangTexts {
    fn from(t: LangTextsDto) -> Self {
        let keep = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
        LangTexts { kk: keep(t.kk), ru: keep(t.ru), en: keep(t.en) }
    }
}

/// What a section is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export_to = "SectionKindDto.ts")]
pub enum SectionKindDto {
    /// Events in the country.
    Context,
    /// The cases of one counted group.
    Group {
        /// Group code.
        code: String,
    },
    /// Developments of ongoing cases.
    Developments,
    /// The editor's own section.
    Custom,
}

/// Whether an entry shows a case or a development.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "EntryTypeDto.ts")]
pub enum EntryTypeDto {
    /// A case or context event.
    Case,
    /// A development.
    Development,
}

/// The case or development an entry shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "EntryRefDto.ts")]
pub struct EntryRefDto {
    /// Case or development.
    #[serde(rename = "type")]
    pub kind: EntryTypeDto,
    /// Its id (UUID).
    pub id: String,
}

impl From<EntryRef> for EntryRefDto {
    fn from(e: EntryRef) -> Self {
        match e {
            EntryRef::Case(id) => EntryRefDto { kind: EntryTypeDto::Case, id: id.to_string() },
            EntryRef::Development(id) => EntryRefDto { kind: EntryTypeDto::Development, id: id.to_string() },
        }
    }
}

impl EntryRefDto {
    /// The core reference, or `None` when `id` is not a UUID.
    pub fn to_core(&self) -> Option<EntryRef> {
        match self.kind {
            EntryTypeDto::Case => CaseId::from_str(&self.id).ok().map(EntryRef::Case),
            EntryTypeDto::Development => DevelopmentId::from_str(&self.id).ok().map(EntryRef::Development),
        }
    }
}

/// Why an entry of a saved draft is not where the editor left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "EntryChangeDto.ts")]
pub enum EntryChangeDto {
    /// Recorded in the month after the draft was saved: added to its section.
    Added,
    /// Its category moved to another group: moved to that group's section.
    Moved,
}

/// One entry of a draft section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "DraftEntryDto.ts")]
pub struct DraftEntryDto {
    /// What it shows.
    pub item: EntryRefDto,
    /// Title overrides.
    #[serde(default)]
    pub title: LangTextsDto,
    /// Text overrides.
    #[serde(default)]
    pub text: LangTextsDto,
    /// Set when the saved draft did not have this entry here (absent: as
    /// saved, or a fresh default draft). Ignored when saving: a saved entry
    /// is no longer new.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub change: Option<EntryChangeDto>,
}

/// A section of the draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "DraftSectionDto.ts")]
pub struct DraftSectionDto {
    /// What it is about.
    pub kind: SectionKindDto,
    /// Title overrides.
    #[serde(default)]
    pub title: LangTextsDto,
    /// A paragraph under the title.
    #[serde(default)]
    pub note: LangTextsDto,
    /// Entries in print order.
    pub entries: Vec<DraftEntryDto>,
}

/// The editable overview of one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "OverviewDraftDto.ts")]
pub struct OverviewDraftDto {
    /// `"YYYY-MM"`.
    pub month: String,
    /// `"YYYY-MM-DD"`, local date in Kazakhstan.
    pub publication_date: String,
    /// Title overrides.
    #[serde(default)]
    pub title: LangTextsDto,
    /// Intro overrides.
    #[serde(default)]
    pub intro: LangTextsDto,
    /// Per group code, the category codes named in the counts block
    /// (absent: the default rule). Send back what you received.
    #[serde(default)]
    #[ts(optional)]
    pub including: Option<BTreeMap<String, Vec<String>>>,
    /// Sections in print order.
    pub sections: Vec<DraftSectionDto>,
    /// Records of the month the editor removed: not added back to their
    /// sections when the month gains records (absent: none).
    #[serde(default)]
    #[ts(optional)]
    pub excluded: Option<Vec<EntryRefDto>>,
}

impl From<&OverviewDraft> for OverviewDraftDto {
    fn from(d: &OverviewDraft) -> Self {
        OverviewDraftDto {
            month: d.month.to_string(),
            publication_date: d.publication_date.format("%Y-%m-%d").to_string(),
            title: (&d.title).into(),
            intro: (&d.intro).into(),
            including: Some(
                d.including
                    .iter()
                    .map(|(g, cats)| (g.to_string(), cats.iter().map(ToString::to_string).collect()))
                    .collect(),
            ),
            sections: d
                .sections
                .iter()
                .map(|s| DraftSectionDto {
                    kind: match &s.kind {
                        SectionKind::Context => SectionKindDto::Context,
                        SectionKind::Group { code } => SectionKindDto::Group { code: code.to_string() },
                        SectionKind::Developments => SectionKindDto::Developments,
                        SectionKind::Custom => SectionKindDto::Custom,
                    },
                    title: (&s.title).into(),
                    note: (&s.note).into(),
                    entries: s
                        .entries
                        .iter()
                        .map(|e| DraftEntryDto {
                            item: e.item.into(),
                            title: (&e.title).into(),
                            text: (&e.text).into(),
                            change: None,
                        })
                        .collect(),
                })
                .collect(),
            excluded: Some(d.excluded.iter().map(|e| (*e).into()).collect()),
        }
    }
}

impl OverviewDraftDto {
    /// The draft as [`kuzet_core::monthly::month_draft`] brought it up to
    /// date, its added and moved entries marked.
    pub fn with_changes(d: &OverviewDraft, changes: &DraftChanges) -> Self {
        let mut dto = OverviewDraftDto::from(d);
        for (s, ds) in d.sections.iter().zip(&mut dto.sections) {
            for (e, de) in s.entries.iter().zip(&mut ds.entries) {
                if changes.added.contains(&e.item) {
                    de.change = Some(EntryChangeDto::Added);
                } else if changes.moved.contains(&e.item) {
                    de.change = Some(EntryChangeDto::Moved);
                }
            }
        }
        dto
    }
}

impl TryFrom<OverviewDraftDto> for OverviewDraft {
    type Error = IpcError;

    fn try_from(d: OverviewDraftDto) -> Result<Self, IpcError> {
        let mut p = Problems::default();
        let month = Month::from_str(d.month.trim()).map_err(|e| p.add("month", e.to_string())).ok();
        let publication_date = p.date("publicationDate", &d.publication_date);
        let mut including = BTreeMap::new();
        for (g, cats) in d.including.unwrap_or_default() {
            if let Some(g) = p.code::<GroupCode>("including", &g) {
                let cats: Vec<CategoryCode> = p.codes("including", &cats);
                including.insert(g, cats);
            }
        }
        let mut sections = Vec::new();
        for s in d.sections {
            let kind = match s.kind {
                SectionKindDto::Context => SectionKind::Context,
                SectionKindDto::Group { code } => match p.code::<GroupCode>("sections", &code) {
                    Some(code) => SectionKind::Group { code },
                    None => continue,
                },
                SectionKindDto::Developments => SectionKind::Developments,
                SectionKindDto::Custom => SectionKind::Custom,
            };
            let mut entries = Vec::new();
            for e in s.entries {
                match e.item.to_core() {
                    Some(item) => entries.push(DraftEntry { item, title: e.title.into(), text: e.text.into() }),
                    None => p.add("sections", format!("{:?} is not an id", e.item.id)),
                }
            }
            sections.push(DraftSection { kind, title: s.title.into(), note: s.note.into(), entries });
        }
        let mut excluded = Vec::new();
        for e in d.excluded.unwrap_or_default() {
            match e.to_core() {
                Some(item) => excluded.push(item),
                None => p.add("excluded", format!("{:?} is not an id", e.id)),
            }
        }
        p.finish(|| OverviewDraft {
            month: month.expect("checked"),
            publication_date: publication_date.expect("checked"),
            title: d.title.into(),
            intro: d.intro.into(),
            including,
            sections,
            excluded,
        })
    }
}

/// One line of the counts block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "CountLineDto.ts")]
pub struct CountLineDto {
    /// The line.
    pub text: String,
    /// Run-in parts ("including …").
    pub including: Vec<String>,
    /// Bulleted parts.
    pub bullets: Vec<String>,
}

/// One bar pair of the chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ChartBarDto.ts")]
pub struct ChartBarDto {
    /// Group's short label.
    pub label: String,
    /// This month.
    pub current: u32,
    /// Same month a year earlier.
    pub earlier: u32,
}

/// The bar chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ChartDto.ts")]
pub struct ChartDto {
    /// Title.
    pub title: String,
    /// Legend of the current bars.
    pub current_label: String,
    /// Legend of the earlier bars.
    pub earlier_label: String,
    /// One pair per counted group.
    pub bars: Vec<ChartBarDto>,
}

/// A dated entry of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ReportEntryDto.ts")]
pub struct ReportEntryDto {
    /// The case or development shown.
    pub item: EntryRefDto,
    /// "May 21." in the report's language.
    pub date: String,
    /// Title.
    pub title: String,
    /// Text; newlines are paragraph breaks.
    pub text: String,
    /// Proceeding details.
    pub details: Vec<String>,
}

/// A section of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ReportSectionDto.ts")]
pub struct ReportSectionDto {
    /// Title.
    pub title: String,
    /// Paragraph under the title.
    pub note: String,
    /// Entries.
    pub entries: Vec<ReportEntryDto>,
}

/// The monthly overview in one language: the model the PDF draws.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ReportModelDto.ts")]
pub struct ReportModelDto {
    /// Language of every string.
    pub lang: LangDto,
    /// `"YYYY-MM"`.
    pub month: String,
    /// The organisation's name in kk, ru, en.
    pub org_names: Vec<String>,
    /// Title.
    pub title: String,
    /// Publication date, written out.
    pub publication_date: String,
    /// Intro paragraph.
    pub intro: String,
    /// "In May 2024, the following were recorded:".
    pub counts_heading: String,
    /// One line per counted group with cases.
    pub count_lines: Vec<CountLineDto>,
    /// Comparison paragraphs.
    pub trend: Vec<String>,
    /// Heading of `series`.
    pub series_heading: String,
    /// Series lines.
    pub series: Vec<String>,
    /// Heading of `breakdowns`.
    pub breakdowns_heading: String,
    /// Breakdown lines.
    pub breakdowns: Vec<String>,
    /// The chart.
    pub chart: ChartDto,
    /// Sections.
    pub sections: Vec<ReportSectionDto>,
    /// Closing lines.
    pub footer: Vec<String>,
    /// PDF author metadata.
    pub author: String,
    /// Entries printed in another language than `lang` (no text in it):
    /// the editor lists them, to be translated.
    pub untranslated: Vec<EntryRefDto>,
}

impl From<&ReportModel> for ReportModelDto {
    fn from(m: &ReportModel) -> Self {
        ReportModelDto {
            lang: m.lang.into(),
            month: m.month.to_string(),
            org_names: m.org_names.clone(),
            title: m.title.clone(),
            publication_date: m.publication_date.clone(),
            intro: m.intro.clone(),
            counts_heading: m.counts_heading.clone(),
            count_lines: m
                .count_lines
                .iter()
                .map(|c| CountLineDto {
                    text: c.text.clone(),
                    including: c.including.clone(),
                    bullets: c.bullets.clone(),
                })
                .collect(),
            trend: m.trend.clone(),
            series_heading: m.series_heading.clone(),
            series: m.series.clone(),
            breakdowns_heading: m.breakdowns_heading.clone(),
            breakdowns: m.breakdowns.clone(),
            chart: ChartDto {
                title: m.chart.title.clone(),
                current_label: m.chart.current_label.clone(),
                earlier_label: m.chart.earlier_label.clone(),
                bars: m
                    .chart
                    .bars
                    .iter()
                    .map(|b| ChartBarDto { label: b.label.clone(), current: b.current, earlier: b.earlier })
                    .collect(),
            },
            sections: m
                .sections
                .iter()
                .map(|s| ReportSectionDto {
                    title: s.title.clone(),
                    note: s.note.clone(),
                    entries: s
                        .entries
                        .iter()
                        .map(|e| ReportEntryDto {
                            item: e.item.into(),
                            date: e.date.clone(),
                            title: e.title.clone(),
                            text: e.text.clone(),
                            details: e.details.clone(),
                        })
                        .collect(),
                })
                .collect(),
            footer: m.footer.clone(),
            author: m.author.clone(),
            untranslated: m.untranslated.iter().map(|e| (*e).into()).collect(),
        }
    }
}

impl From<&OrgSettings> for OrgDto {
    fn from(o: &OrgSettings) -> Self {
        OrgDto {
            name: (&o.name).into(),
            short_name: (&o.short_name).into(),
            monitoring_head: (&o.monitoring_head).into(),
            head_email: o.head_email.clone(),
            contact_email: o.contact_email.clone(),
            redaction: o.redaction.into(),
        }
    }
}

impl From<OrgDto> for OrgSettings {
    fn from(o: OrgDto) -> Self {
        OrgSettings {
            name: o.name.into(),
            short_name: o.short_name.into(),
            monitoring_head: o.monitoring_head.into(),
            head_email: o.head_email.trim().to_string(),
            contact_email: o.contact_email.trim().to_string(),
            redaction: o.redaction.into(),
        }
    }
}
