//! The monthly overview as data ([`ReportModel`]): every string already in
//! the target language, every number formatted. Built by the pure function
//! [`build_report`] from the month's [`MonthSummary`], the editor's
//! [`OverviewDraft`] and the stored cases; drawn by
//! [`render_pdf`](super::render_pdf). Knows nothing about PDFs or the vault.

use super::draft::{EntryRef, LangTexts, OrgSettings, OverviewDraft, SectionKind};
use super::words::{self, en_count, int, ru_count};
use super::OverviewError;
use crate::case::{Case, Development};
use crate::codes::CategoryCode;
use crate::lang::Lang;
use crate::month::Month;
use crate::summary::{change, Breakdown, GroupCount, MonthSummary};
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
}

fn pick(lang: Lang, kk: &str, ru: &str, en: &str) -> String {
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

/// "N reports of …" for a counted group.
fn group_line(lang: Lang, code: &str, n: u32, label: &str) -> String {
    let reports_ru = ["сообщение", "сообщения", "сообщений"];
    let num = int(lang, i64::from(n));
    match (code, lang) {
        ("journalists", Lang::En) => {
            format!("{} of violations of the rights of journalists, media, and newsmakers", en_count(n, "report", "reports"))
        }
        ("journalists", Lang::Ru) => {
            format!("{} о нарушениях прав журналистов, СМИ и ньюсмейкеров", ru_count(n, reports_ru))
        }
        ("journalists", Lang::Kk) => {
            format!("Журналистердің, БАҚ пен ньюсмейкерлердің құқықтарын бұзу туралы {num} хабарлама")
        }
        ("information", Lang::En) => format!(
            "{} related to the right to freely receive and disseminate information",
            en_count(n, "report", "reports")
        ),
        ("information", Lang::Ru) => format!(
            "{}, {} права на свободное получение и распространение информации",
            ru_count(n, reports_ru),
            if words::ru_plural(n) == 0 { "касающееся" } else { "касающихся" }
        ),
        ("information", Lang::Kk) => {
            format!("Ақпаратты еркін алу және тарату құқығына қатысты {num} хабарлама")
        }
        ("claims", Lang::En) => format!(
            "{} of pre-trial and court claims and lawsuits against journalists, media outlets, and citizens",
            en_count(n, "report", "reports")
        ),
        ("claims", Lang::Ru) => format!(
            "{} о досудебных и судебных претензиях и исках к журналистам, СМИ и гражданам",
            ru_count(n, reports_ru)
        ),
        ("claims", Lang::Kk) => format!(
            "Журналистерге, БАҚ пен азаматтарға қойылған сотқа дейінгі және сот талаптары мен талап-арыздар туралы {num} хабарлама"
        ),
        _ => format!("{label}: {num}"),
    }
}

fn claims_note(lang: Lang) -> String {
    pick(
        lang,
        "(сотқа дейінгі және сот істері туралы деректерге жалғасып жатқан істерге қатысты хабарламалар кірмейді)",
        "(данные о досудебных и судебных разбирательствах не включают сообщения, касающиеся продолжающихся дел)",
        "(data on pre-trial and court proceedings do not include reports related to ongoing cases)",
    )
}

fn including_line(lang: Lang, n: u32, label: &str) -> String {
    match lang {
        Lang::En => format!("including {} of {}", en_count(n, "case", "cases"), words::lower_first(label)),
        Lang::Ru => format!("в том числе {} по категории «{label}»", ru_count(n, ["случай", "случая", "случаев"])),
        Lang::Kk => format!("оның ішінде «{label}» санаты бойынша {} жағдай", int(lang, i64::from(n))),
    }
}

fn claim_bullet(lang: Lang, category: &str, n: u32, label: &str) -> String {
    let cases_ru = ["случай", "случая", "случаев"];
    let num = int(lang, i64::from(n));
    match (category, lang) {
        ("claims.criminal", Lang::En) => format!("{} in criminal proceedings", en_count(n, "case", "cases")),
        ("claims.criminal", Lang::Ru) => format!("{} уголовного преследования", ru_count(n, cases_ru)),
        ("claims.criminal", Lang::Kk) => format!("қылмыстық қудалау бойынша {num} жағдай"),
        ("claims.civil", Lang::En) => {
            format!(
                "{} against media in civil proceedings",
                en_count(n, "court or pre-trial claim", "court and pre-trial claims")
            )
        }
        ("claims.civil", Lang::Ru) => {
            format!("{} в гражданском порядке (судебные иски и досудебные претензии)", ru_count(n, cases_ru))
        }
        ("claims.civil", Lang::Kk) => format!("азаматтық тәртіппен {num} сот және сотқа дейінгі талап"),
        ("claims.administrative", Lang::En) => en_count(n, "administrative charge", "administrative charges"),
        ("claims.administrative", Lang::Ru) => format!("{} административного преследования", ru_count(n, cases_ru)),
        ("claims.administrative", Lang::Kk) => format!("әкімшілік қудалау бойынша {num} жағдай"),
        _ => format!("{label}: {num}"),
    }
}

fn others_bullet(lang: Lang, n: u32) -> String {
    match lang {
        Lang::En => format!("and others: {n}"),
        Lang::Ru => format!("и другие: {n}"),
        Lang::Kk => format!("және басқалары: {n}"),
    }
}

fn count_line(lang: Lang, g: &GroupCount, draft: &OverviewDraft, taxonomy: &Taxonomy) -> CountLine {
    let label = taxonomy.group(&g.code).map_or_else(|| g.code.to_string(), |x| x.label.get(lang).to_string());
    let mut text = group_line(lang, g.code.as_str(), g.count, &label);
    let mut including = Vec::new();
    let mut bullets = Vec::new();
    if g.code.as_str() == "claims" {
        text = format!("{text} {}", claims_note(lang));
        for c in &g.categories {
            bullets.push(claim_bullet(lang, c.code.as_str(), c.count, &taxonomy.category_label(&c.code, lang)));
        }
        if g.others > 0 {
            bullets.push(others_bullet(lang, g.others));
        }
    } else {
        let chosen: Vec<&CategoryCode> = match draft.including.get(&g.code) {
            Some(list) => list.iter().collect(),
            None => g.categories.iter().filter(|c| c.count * 2 >= g.count && g.count > 1).map(|c| &c.code).collect(),
        };
        for code in chosen {
            let n = g.category(code.as_str());
            if n > 0 {
                including.push(including_line(lang, n, &taxonomy.category_label(code, lang)));
            }
        }
    }
    CountLine { text, including, bullets }
}

fn total_phrase(lang: Lang, n: u32) -> String {
    match lang {
        Lang::En => en_count(n, "violation", "violations"),
        Lang::Ru => ru_count(n, ["нарушение", "нарушения", "нарушений"]),
        Lang::Kk => format!("{} бұзушылық", int(lang, i64::from(n))),
    }
}

fn trend(lang: Lang, s: &MonthSummary) -> Vec<String> {
    let month = s.counts.month;
    let prev = s.previous_month.month;
    let last_year = s.previous_year_same_month.month;
    let total = s.counts.total;
    let c1 = words::comparison(
        lang,
        change(total, s.previous_month.total),
        &words::month_for_comparison(lang, prev),
        s.previous_month.total,
    );
    let c2 = words::comparison(
        lang,
        change(total, s.previous_year_same_month.total),
        &words::month_for_comparison(lang, last_year),
        s.previous_year_same_month.total,
    );
    let first = match lang {
        Lang::En => format!(
            "In total, {} {} recorded {}: {c1}, and {c2}.",
            total_phrase(lang, total),
            words::en_was(total),
            words::in_month_year(lang, month)
        ),
        Lang::Ru => format!(
            "Всего {} зафиксировано {}: это {c1}, и {c2}.",
            words::in_month_year(lang, month),
            total_phrase(lang, total)
        ),
        Lang::Kk => format!(
            "{} барлығы {} тіркелді. Бұл {c1}, ал {c2}.",
            capitalise(&words::in_month_year(lang, month)),
            total_phrase(lang, total)
        ),
    };
    let ytd = &s.year_to_date;
    let span = words::period(lang, crate::summary::Period { year: month.year(), through_month: month.number() });
    let c3 = words::comparison(
        lang,
        change(ytd.total, ytd.previous_year_total),
        &words::same_period_for_comparison(lang, month.year() - 1),
        ytd.previous_year_total,
    );
    let second = match lang {
        Lang::En => {
            format!("In {span}, {} {} recorded: {c3}.", total_phrase(lang, ytd.total), words::en_was(ytd.total))
        }
        Lang::Ru => format!("За {span} зафиксировано {}: {c3}.", total_phrase(lang, ytd.total)),
        Lang::Kk => format!("{span} аралығында {} тіркелді: бұл {c3}.", total_phrase(lang, ytd.total)),
    };
    vec![first, second]
}

fn series_lines(lang: Lang, s: &MonthSummary, taxonomy: &Taxonomy) -> Vec<String> {
    s.series
        .iter()
        .filter(|g| g.points.len() > 1 && g.points.iter().any(|p| p.count > 0))
        .map(|g| {
            let label = taxonomy.group(&g.code).map_or_else(|| g.code.to_string(), |x| x.label.get(lang).to_string());
            let points: Vec<String> = g
                .points
                .iter()
                .map(|p| format!("{}: {}", words::period(lang, p.period), int(lang, i64::from(p.count))))
                .collect();
            format!("{label} — {}.", points.join("; "))
        })
        .collect()
}

fn breakdown_line(lang: Lang, heading: &str, b: &Breakdown, label: impl Fn(&str) -> String) -> Option<String> {
    if b.counts.is_empty() {
        // Nothing recorded for this attribute: a line of "not stated" says nothing.
        return None;
    }
    let mut parts: Vec<String> =
        b.counts.iter().map(|c| format!("{} — {}", label(&c.code), int(lang, i64::from(c.count)))).collect();
    if b.unspecified > 0 {
        parts.push(format!(
            "{} — {}",
            pick(lang, "көрсетілмеген", "не указано", "not stated"),
            int(lang, i64::from(b.unspecified))
        ));
    }
    Some(format!("{heading}: {}.", parts.join(", ")))
}

fn breakdowns(lang: Lang, s: &MonthSummary, taxonomy: &Taxonomy) -> Vec<String> {
    let mut out = Vec::new();
    for g in s.counts.groups.iter().filter(|g| g.count > 0) {
        let label = taxonomy.group(&g.code).map_or_else(|| g.code.to_string(), |x| x.label.get(lang).to_string());
        let mut parts: Vec<String> = g
            .categories
            .iter()
            .map(|c| {
                format!(
                    "{} — {}",
                    words::lower_first(&taxonomy.category_label(&c.code, lang)),
                    int(lang, i64::from(c.count))
                )
            })
            .collect();
        if g.others > 0 {
            parts.push(format!("{} — {}", pick(lang, "және басқалары", "и другие", "and others"), g.others));
        }
        out.push(format!("{label}: {}.", parts.join(", ")));
    }
    let find = |code: &str, list: &dyn Fn(&str) -> Option<String>| list(code).unwrap_or_else(|| code.to_string());
    let region =
        |c: &str| taxonomy.regions.iter().find(|r| r.code.as_str() == c).map(|r| r.label.get(lang).to_string());
    let victim = |c: &str| {
        taxonomy.victim_types.iter().find(|r| r.code.as_str() == c).map(|r| words::lower_first(r.label.get(lang)))
    };
    let perp = |c: &str| {
        taxonomy.perpetrator_types.iter().find(|r| r.code.as_str() == c).map(|r| words::lower_first(r.label.get(lang)))
    };
    let basis = |c: &str| {
        taxonomy.legal_bases.iter().find(|r| r.code.as_str() == c).map(|r| words::lower_first(r.label.get(lang)))
    };
    out.extend(breakdown_line(
        lang,
        &pick(lang, "Өңірлер бойынша", "По регионам", "By region"),
        &s.by_region,
        |c| find(c, &region),
    ));
    out.extend(breakdown_line(
        lang,
        &pick(lang, "Зардап шеккендер бойынша", "По пострадавшим", "By victim or target"),
        &s.by_victim_type,
        |c| find(c, &victim),
    ));
    out.extend(breakdown_line(
        lang,
        &pick(lang, "Бұзушылар бойынша", "По нарушителям", "By perpetrator"),
        &s.by_perpetrator_type,
        |c| find(c, &perp),
    ));
    let r = s.state_vs_non_state;
    if r.state + r.non_state > 0 {
        out.push(match lang {
            Lang::En => format!(
                "State bodies and state-affiliated organisations: {}; other perpetrators: {}.",
                r.state, r.non_state
            ),
            Lang::Ru => format!(
                "Государственные органы и аффилированные с государством организации: {}; другие нарушители: {}.",
                r.state, r.non_state
            ),
            Lang::Kk => format!(
                "Мемлекеттік органдар мен мемлекетпен байланысты ұйымдар: {}; басқа бұзушылар: {}.",
                r.state, r.non_state
            ),
        });
    }
    out.extend(breakdown_line(
        lang,
        &pick(lang, "Талаптар құқықтық негіз бойынша", "Иски по правовым основаниям", "Claims by legal basis"),
        &s.claims_by_legal_basis,
        |c| find(c, &basis),
    ));
    out
}

fn chart_label(lang: Lang, code: &str, fallback: &str) -> String {
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

fn footer(lang: Lang, org: &OrgSettings) -> Vec<String> {
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
    for (si, s) in draft.sections.iter().enumerate() {
        let mut entries = Vec::new();
        for e in &s.entries {
            let (date, title, text, details) = match e.item {
                EntryRef::Case(id) => {
                    let c = cases
                        .iter()
                        .find(|c| c.id == id)
                        .ok_or(OverviewError::MissingEntry { section: si + 1, id: id.to_string() })?;
                    (c.data.event_date, &c.data.title, &c.data.summary, proceeding_details(lang, c))
                }
                EntryRef::Development(id) => {
                    let d = developments
                        .iter()
                        .find(|d| d.id == id)
                        .ok_or(OverviewError::MissingEntry { section: si + 1, id: id.to_string() })?;
                    (d.data.event_date, &d.data.title, &d.data.summary, Vec::new())
                }
            };
            entries.push(ReportEntry {
                item: e.item,
                date: words::entry_date(lang, date),
                title: or_generated(&e.title, lang, || title.clone()),
                text: or_generated(&e.text, lang, || text.clone()),
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

    let count_lines: Vec<_> =
        summary.counts.groups.iter().filter(|g| g.count > 0).map(|g| count_line(lang, g, draft, taxonomy)).collect();
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
        breakdowns: breakdowns(lang, summary, taxonomy),
        chart,
        sections,
        footer: footer(lang, org),
        author: format!("{} {}", org.name.get(lang), org.short_name.get(lang)),
    })
}
