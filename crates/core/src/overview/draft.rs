//! The editable monthly overview ([`OverviewDraft`]) and the organisation's
//! settings ([`OrgSettings`]): plain serde types the vault stores as JSON
//! documents (keys [`draft_key`] and [`ORG_SETTINGS_KEY`]).
//!
//! A draft holds only what an editor chose: order, overrides, which
//! categories to single out. Everything generated (titles, the intro, month
//! names, counts) is generated again on every build, so a month name is
//! never typed by hand.

use crate::case::{Case, CaseId, CaseKind, Development, DevelopmentId, ValidationErrors};
use crate::codes::{CategoryCode, GroupCode};
use crate::lang::{Labels, Lang};
use crate::month::Month;
use crate::problem::{Field, FieldError, Problem};
use crate::taxonomy::Taxonomy;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The vault document key of the draft of `month`: `"overview-draft/2024-05"`.
pub fn draft_key(month: Month) -> String {
    format!("overview-draft/{month}")
}

/// The vault document key of the [`OrgSettings`].
pub const ORG_SETTINGS_KEY: &str = "org-settings";

/// Optional texts per language: an editor's override. `None` (or blank)
/// means "use the generated text".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LangTexts {
    /// Kazakh.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kk: Option<String>,
    /// Russian.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ru: Option<String>,
    /// English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl LangTexts {
    /// The override in `lang`, if one is given and not blank.
    pub fn get(&self, lang: Lang) -> Option<&str> {
        let v = match lang {
            Lang::Kk => &self.kk,
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        };
        v.as_deref().filter(|s| !s.trim().is_empty())
    }

    /// Sets the override in `lang`.
    pub fn set(&mut self, lang: Lang, text: impl Into<String>) {
        let v = Some(text.into());
        match lang {
            Lang::Kk => self.kk = v,
            Lang::Ru => self.ru = v,
            Lang::En => self.en = v,
        }
    }
}

/// What a section of the overview is about; decides its generated title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SectionKind {
    /// Events in the country (context events).
    Context,
    /// The cases of one counted group.
    Group {
        /// The group.
        code: GroupCode,
    },
    /// Developments of ongoing cases ("Also in May").
    Developments,
    /// A section the editor made; its title comes from the draft only.
    Custom,
}

/// What an entry shows. A context event is a case of kind `context`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", content = "id", rename_all = "snake_case")]
pub enum EntryRef {
    /// A case or context event.
    Case(CaseId),
    /// A development of a case.
    Development(DevelopmentId),
}

/// One dated entry of a section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftEntry {
    /// The case, context event or development shown.
    pub item: EntryRef,
    /// Overrides of the title per language (default: the stored title).
    #[serde(default)]
    pub title: LangTexts,
    /// Overrides of the text per language (default: the stored summary).
    /// Newlines are kept.
    #[serde(default)]
    pub text: LangTexts,
}

impl DraftEntry {
    /// An entry with no overrides.
    pub fn of(item: EntryRef) -> Self {
        DraftEntry { item, title: LangTexts::default(), text: LangTexts::default() }
    }
}

/// A section of the overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftSection {
    /// What the section is about.
    pub kind: SectionKind,
    /// Title overrides per language (default: generated from `kind`).
    #[serde(default)]
    pub title: LangTexts,
    /// An optional paragraph under the title, per language.
    #[serde(default)]
    pub note: LangTexts,
    /// Entries in print order.
    pub entries: Vec<DraftEntry>,
}

/// The editable monthly overview of one month, saved in the vault under
/// [`draft_key`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverviewDraft {
    /// The month covered.
    pub month: Month,
    /// The publication date (local date in Kazakhstan).
    pub publication_date: NaiveDate,
    /// Title overrides (default: "Violations of freedom of speech in
    /// Kazakhstan, ‹Month Year›").
    #[serde(default)]
    pub title: LangTexts,
    /// Intro overrides (default: generated from the organisation's name and
    /// the month).
    #[serde(default)]
    pub intro: LangTexts,
    /// Per group, the categories named in the counts block ("including 10
    /// cases of …"). A group not listed follows the default rule: a
    /// category that holds at least half of the group's cases.
    #[serde(default)]
    pub including: BTreeMap<GroupCode, Vec<CategoryCode>>,
    /// Sections in print order.
    pub sections: Vec<DraftSection>,
    /// Records of the month the editor removed from the overview:
    /// [`OverviewDraft::reconcile`] does not add them back. Listing one in
    /// a section again takes it off this list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded: Vec<EntryRef>,
}

impl OverviewDraft {
    /// Checks what an editor can get wrong in a draft before it is saved:
    /// a case or development listed twice (in one section or in two:
    /// [`Problem::EntryTwice`], naming it by date and title from `cases` /
    /// `developments`, else by id) and a custom section without a title in
    /// any language ([`Problem::UntitledSection`]), and a text longer than
    /// [`MAX_SUMMARY_CHARS`](crate::problem::limits::MAX_SUMMARY_CHARS)
    /// ([`Problem::TooLong`]). Every problem is on [`Field::Form`].
    pub fn validate(&self, cases: &[Case], developments: &[Development]) -> Result<(), ValidationErrors> {
        let mut problems = Vec::new();
        let mut seen: HashSet<EntryRef> = HashSet::new();
        let mut reported: HashSet<EntryRef> = HashSet::new();
        for (si, s) in self.sections.iter().enumerate() {
            if s.kind == SectionKind::Custom && Lang::ALL.iter().all(|l| s.title.get(*l).is_none()) {
                problems.push(FieldError::new(Field::Form, Problem::UntitledSection { section: si + 1 }));
            }
            for e in &s.entries {
                if !seen.insert(e.item) && reported.insert(e.item) {
                    let entry = match e.item {
                        EntryRef::Case(id) => cases
                            .iter()
                            .find(|c| c.id == id)
                            .map(|c| format!("{} {}", c.data.event_date, c.data.title))
                            .unwrap_or_else(|| format!("case {id}")),
                        EntryRef::Development(id) => developments
                            .iter()
                            .find(|d| d.id == id)
                            .map(|d| format!("{} {}", d.data.event_date, d.data.title))
                            .unwrap_or_else(|| format!("development {id}")),
                    };
                    problems.push(FieldError::new(Field::Form, Problem::EntryTwice { entry }));
                }
            }
        }
        let mut texts: Vec<&LangTexts> = vec![&self.title, &self.intro];
        for s in &self.sections {
            texts.extend([&s.title, &s.note]);
            texts.extend(s.entries.iter().flat_map(|e| [&e.title, &e.text]));
        }
        let max = crate::problem::limits::MAX_SUMMARY_CHARS;
        if texts.iter().any(|t| Lang::ALL.iter().any(|l| t.get(*l).is_some_and(|x| x.chars().count() > max))) {
            problems.push(FieldError::new(Field::Form, Problem::TooLong { max }));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(problems))
        }
    }

    /// Drops entries whose case or development is not in `cases` /
    /// `developments` (e.g. deleted after the draft was saved), returning
    /// how many were dropped. [`OverviewDraft::reconcile`] does this and
    /// also lists what the month gained since.
    pub fn retain_existing(&mut self, cases: &[Case], developments: &[Development]) -> usize {
        let mut dropped = 0;
        for s in &mut self.sections {
            let before = s.entries.len();
            s.entries.retain(|e| match e.item {
                EntryRef::Case(id) => cases.iter().any(|c| c.id == id),
                EntryRef::Development(id) => developments.iter().any(|d| d.id == id),
            });
            dropped += before - s.entries.len();
        }
        dropped
    }

    /// Brings a saved draft up to date with the month's records, keeping
    /// the editor's order, overrides and custom sections:
    ///
    /// 1. an entry whose case or development is not in `cases` /
    ///    `developments` dated in the draft's month (deleted, or its event
    ///    date moved to another month) is dropped, in any section;
    /// 2. an entry in a generated section (events in the country, a group,
    ///    "also in ‹month›") whose record now belongs elsewhere (its
    ///    category moved to another group, its kind changed) is moved, with
    ///    its overrides, to the section [`default_draft`] would put it in;
    ///    one the default draft would leave out (its group is no longer
    ///    counted) is dropped. Entries in custom sections stay where the
    ///    editor put them;
    /// 3. a case or development of the month that the draft does not list
    ///    anywhere is added to its default section, unless the editor
    ///    removed it (it is in [`OverviewDraft::excluded`]). The excluded
    ///    list keeps only records of the month that no section lists.
    ///
    /// A generated section that had entries and has none left is removed,
    /// unless the editor gave it a title or note.
    ///
    /// Moved and added entries go in date order among the section's
    /// entries: each after the last entry dated on or before it (same date:
    /// by title), so the others keep their order. A section the draft lacks
    /// is created where the default draft has it: after the last generated
    /// section that comes before it in the default order (events, groups in
    /// taxonomy order, developments), else before the first one.
    ///
    /// `cases` and `developments` may hold records of other months (they
    /// are ignored). Pure; returns what changed.
    pub fn reconcile(&mut self, cases: &[Case], developments: &[Development], taxonomy: &Taxonomy) -> DraftChanges {
        let month = self.month;
        // The month's records: (event date, title) and default section.
        type Record<'a> = ((NaiveDate, &'a str), Option<SectionKind>);
        let mut records: HashMap<EntryRef, Record<'_>> = HashMap::new();
        let mut order: Vec<EntryRef> = Vec::new();
        for c in cases.iter().filter(|c| month.contains(c.data.event_date)) {
            let item = EntryRef::Case(c.id);
            order.push(item);
            records.insert(item, ((c.data.event_date, c.data.title.as_str()), default_section(c, taxonomy)));
        }
        for d in developments.iter().filter(|d| month.contains(d.data.event_date)) {
            let item = EntryRef::Development(d.id);
            order.push(item);
            records.insert(item, ((d.data.event_date, d.data.title.as_str()), Some(SectionKind::Developments)));
        }
        let record = |item: EntryRef| records.get(&item).cloned();
        let mut changes = DraftChanges::default();
        let mut to_place: Vec<(DraftEntry, SectionKind)> = Vec::new();
        let mut emptied = vec![false; self.sections.len()];
        for (si, s) in self.sections.iter_mut().enumerate() {
            let entries = std::mem::take(&mut s.entries);
            emptied[si] = !entries.is_empty();
            for e in entries {
                match record(e.item) {
                    None => changes.dropped += 1,
                    Some(_) if s.kind == SectionKind::Custom => s.entries.push(e),
                    Some((_, None)) => changes.dropped += 1,
                    Some((_, Some(k))) if k == s.kind => s.entries.push(e),
                    Some((_, Some(k))) => {
                        changes.moved.push(e.item);
                        to_place.push((e, k));
                    }
                }
            }
            emptied[si] &= s.entries.is_empty();
        }

        let mut listed: HashSet<EntryRef> =
            self.sections.iter().flat_map(|s| s.entries.iter().map(|e| e.item)).collect();
        listed.extend(to_place.iter().map(|(e, _)| e.item));
        self.excluded.retain(|item| records.contains_key(item) && !listed.contains(item));
        let mut seen_excluded = HashSet::new();
        self.excluded.retain(|item| seen_excluded.insert(*item));
        listed.extend(self.excluded.iter().copied());
        let mut new_items: Vec<((NaiveDate, &str), EntryRef, SectionKind)> = Vec::new();
        for item in order {
            if let Some((key, Some(k))) = record(item) {
                if listed.insert(item) {
                    new_items.push((key, item, k));
                }
            }
        }
        new_items.sort_by(|a, b| entry_order(a.0, b.0));
        for (_, item, k) in new_items {
            changes.added.push(item);
            to_place.push((DraftEntry::of(item), k));
        }
        for (entry, kind) in to_place {
            let si = match self.sections.iter().position(|s| s.kind == kind) {
                Some(i) => i,
                None => {
                    let r = section_rank(&kind, taxonomy);
                    let generated = |s: &DraftSection| s.kind != SectionKind::Custom;
                    let at =
                        match self.sections.iter().rposition(|s| generated(s) && section_rank(&s.kind, taxonomy) < r) {
                            Some(i) => i + 1,
                            None => self.sections.iter().position(generated).unwrap_or(self.sections.len()),
                        };
                    emptied.insert(at, false);
                    self.sections.insert(
                        at,
                        DraftSection {
                            kind,
                            title: LangTexts::default(),
                            note: LangTexts::default(),
                            entries: Vec::new(),
                        },
                    );
                    at
                }
            };
            let key = record(entry.item).map(|(k, _)| k);
            let entries = &mut self.sections[si].entries;
            let at =
                entries.iter().rposition(|e| record(e.item).is_some_and(|(k, _)| Some(k) <= key)).map_or(0, |i| i + 1);
            entries.insert(at, entry);
        }
        // A generated section left with nothing to list goes (after the
        // placing above, so a new section takes its place), unless the
        // editor wrote a title or note for it (kept, shown as empty).
        let mut flags = emptied.into_iter();
        self.sections.retain(|s| {
            let emptied = flags.next().unwrap_or(false) && s.entries.is_empty();
            let edited = Lang::ALL.iter().any(|l| s.title.get(*l).is_some() || s.note.get(*l).is_some());
            !(emptied && s.kind != SectionKind::Custom && !edited)
        });
        changes
    }
}

/// What [`OverviewDraft::reconcile`] changed in a saved draft.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DraftChanges {
    /// How many entries were dropped: their record was deleted, moved to
    /// another month, or no longer belongs in any generated section.
    pub dropped: usize,
    /// Records of the month the saved draft did not list, now listed (in
    /// date order), to be shown as new.
    pub added: Vec<EntryRef>,
    /// Entries moved to another generated section (category or kind
    /// changed), with their overrides.
    pub moved: Vec<EntryRef>,
}

impl DraftChanges {
    /// Whether the draft was left as saved.
    pub fn is_empty(&self) -> bool {
        self.dropped == 0 && self.added.is_empty() && self.moved.is_empty()
    }
}

/// The section [`default_draft`] puts `case` in: events in the country for
/// a context event, its group's section for a counted case (the group of
/// its category in `taxonomy`, else the code's own prefix), none for a case
/// of a group that is not counted.
fn default_section(case: &Case, taxonomy: &Taxonomy) -> Option<SectionKind> {
    match case.data.kind {
        CaseKind::Context => Some(SectionKind::Context),
        CaseKind::Case => {
            let code = taxonomy.group_of(&case.data.category).map_or(case.data.category.group(), |g| g.code.clone());
            let counted = taxonomy.groups.iter().any(|g| g.code == code && g.counted);
            counted.then_some(SectionKind::Group { code })
        }
    }
}

/// A generated section's place in the default order: events in the
/// country, the groups in taxonomy order (unknown groups after them), the
/// developments; custom sections have no place.
fn section_rank(kind: &SectionKind, taxonomy: &Taxonomy) -> usize {
    match kind {
        SectionKind::Context => 0,
        SectionKind::Group { code } => {
            1 + taxonomy.groups.iter().position(|g| &g.code == code).unwrap_or(taxonomy.groups.len())
        }
        SectionKind::Developments => 2 + taxonomy.groups.len(),
        SectionKind::Custom => usize::MAX,
    }
}

/// The organisation publishing the overview, saved in the vault under
/// [`ORG_SETTINGS_KEY`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgSettings {
    /// The full name in kk/ru/en, printed as the trilingual header.
    pub name: Labels,
    /// The short name used in running text, with its quotes: «Adil Soz».
    pub short_name: Labels,
    /// The head of the monitoring service.
    pub monitoring_head: Labels,
    /// The monitoring head's e-mail.
    pub head_email: String,
    /// The e-mail for all monitoring-related inquiries.
    pub contact_email: String,
    /// How private persons' names are replaced in public documents:
    /// "citizen A." or "[name withheld]".
    #[serde(default)]
    pub redaction: crate::publication::RedactionStyle,
}

impl Default for OrgSettings {
    /// The International Foundation for Freedom of Speech Protection «Adil
    /// Soz», as in its published overviews.
    fn default() -> Self {
        OrgSettings {
            name: Labels {
                kk: "Сөз бостандығын қорғау халықаралық қоры".into(),
                ru: "Международный фонд защиты свободы слова".into(),
                en: "The International Foundation for Freedom of Speech Protection".into(),
            },
            short_name: Labels {
                kk: "«Әділ сөз»".into(), ru: "«Адил соз»".into(), en: "«Adil Soz»".into()
            },
            monitoring_head: Labels {
                kk: "Елена Цой".into(), ru: "Елена Цой".into(), en: "Elena Tsoy".into()
            },
            head_email: "lena@adilsoz.kz".into(),
            contact_email: "info@adilsoz.kz".into(),
            redaction: crate::publication::RedactionStyle::Pseudonym,
        }
    }
}

/// The order of a section's entries: by event date, same-day entries by
/// title in Kazakh/Russian alphabetical order ([`crate::text::collate_cmp`]).
fn entry_order(a: (NaiveDate, &str), b: (NaiveDate, &str)) -> std::cmp::Ordering {
    a.0.cmp(&b.0).then_with(|| crate::text::collate_cmp(a.1, b.1))
}

/// A first draft of `month`'s overview: "Events in the country" (context
/// events of the month), one section per counted group with at least one
/// case of the month (its cases, by date), and "Also in ‹month›" with the
/// month's developments. Entries are ordered by event date, then title in
/// Kazakh/Russian alphabetical order.
/// Cases and developments outside the month are left out.
pub fn default_draft(
    month: Month,
    cases: &[Case],
    developments: &[Development],
    taxonomy: &Taxonomy,
    publication_date: NaiveDate,
) -> OverviewDraft {
    let mut of_month: Vec<&Case> = cases.iter().filter(|c| month.contains(c.data.event_date)).collect();
    of_month.sort_by(|a, b| entry_order((a.data.event_date, &a.data.title), (b.data.event_date, &b.data.title)));
    let section = |kind: SectionKind, entries: Vec<DraftEntry>| DraftSection {
        kind,
        title: LangTexts::default(),
        note: LangTexts::default(),
        entries,
    };
    let mut sections = Vec::new();
    let context: Vec<DraftEntry> = of_month
        .iter()
        .filter(|c| c.data.kind == CaseKind::Context)
        .map(|c| DraftEntry::of(EntryRef::Case(c.id)))
        .collect();
    if !context.is_empty() {
        sections.push(section(SectionKind::Context, context));
    }
    for g in taxonomy.groups.iter().filter(|g| g.counted) {
        let entries: Vec<DraftEntry> = of_month
            .iter()
            .filter(|c| default_section(c, taxonomy) == Some(SectionKind::Group { code: g.code.clone() }))
            .map(|c| DraftEntry::of(EntryRef::Case(c.id)))
            .collect();
        if !entries.is_empty() {
            sections.push(section(SectionKind::Group { code: g.code.clone() }, entries));
        }
    }
    let mut devs: Vec<&Development> = developments.iter().filter(|d| month.contains(d.data.event_date)).collect();
    devs.sort_by(|a, b| entry_order((a.data.event_date, &a.data.title), (b.data.event_date, &b.data.title)));
    if !devs.is_empty() {
        sections.push(section(
            SectionKind::Developments,
            devs.iter().map(|d| DraftEntry::of(EntryRef::Development(d.id))).collect(),
        ));
    }
    OverviewDraft {
        month,
        publication_date,
        title: LangTexts::default(),
        intro: LangTexts::default(),
        including: BTreeMap::new(),
        sections,
        excluded: Vec::new(),
    }
}
