//! The monthly overview as data ([`ReportModel`]): every string already in
//! the target language, every number formatted. Built by the pure function
//! [`build_report`] from the month's [`MonthSummary`], the editor's
//! [`OverviewDraft`] and the stored cases; drawn by
//! [`render_pdf`](super::render_pdf). Knows nothing about PDFs or the vault.

use super::count_text::{breakdowns, count_line, series_lines, trend};
use super::draft::{EntryRef, LangTexts, OrgSettings, OverviewDraft, SectionKind};
use super::words;
use super::OverviewError;
use crate::case::{Case, Development};
use crate::lang::Lang;
use crate::month::Month;
use crate::summary::MonthSummary;
use crate::taxonomy::Taxonomy;
use crate::text::capitalise;
use chrono::NaiveDate;
use serde::Serialize;

/// One line of the counts block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountLine {
    /// "22 reports of violations of the rights of journalists, media, and
    /// newsmakers" (no final punctuation).
    pub text: String,
    /// Run-in parts: "including 10 cases of refusals …".
    pub including: Vec<String>,
    /// Bulleted parts, e.g. one per proceeding branch for claims.
    pub bullets: Vec<String>,
}

/// One bar pair of the chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChartBar {
    /// The group's short label.
    pub label: String,
    /// This month's count.
    pub current: u32,
    /// The same month a year earlier.
    pub earlier: u32,
}

/// The bar chart: group counts this month against the same month last year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chart {
    /// The chart's title.
    pub title: String,
    /// Legend of the current bars ("May 2024").
    pub current_label: String,
    /// Legend of the earlier bars ("May 2023").
    pub earlier_label: String,
    /// One pair per counted group, in taxonomy order.
    pub bars: Vec<ChartBar>,
}

/// A dated entry: "May 21." in bold, then the title and the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportEntry {
    /// The case, context event or development shown.
    pub item: EntryRef,
    /// "May 21.", "21 мая.", "21 мамыр.".
    pub date: String,
    /// The title.
    pub title: String,
    /// The text; newlines are paragraph breaks. May be empty.
    pub text: String,
    /// Proceeding details ("Fine: 73,840 tenge."), may be empty.
    pub details: Vec<String>,
}

/// A section of the overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportSection {
    /// The title.
    pub title: String,
    /// A paragraph under the title (may be empty).
    pub note: String,
    /// Entries in print order.
    pub entries: Vec<ReportEntry>,
}

/// The whole monthly overview in one language, ready to draw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportModel {
    /// The language of every string below.
    pub lang: Lang,
    /// The month covered.
    pub month: Month,
    /// The organisation's name in kk, ru, en (the trilingual header).
    pub org_names: Vec<String>,
    /// "Violations of freedom of speech in Kazakhstan, May 2024".
    pub title: String,
    /// The publication date, written out ("16 July 2024").
    pub publication_date: String,
    /// The publication date itself (a local date in Kazakhstan): the PDF's
    /// creation and modification date.
    pub published_on: NaiveDate,
    /// The intro paragraph.
    pub intro: String,
    /// "In May 2024, the following were recorded:".
    pub counts_heading: String,
    /// One line per counted group with at least one case.
    pub count_lines: Vec<CountLine>,
    /// Comparison paragraphs (previous month, same month last year, year to
    /// date).
    pub trend: Vec<String>,
    /// "Dynamics by year" heading for `series`.
    pub series_heading: String,
    /// One line per group: "…: 2022 — 9, 2023 — 6, January–May 2024 — 7".
    pub series: Vec<String>,
    /// Heading for `breakdowns`.
    pub breakdowns_heading: String,
    /// Lines by category, region, victim type, perpetrator, legal basis.
    pub breakdowns: Vec<String>,
    /// The bar chart.
    pub chart: Chart,
    /// The sections with their entries.
    pub sections: Vec<ReportSection>,
    /// Closing lines: how the monitoring was prepared, the head, contacts.
    pub footer: Vec<String>,
    /// The PDF's author metadata (the organisation's name).
    pub author: String,
    /// The entries printed in another language than `lang`, in print
    /// order: their record has no text in `lang` (neither written in it nor
    /// translated, see [`CaseData::text_in`](crate::case::CaseData::text_in))
    /// and the editor gave none. The overview editor lists them so staff
    /// translate them rather than mix languages silently.
    pub untranslated: Vec<EntryRef>,
}

pub(super) fn pick(lang: Lang, kk: &str, ru: &str, en: &str) -> String {
    match lang {
        Lang::Kk => kk,
        Lang::Ru => ru,
        Lang::En => en,
    }
    .to_string()
}

fn default_title(lang: Lang, month: Month) -> String {
    // No-break spaces keep "2024 жылғы мамыр" / "May 2024" on one line.
    let my = words::month_year(lang, month).replace(' ', "\u{a0}");
    match lang {
        Lang::Kk => format!("Қазақстандағы сөз бостандығының бұзылуы, {my}"),
        Lang::Ru => format!("Нарушения свободы слова в Казахстане, {my}"),
        Lang::En => format!("Violations of freedom of speech in Kazakhstan, {my}"),
    }
}

fn default_intro(lang: Lang, month: Month, org: &OrgSettings) -> String {
    let name = org.name.get(lang);
    let short = org.short_name.get(lang);
    match lang {
        Lang::Kk => format!(
            "{short} {name} {} Қазақстандағы сөз бостандығы, ақпаратты алу және тарату саласындағы жағдайды көрсететін оқиғаларға шолу ұсынады.",
            words::kk_period_attr(month)
        ),
        Lang::Ru => format!(
            "{name} {short} представляет обзор событий, отражающих ситуацию в Казахстане со свободой выражения, получения и распространения информации {}.",
            words::in_month_year(lang, month)
        ),
        Lang::En => format!(
            "{name} {short} presents an overview of events reflecting the situation in Kazakhstan with freedom of expression, receipt, and dissemination of information {}.",
            words::in_month_year(lang, month)
        ),
    }
}

pub(super) fn chart_label(lang: Lang, code: &str, fallback: &str) -> String {
    match code {
        "journalists" => pick(lang, "Журналистер құқықтары", "Права журналистов", "Journalists' rights"),
        "information" => pick(lang, "Ақпарат алу құқығы", "Право на информацию", "Right to information"),
        "claims" => pick(lang, "Талаптар мен талап-арыздар", "Претензии и иски", "Claims and lawsuits"),
        _ => fallback.to_string(),
    }
}

fn section_title(lang: Lang, kind: &SectionKind, month: Month, taxonomy: &Taxonomy) -> String {
    match kind {
        SectionKind::Context => taxonomy.groups.iter().find(|g| !g.counted).map_or_else(
            || pick(lang, "Елдегі оқиғалар", "События в стране", "Events in the country"),
            |g| g.label.get(lang).to_string(),
        ),
        SectionKind::Group { code } => {
            taxonomy.group(code).map_or_else(|| code.to_string(), |g| g.label.get(lang).to_string())
        }
        SectionKind::Developments => match lang {
            Lang::En => format!("Also {}:", words::in_month(lang, month.number())),
            Lang::Ru => format!("Также {}:", words::in_month(lang, month.number())),
            Lang::Kk => format!("Сондай-ақ {}:", words::in_month(lang, month.number())),
        },
        SectionKind::Custom => String::new(),
    }
}

fn or_generated(texts: &LangTexts, lang: Lang, generated: impl FnOnce() -> String) -> String {
    texts.get(lang).map_or_else(generated, str::to_string)
}

fn proceeding_details(lang: Lang, case: &Case) -> Vec<String> {
    let Some(p) = &case.data.proceeding else { return Vec::new() };
    let mut out = Vec::new();
    if let Some(a) = p.amount_claimed_kzt {
        out.push(format!("{}: {}.", pick(lang, "Талап сомасы", "Сумма иска", "Amount claimed"), words::kzt(lang, a)));
    }
    if let Some(f) = p.fine_kzt {
        out.push(format!("{}: {}.", pick(lang, "Айыппұл", "Штраф", "Fine"), words::kzt(lang, f)));
    }
    out
}

pub(super) fn footer(lang: Lang, org: &OrgSettings) -> Vec<String> {
    let short = org.short_name.get(lang);
    let head = org.monitoring_head.get(lang);
    match lang {
        Lang::En => vec![
            format!("The monitoring was prepared according to reports to correspondents of the {short} Foundation and information from open sources."),
            format!("Head of the Monitoring Service of the {short} Foundation — {head}"),
            format!("Email: {}", org.head_email),
            format!("For all monitoring-related inquiries, you can also contact: {}", org.contact_email),
        ],
        Lang::Ru => vec![
            format!("Мониторинг подготовлен по сообщениям корреспондентов Фонда {short} и информации из открытых источников."),
            format!("Руководитель службы мониторинга Фонда {short} — {head}"),
            format!("Эл. почта: {}", org.head_email),
            format!("По всем вопросам, связанным с мониторингом, можно также обращаться: {}", org.contact_email),
        ],
        Lang::Kk => vec![
            format!("Мониторинг {short} қорының тілшілеріне түскен хабарламалар мен ашық дереккөздердегі ақпарат негізінде дайындалды."),
            format!("{short} қоры мониторинг қызметінің басшысы — {head}"),
            format!("Электрондық пошта: {}", org.head_email),
            format!("Мониторингке қатысты барлық сұрақтар бойынша: {}", org.contact_email),
        ],
    }
}

/// Builds the overview of `month` in `lang`.
///
/// `summary` is [`summary`](crate::summary::summary) of the same month;
/// `cases` and `developments` must contain every item the draft refers to
/// (extra items are ignored). Pure: the same inputs give the same model.
///
/// # Errors
/// [`OverviewError::MonthMismatch`] when the summary or draft is of another
/// month; [`OverviewError::MissingEntry`] when a draft entry refers to a
/// case or development not given (see
/// [`OverviewDraft::retain_existing`](super::OverviewDraft::retain_existing)).
#[allow(clippy::too_many_arguments)]
pub fn build_report(
    lang: Lang,
    month: Month,
    summary: &MonthSummary,
    draft: &OverviewDraft,
    org: &OrgSettings,
    cases: &[Case],
    developments: &[Development],
    taxonomy: &Taxonomy,
) -> Result<ReportModel, OverviewError> {
    for (what, m) in [("summary", summary.counts.month), ("draft", draft.month)] {
        if m != month {
            return Err(OverviewError::MonthMismatch { what, expected: month, found: m });
        }
    }
    let mut sections = Vec::new();
    let mut untranslated = Vec::new();
    for (si, s) in draft.sections.iter().enumerate() {
        let mut entries = Vec::new();
        for e in &s.entries {
            let (date, own, details) = match e.item {
                EntryRef::Case(id) => {
                    let c = cases
                        .iter()
                        .find(|c| c.id == id)
                        .ok_or(OverviewError::MissingEntry { section: si + 1, id: id.to_string() })?;
                    (c.data.event_date, c.data.text_in(lang), proceeding_details(lang, c))
                }
                EntryRef::Development(id) => {
                    let d = developments
                        .iter()
                        .find(|d| d.id == id)
                        .ok_or(OverviewError::MissingEntry { section: si + 1, id: id.to_string() })?;
                    (d.data.event_date, d.data.text_in(lang), Vec::new())
                }
            };
            // The editor's text in `lang` counts as a translation of its
            // half; an empty summary needs none.
            let title_in_lang = own.translated || e.title.get(lang).is_some();
            let text_in_lang = own.translated || e.text.get(lang).is_some() || own.summary.is_empty();
            if !(title_in_lang && text_in_lang) {
                untranslated.push(e.item);
            }
            entries.push(ReportEntry {
                item: e.item,
                date: words::entry_date(lang, date),
                title: or_generated(&e.title, lang, || own.title.to_string()),
                text: or_generated(&e.text, lang, || own.summary.to_string()),
                details,
            });
        }
        sections.push(ReportSection {
            title: or_generated(&s.title, lang, || match s.kind {
                // A custom section has no generated title: the editor's
                // title in another language rather than none.
                SectionKind::Custom => Lang::ALL.iter().find_map(|l| s.title.get(*l)).unwrap_or_default().to_string(),
                _ => section_title(lang, &s.kind, month, taxonomy),
            }),
            note: s.note.get(lang).unwrap_or_default().to_string(),
            entries,
        });
    }

    let count_lines: Vec<_> = summary
        .counts
        .groups
        .iter()
        .filter(|g| g.count > 0)
        .map(|g| count_line(lang, g, &draft.including, taxonomy))
        .collect();
    let last_year = summary.previous_year_same_month.month;
    let chart = Chart {
        title: pick(
            lang,
            "Тіркелген бұзушылықтар, топтар бойынша",
            "Зафиксированные нарушения по группам",
            "Recorded violations by group",
        ),
        current_label: words::month_year(lang, month),
        earlier_label: words::month_year(lang, last_year),
        bars: summary
            .counts
            .groups
            .iter()
            .map(|g| {
                let fallback =
                    taxonomy.group(&g.code).map_or_else(|| g.code.to_string(), |x| x.label.get(lang).to_string());
                ChartBar {
                    label: chart_label(lang, g.code.as_str(), &fallback),
                    current: g.count,
                    earlier: summary.previous_year_same_month.group(g.code.as_str()),
                }
            })
            .collect(),
    };

    Ok(ReportModel {
        lang,
        month,
        org_names: Lang::ALL.iter().map(|l| org.name.get(*l).to_string()).collect(),
        title: or_generated(&draft.title, lang, || default_title(lang, month)),
        publication_date: words::full_date(lang, draft.publication_date),
        published_on: draft.publication_date,
        intro: or_generated(&draft.intro, lang, || default_intro(lang, month, org)),
        // A month without counted cases says so instead of a heading
        // followed by nothing.
        counts_heading: match (lang, count_lines.is_empty()) {
            (Lang::En, false) => format!("In {}, the following were recorded:", words::month_year(lang, month)),
            (Lang::Ru, false) => format!("{} зафиксировано:", capitalise(&words::in_month_year(lang, month))),
            (Lang::Kk, false) => format!("{} тіркелді:", capitalise(&words::in_month_year(lang, month))),
            (Lang::En, true) => format!("In {}, no violations were recorded.", words::month_year(lang, month)),
            (Lang::Ru, true) => {
                format!("{} нарушений не зафиксировано.", capitalise(&words::in_month_year(lang, month)))
            }
            (Lang::Kk, true) => format!("{} бұзушылық тіркелген жоқ.", capitalise(&words::in_month_year(lang, month))),
        },
        count_lines,
        trend: trend(lang, summary),
        series_heading: pick(lang, "Жылдар бойынша динамика", "Динамика по годам", "Dynamics by year"),
        series: series_lines(lang, summary, taxonomy),
        breakdowns_heading: pick(lang, "Толығырақ", "Подробнее", "Breakdown"),
        breakdowns: breakdowns(lang, &summary.counts.groups, &summary.breakdowns, taxonomy),
        chart,
        sections,
        footer: footer(lang, org),
        author: format!("{} {}", org.name.get(lang), org.short_name.get(lang)),
        untranslated,
    })
}
