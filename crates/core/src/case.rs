//! Cases and developments: what a monitor records.
//!
//! A [`Case`] is one violation (or, with [`CaseKind::Context`], an event in the
//! country that gives context and is never counted). A [`Development`] is a
//! dated later event in an ongoing case — a hearing, a ruling, a fine, an
//! appeal — shown with its case but never counted again (the foundation:
//! "data on pre-trial and court proceedings do not include reports related to
//! ongoing cases").
//!
//! Input arrives as [`CaseData`] / [`DevelopmentData`] and is checked once, at
//! the boundary, by [`CaseData::validate`]: every problem is reported with the
//! field it concerns. This module knows nothing about storage.

use crate::codes::{CategoryCode, LegalBasisCode, PerpetratorTypeCode, RegionCode, VictimTypeCode};
use crate::lang::Lang;
use crate::taxonomy::Taxonomy;
use crate::text::nfc;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new random (v4) id.
            pub fn new() -> Self {
                Self(Uuid::new_v4())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s.trim()).map(Self)
            }
        }
    };
}

id_type!(
    /// The stable id of a case (a UUID, never reused).
    CaseId
);
id_type!(
    /// The stable id of a development.
    DevelopmentId
);
id_type!(
    /// The stable id of an attachment (an evidence file of a case).
    AttachmentId
);

/// Whether a case is counted in the monthly overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CaseKind {
    /// A violation, counted once in the month of its event date.
    #[default]
    Case,
    /// An event in the country, shown in the overview but never counted.
    Context,
}

/// Whether a case still needs follow-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CaseStatus {
    /// Ongoing: developments may follow.
    #[default]
    Open,
    /// Nothing more is expected.
    Closed,
}

/// The branch of law a proceeding runs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProceedingBranch {
    /// Criminal proceedings.
    Criminal,
    /// Civil claims, in court or pre-trial.
    Civil,
    /// Administrative charges.
    Administrative,
}

impl ProceedingBranch {
    /// The `claims.*` category that counts proceedings of this branch.
    pub fn category(self) -> &'static str {
        match self {
            ProceedingBranch::Criminal => "claims.criminal",
            ProceedingBranch::Civil => "claims.civil",
            ProceedingBranch::Administrative => "claims.administrative",
        }
    }
}

/// How far a proceeding has gone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProceedingStage {
    /// A pre-trial claim or investigation.
    Pretrial,
    /// In court.
    Court,
}

/// Details of a claim: a criminal, civil or administrative proceeding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proceeding {
    /// Criminal, civil or administrative.
    pub branch: ProceedingBranch,
    /// Pre-trial or court, when known.
    #[serde(default)]
    pub stage: Option<ProceedingStage>,
    /// The court or body, free text ("Interdistrict civil court of Shymkent").
    #[serde(default)]
    pub court: String,
    /// The amount claimed, in whole tenge (KZT).
    #[serde(default)]
    pub amount_claimed_kzt: Option<i64>,
    /// A fine imposed, in whole tenge (KZT).
    #[serde(default)]
    pub fine_kzt: Option<i64>,
    /// The outcome so far, free text.
    #[serde(default)]
    pub outcome: String,
}

impl Proceeding {
    /// True when nothing beyond the branch is known (no stage, court,
    /// amounts or outcome): what a CSV row of a claim with empty proceeding
    /// columns reads as, which the file cannot tell from "no proceeding".
    pub fn is_blank(&self) -> bool {
        self.stage.is_none()
            && self.court.is_empty()
            && self.amount_claimed_kzt.is_none()
            && self.fine_kzt.is_none()
            && self.outcome.is_empty()
    }
}

/// Who or what a violation was aimed at.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Victim {
    /// The victim / target type.
    #[serde(default)]
    pub kind: Option<VictimTypeCode>,
    /// A person's or account's name; may be empty.
    #[serde(default)]
    pub name: String,
    /// The media outlet, if any.
    #[serde(default)]
    pub outlet: String,
}

/// The editable content of a case: what the editor, the CLI import and the
/// tests submit. Dates are local dates in Kazakhstan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseData {
    /// The external reference (`ref` column of an import), unique in a vault
    /// when present; re-imports match on it.
    #[serde(default)]
    pub external_ref: Option<String>,
    /// Counted case or context event.
    #[serde(default)]
    pub kind: CaseKind,
    /// The local date in Kazakhstan on which the violation happened or became
    /// known: the date the monthly overview counts it by.
    pub event_date: NaiveDate,
    /// Where it happened.
    #[serde(default)]
    pub region: Option<RegionCode>,
    /// The primary category: exactly one; the case is counted under it.
    pub category: CategoryCode,
    /// Secondary categories, for search only; never counted.
    #[serde(default)]
    pub tags: Vec<CategoryCode>,
    /// A short title; never empty.
    pub title: String,
    /// What happened.
    #[serde(default)]
    pub summary: String,
    /// The victim or target.
    #[serde(default)]
    pub victim: Victim,
    /// The perpetrator type.
    #[serde(default)]
    pub perpetrator_type: Option<PerpetratorTypeCode>,
    /// The legal basis invoked (for claims).
    #[serde(default)]
    pub legal_basis: Option<LegalBasisCode>,
    /// Proceeding details, for claims.
    #[serde(default)]
    pub proceeding: Option<Proceeding>,
    /// Sources: URLs or notes ("told our correspondent by phone").
    #[serde(default)]
    pub sources: Vec<String>,
    /// Open or closed.
    #[serde(default)]
    pub status: CaseStatus,
    /// The victim is a private person whose name must not be published:
    /// the victim's name is then hidden in every public output like a
    /// [`private_names`](Self::private_names) entry.
    #[serde(default)]
    pub confidential: bool,
    /// Names (or phrases) of private persons the title, summary and other
    /// texts mention, which no public output may print: each is replaced, in
    /// any declined form, by a pseudonym or "[name withheld]" (see
    /// [`publication`](crate::publication)). In the import format, the
    /// `private_names` column, `;`-separated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub private_names: Vec<String>,
    /// The language the title and summary are written in.
    #[serde(default)]
    pub language: Option<Lang>,
    /// The title and summary in other languages, for the editions of the
    /// monthly overview and the case print in those languages (see
    /// [`CaseData::text_in`]). Never holds [`language`](Self::language).
    /// In the import format, the `title_kk` … `summary_en` columns.
    #[serde(default, skip_serializing_if = "Translations::is_empty")]
    pub translations: Translations,
}

/// A record's title and summary in one more language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Translation {
    /// The title; never empty.
    pub title: String,
    /// The summary; empty only when the record's own summary is.
    #[serde(default)]
    pub summary: String,
}

/// A record's translations by language (sorted kk, ru, en).
pub type Translations = std::collections::BTreeMap<Lang, Translation>;

/// The text a record shows in one edition: its title and summary in that
/// language when it has them, else its own text, marked untranslated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EditionText<'a> {
    /// The title to print.
    pub title: &'a str,
    /// The summary to print.
    pub summary: &'a str,
    /// Whether the text is in the edition's language: the record is written
    /// in it or has a translation into it. A record whose language is not
    /// recorded counts as untranslated everywhere.
    pub translated: bool,
}

fn edition_text<'a>(
    title: &'a str,
    summary: &'a str,
    language: Option<Lang>,
    translations: &'a Translations,
    lang: Lang,
) -> EditionText<'a> {
    if language == Some(lang) {
        return EditionText { title, summary, translated: true };
    }
    match translations.get(&lang) {
        Some(t) => EditionText { title: &t.title, summary: &t.summary, translated: true },
        None => EditionText { title, summary, translated: false },
    }
}

/// Translations in NFC, trimmed; a translation with neither title nor
/// summary is dropped.
fn clean_translations(translations: &mut Translations) {
    for t in translations.values_mut() {
        t.title = nfc(&t.title);
        t.summary = nfc(&t.summary);
    }
    translations.retain(|_, t| !(t.title.is_empty() && t.summary.is_empty()));
}

fn check_translations(p: &mut Problems, translations: &Translations, language: Option<Lang>, summary: &str) {
    for (lang, t) in translations {
        let code = lang.to_string();
        if Some(*lang) == language {
            p.add(Field::Translations, Problem::SameLanguage { lang: code });
        } else if t.title.is_empty() {
            p.add(Field::Translations, Problem::TranslationIncomplete { lang: code, missing: "title".into() });
        } else if t.summary.is_empty() && !summary.trim().is_empty() {
            p.add(Field::Translations, Problem::TranslationIncomplete { lang: code, missing: "summary".into() });
        } else if t.title.chars().count() > MAX_TITLE_CHARS {
            p.add(Field::Translations, Problem::TooLong { max: MAX_TITLE_CHARS });
        } else {
            check_summary(p, Field::Translations, &t.summary);
        }
    }
}

/// A stored case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    /// Stable id.
    pub id: CaseId,
    /// The content.
    #[serde(flatten)]
    pub data: CaseData,
    /// When it was first stored (UTC).
    pub created_at: DateTime<Utc>,
    /// When it was last changed (UTC).
    pub updated_at: DateTime<Utc>,
}

/// The editable content of a development.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DevelopmentData {
    /// External reference, unique in a vault when present (shares the
    /// namespace of case refs, as in the import file).
    #[serde(default)]
    pub external_ref: Option<String>,
    /// The local date in Kazakhstan of the hearing, ruling, fine, appeal….
    pub event_date: NaiveDate,
    /// A short title; never empty.
    pub title: String,
    /// What happened.
    #[serde(default)]
    pub summary: String,
    /// Sources: URLs or notes.
    #[serde(default)]
    pub sources: Vec<String>,
    /// The language the text is written in.
    #[serde(default)]
    pub language: Option<Lang>,
    /// Names of private persons the development's texts mention, hidden
    /// in every public output (as [`CaseData::private_names`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub private_names: Vec<String>,
    /// The title and summary in other languages (as
    /// [`CaseData::translations`]).
    #[serde(default, skip_serializing_if = "Translations::is_empty")]
    pub translations: Translations,
}

/// A stored development of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Development {
    /// Stable id.
    pub id: DevelopmentId,
    /// The case it continues.
    pub case_id: CaseId,
    /// The content.
    #[serde(flatten)]
    pub data: DevelopmentData,
    /// When it was first stored (UTC).
    pub created_at: DateTime<Utc>,
    /// When it was last changed (UTC).
    pub updated_at: DateTime<Utc>,
}

pub use crate::problem::limits::{MAX_REF_CHARS, MAX_TITLE_CHARS};
pub use crate::problem::{Field, FieldError, Problem};

/// Every problem found with one input; never empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; "))]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    /// One problem with one field.
    pub fn one(field: Field, problem: Problem) -> Self {
        ValidationErrors(vec![FieldError::new(field, problem)])
    }
}

#[derive(Default)]
struct Problems(Vec<FieldError>);

impl Problems {
    fn add(&mut self, field: Field, problem: Problem) {
        self.0.push(FieldError::new(field, problem));
    }

    fn finish(self) -> Result<(), ValidationErrors> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(self.0))
        }
    }
}

fn strings<C: std::fmt::Display>(list: impl Iterator<Item = C>) -> Vec<String> {
    list.map(|c| c.to_string()).collect()
}

fn check_title(p: &mut Problems, title: &str) {
    if title.trim().is_empty() {
        p.add(Field::Title, Problem::Required);
    } else if title.chars().count() > MAX_TITLE_CHARS {
        p.add(Field::Title, Problem::TooLong { max: MAX_TITLE_CHARS });
    }
}

fn check_event_date(p: &mut Problems, date: NaiveDate) {
    use crate::month::{FIRST_EVENT_YEAR, LAST_EVENT_YEAR};
    if !(FIRST_EVENT_YEAR..=LAST_EVENT_YEAR).contains(&date.year()) {
        p.add(
            Field::EventDate,
            Problem::YearOutOfRange { date: date.to_string(), first: FIRST_EVENT_YEAR, last: LAST_EVENT_YEAR },
        );
    }
}

fn check_ref(p: &mut Problems, r: &Option<String>) {
    if let Some(r) = r {
        if r.trim().is_empty() {
            p.add(Field::Ref, Problem::Blank);
        } else if r.chars().count() > MAX_REF_CHARS {
            p.add(Field::Ref, Problem::TooLong { max: MAX_REF_CHARS });
        } else if r.chars().any(char::is_control) {
            p.add(Field::Ref, Problem::ControlCharacters);
        }
    }
}

fn check_sources(p: &mut Problems, sources: &[String]) {
    use crate::problem::limits::{MAX_FIELD_CHARS, MAX_SOURCES};
    if sources.iter().any(|s| s.trim().is_empty()) {
        p.add(Field::Sources, Problem::Blank);
    } else if sources.len() > MAX_SOURCES {
        p.add(Field::Sources, Problem::TooMany { max: MAX_SOURCES });
    } else if sources.iter().any(|s| s.chars().count() > MAX_FIELD_CHARS) {
        p.add(Field::Sources, Problem::TooLong { max: MAX_FIELD_CHARS });
    }
}

/// A summary (or another long text) no longer than
/// [`MAX_SUMMARY_CHARS`](crate::problem::limits::MAX_SUMMARY_CHARS).
fn check_summary(p: &mut Problems, field: Field, text: &str) {
    use crate::problem::limits::MAX_SUMMARY_CHARS;
    if text.chars().count() > MAX_SUMMARY_CHARS {
        p.add(field, Problem::TooLong { max: MAX_SUMMARY_CHARS });
    }
}

/// A short text no longer than
/// [`MAX_FIELD_CHARS`](crate::problem::limits::MAX_FIELD_CHARS).
fn check_short(p: &mut Problems, field: Field, text: &str) {
    use crate::problem::limits::MAX_FIELD_CHARS;
    if text.chars().count() > MAX_FIELD_CHARS {
        p.add(field, Problem::TooLong { max: MAX_FIELD_CHARS });
    }
}

fn check_private_names(p: &mut Problems, names: &[String]) {
    use crate::problem::limits::{MAX_PRIVATE_NAMES, MAX_PRIVATE_NAME_CHARS};
    if names.iter().any(|n| n.trim().is_empty()) {
        p.add(Field::PrivateNames, Problem::Blank);
    } else if names.len() > MAX_PRIVATE_NAMES {
        p.add(Field::PrivateNames, Problem::TooMany { max: MAX_PRIVATE_NAMES });
    } else if names.iter().any(|n| n.chars().count() > MAX_PRIVATE_NAME_CHARS) {
        p.add(Field::PrivateNames, Problem::TooLong { max: MAX_PRIVATE_NAME_CHARS });
    } else if names.iter().any(|n| n.chars().any(char::is_control)) {
        p.add(Field::PrivateNames, Problem::ControlCharacters);
    }
}

/// Private names in NFC, blanks dropped, each name once (by folded form).
fn clean_names(names: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    *names = names.iter().map(|s| nfc(s)).filter(|s| !s.is_empty() && seen.insert(crate::text::fold(s))).collect();
}

fn clean_opt(s: &mut Option<String>) {
    *s = s.as_deref().map(nfc).filter(|s| !s.is_empty());
}

impl CaseData {
    /// Normalises the text fields in place: NFC, trimmed, blank optional
    /// strings become `None`, blank sources are dropped.
    pub fn normalize(&mut self) {
        clean_opt(&mut self.external_ref);
        self.title = nfc(&self.title);
        self.summary = nfc(&self.summary);
        self.victim.name = nfc(&self.victim.name);
        self.victim.outlet = nfc(&self.victim.outlet);
        self.sources = self.sources.iter().map(|s| nfc(s)).filter(|s| !s.is_empty()).collect();
        clean_names(&mut self.private_names);
        clean_translations(&mut self.translations);
        if let Some(p) = &mut self.proceeding {
            p.court = nfc(&p.court);
            p.outcome = nfc(&p.outcome);
        }
    }

    /// The title and summary for the `lang` edition of the overview or a
    /// print: the case's own text when it is written in `lang`, else its
    /// translation into `lang`, else its own text marked untranslated (the
    /// overview editor lists those rather than mixing languages silently).
    pub fn text_in(&self, lang: Lang) -> EditionText<'_> {
        edition_text(&self.title, &self.summary, self.language, &self.translations, lang)
    }

    /// Checks the case against the vault's taxonomy.
    ///
    /// `previous` is the stored version when an existing case is edited: a
    /// retired category is accepted only if the case already had it.
    ///
    /// # Errors
    /// [`ValidationErrors`] listing every problem with the field it concerns:
    /// unknown or retired codes, an empty title, a kind that does not fit the
    /// category's group (a `context` event must use an uncounted category and
    /// a counted case a counted one), tags repeating the primary category,
    /// negative amounts, a proceeding whose branch contradicts a `claims.*`
    /// category.
    pub fn validate(&self, taxonomy: &Taxonomy, previous: Option<&CaseData>) -> Result<(), ValidationErrors> {
        let mut p = Problems::default();
        check_ref(&mut p, &self.external_ref);
        check_event_date(&mut p, self.event_date);
        check_title(&mut p, &self.title);
        check_sources(&mut p, &self.sources);
        check_private_names(&mut p, &self.private_names);
        check_translations(&mut p, &self.translations, self.language, &self.summary);
        check_summary(&mut p, Field::Summary, &self.summary);
        check_short(&mut p, Field::VictimName, &self.victim.name);
        check_short(&mut p, Field::Outlet, &self.victim.outlet);
        if let Some(pr) = &self.proceeding {
            check_short(&mut p, Field::Court, &pr.court);
            check_short(&mut p, Field::Outcome, &pr.outcome);
        }
        let code = self.category.to_string();
        match taxonomy.category(&self.category) {
            None => p.add(Field::Category, unknown_category(taxonomy, &self.category)),
            Some(c) if c.retired && previous.is_none_or(|prev| prev.category != self.category) => {
                p.add(Field::Category, Problem::Retired { code })
            }
            Some(_) => {
                let counted = taxonomy.is_counted(&self.category);
                match self.kind {
                    CaseKind::Case if !counted => p.add(Field::Category, Problem::KindMismatch { code }),
                    CaseKind::Context if counted => p.add(Field::Kind, Problem::KindMismatch { code }),
                    _ => {}
                }
            }
        }
        for (i, tag) in self.tags.iter().enumerate() {
            let code = tag.to_string();
            if taxonomy.category(tag).is_none() {
                p.add(Field::Tags, Problem::UnknownCode { code, known: vec![] });
            } else if tag == &self.category {
                p.add(Field::Tags, Problem::AlreadyPrimary { code });
            } else if self.tags[..i].contains(tag) {
                p.add(Field::Tags, Problem::Duplicate { value: code });
            }
        }
        if let Some(r) = self.region.as_ref().filter(|r| taxonomy.region(r).is_none()) {
            let known = strings(taxonomy.regions.iter().map(|x| &x.code));
            p.add(Field::Region, Problem::UnknownCode { code: r.to_string(), known });
        }
        if let Some(v) = self.victim.kind.as_ref().filter(|v| taxonomy.victim_type(v).is_none()) {
            let known = strings(taxonomy.victim_types.iter().map(|x| &x.code));
            p.add(Field::VictimType, Problem::UnknownCode { code: v.to_string(), known });
        }
        if let Some(v) = self.perpetrator_type.as_ref().filter(|v| taxonomy.perpetrator_type(v).is_none()) {
            let known = strings(taxonomy.perpetrator_types.iter().map(|x| &x.code));
            p.add(Field::PerpetratorType, Problem::UnknownCode { code: v.to_string(), known });
        }
        if let Some(v) = self.legal_basis.as_ref().filter(|v| taxonomy.legal_basis(v).is_none()) {
            let known = strings(taxonomy.legal_bases.iter().map(|x| &x.code));
            p.add(Field::LegalBasis, Problem::UnknownCode { code: v.to_string(), known });
        }
        if let Some(pr) = &self.proceeding {
            if pr.amount_claimed_kzt.is_some_and(|a| a < 0) {
                p.add(Field::AmountClaimedKzt, Problem::Negative);
            }
            if pr.fine_kzt.is_some_and(|a| a < 0) {
                p.add(Field::FineKzt, Problem::Negative);
            }
            let cat = self.category.as_str();
            if cat.starts_with("claims.") && cat != pr.branch.category() {
                let branch = format!("{:?}", pr.branch).to_lowercase();
                p.add(Field::Branch, Problem::BranchMismatch { branch, category: cat.to_string() });
            }
        }
        p.finish()
    }
}

/// The problem of an unknown category: the categories in use of its group
/// when the group exists, else the groups.
fn unknown_category(taxonomy: &Taxonomy, code: &CategoryCode) -> Problem {
    let group = code.as_str().split('.').next().unwrap_or_default();
    let code = code.to_string();
    match taxonomy.groups.iter().find(|g| g.code.as_str() == group) {
        Some(g) => {
            Problem::UnknownCode { code, known: strings(g.categories.iter().filter(|c| !c.retired).map(|c| &c.code)) }
        }
        None => Problem::UnknownGroup { code, known: strings(taxonomy.groups.iter().map(|g| &g.code)) },
    }
}

impl DevelopmentData {
    /// Normalises the text fields in place (NFC, trimmed).
    pub fn normalize(&mut self) {
        clean_opt(&mut self.external_ref);
        self.title = nfc(&self.title);
        self.summary = nfc(&self.summary);
        self.sources = self.sources.iter().map(|s| nfc(s)).filter(|s| !s.is_empty()).collect();
        clean_names(&mut self.private_names);
        clean_translations(&mut self.translations);
    }

    /// The title and summary for the `lang` edition of the overview or a
    /// print: the development's own text when it is written in `lang`, else
    /// its translation into `lang`, else its own text marked untranslated.
    pub fn text_in(&self, lang: Lang) -> EditionText<'_> {
        edition_text(&self.title, &self.summary, self.language, &self.translations, lang)
    }

    /// Checks a development.
    ///
    /// # Errors
    /// [`ValidationErrors`] for an empty title, a blank source or a bad ref.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut p = Problems::default();
        check_ref(&mut p, &self.external_ref);
        check_event_date(&mut p, self.event_date);
        check_title(&mut p, &self.title);
        check_sources(&mut p, &self.sources);
        check_private_names(&mut p, &self.private_names);
        check_translations(&mut p, &self.translations, self.language, &self.summary);
        check_summary(&mut p, Field::Summary, &self.summary);
        p.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(category: &str) -> CaseData {
        CaseData {
            external_ref: Some("2024-05-001".into()),
            kind: CaseKind::Case,
            event_date: NaiveDate::from_ymd_opt(2024, 5, 10).unwrap(),
            region: Some(RegionCode::new("kostanay").unwrap()),
            category: CategoryCode::new(category).unwrap(),
            tags: vec![],
            title: "Судья запретил журналисту вести съёмку".into(),
            summary: String::new(),
            victim: Victim::default(),
            perpetrator_type: None,
            legal_basis: None,
            proceeding: None,
            sources: vec![],
            status: CaseStatus::Open,
            confidential: false,
            private_names: vec![],
            translations: Default::default(),
            language: Some(Lang::Ru),
        }
    }

    fn fields(r: Result<(), ValidationErrors>) -> Vec<String> {
        r.err().map(|e| e.0.into_iter().map(|f| f.field.name().to_string()).collect()).unwrap_or_default()
    }

    #[test]
    fn a_valid_case_passes() {
        assert_eq!(case("journalists.obstruction").validate(&Taxonomy::bundled(), None), Ok(()));
    }

    #[test]
    fn every_problem_names_its_field() {
        let t = Taxonomy::bundled();
        let mut c = case("journalists.nope");
        c.title = "   ".into();
        c.region = Some(RegionCode::new("moscow").unwrap());
        c.victim.kind = Some(VictimTypeCode::new("alien").unwrap());
        assert_eq!(fields(c.validate(&t, None)), ["title", "category", "region", "victim_type"]);
    }

    #[test]
    fn unknown_codes_say_which_codes_exist() {
        let t = Taxonomy::bundled();
        let mut c = case("journalists.nope");
        c.region = Some(RegionCode::new("almaty").unwrap());
        let e = c.validate(&t, None).unwrap_err().0;
        assert!(e[0].message().starts_with("unknown category journalists.nope; the categories of journalists are"));
        assert!(e[0].message().contains("journalists.attack, journalists.threat"), "{}", e[0].message());
        assert!(e[1].message().starts_with("unknown region almaty; the regions are "));
        assert!(e[1].message().contains("almaty_city"), "{}", e[1].message());
        let e = case("press.attack").validate(&t, None).unwrap_err().0;
        assert!(e[0].message().ends_with("categories start with a group: journalists, information, claims, context"));
    }

    #[test]
    fn event_dates_outside_1900_to_2999_are_refused() {
        let t = Taxonomy::bundled();
        let mut c = case("journalists.threat");
        c.event_date = NaiveDate::from_ymd_opt(0, 1, 1).unwrap();
        assert_eq!(fields(c.validate(&t, None)), ["event_date"]);
        c.event_date = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
        assert_eq!(c.validate(&t, None), Ok(()));
    }

    #[test]
    fn context_events_and_counted_categories_do_not_mix() {
        let t = Taxonomy::bundled();
        let mut c = case("context.event");
        assert_eq!(fields(c.validate(&t, None)), ["category"], "a counted case needs a counted category");
        c.kind = CaseKind::Context;
        assert_eq!(c.validate(&t, None), Ok(()));
        let mut c = case("journalists.threat");
        c.kind = CaseKind::Context;
        assert_eq!(fields(c.validate(&t, None)), ["kind"]);
    }

    #[test]
    fn retired_category_is_kept_on_old_cases_only() {
        let mut t = Taxonomy::bundled();
        let code = CategoryCode::new("journalists.insult").unwrap();
        t.set_retired(&code, true).unwrap();
        let old = case("journalists.insult");
        assert_eq!(fields(old.validate(&t, None)), ["category"], "new case cannot use a retired category");
        assert_eq!(old.validate(&t, Some(&old)), Ok(()), "an old case keeps it");
    }

    #[test]
    fn proceeding_branch_must_match_claims_category() {
        let t = Taxonomy::bundled();
        let mut c = case("claims.civil");
        c.proceeding = Some(Proceeding {
            branch: ProceedingBranch::Administrative,
            stage: Some(ProceedingStage::Court),
            court: String::new(),
            amount_claimed_kzt: Some(-1),
            fine_kzt: Some(73_840),
            outcome: String::new(),
        });
        assert_eq!(fields(c.validate(&t, None)), ["amount_claimed_kzt", "proceeding"]);
    }

    #[test]
    fn normalize_trims_and_composes() {
        let mut c = case("journalists.threat");
        c.title = "  Қорқыту\u{0020} ".into();
        c.external_ref = Some("  ".into());
        c.sources = vec!["".into(), " https://adilsoz.kz ".into()];
        c.normalize();
        assert_eq!(c.title, "Қорқыту");
        assert_eq!(c.external_ref, None);
        assert_eq!(c.sources, ["https://adilsoz.kz"]);
    }
}
