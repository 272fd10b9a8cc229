//! The annual overview "Violations of freedom of speech in Kazakhstan in
//! ‹year›" in one language: the year's counts per group (with the
//! categories named under "including"), the comparison with the year
//! before, a month-by-month table and chart, the years since the earliest
//! recorded case, the platform split and the year's breakdowns. Built from
//! an [`AnnualSummary`] (see [`crate::annual`]); counts only, so it names no
//! person and needs no redaction.

use super::count_text::{breakdowns, count_line, total_phrase};
use super::document::{render_document, Block, Document, Table, BODY_LEAD};
use super::model::{chart_label, footer, pick, Chart, ChartBar};
use super::pdf::{closing, count_lines, letterhead, section_heading, BODY_STYLE, SMALL, STRONG};
use super::words::{self, int};
use super::{OrgSettings, OverviewError};
use crate::annual::{AnnualSummary, PlatformClass};
use crate::lang::Lang;
use crate::summary::change;
use crate::taxonomy::Taxonomy;
use crate::text::capitalise;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The class's heading in the platform split.
pub fn platform_label(lang: Lang, class: PlatformClass) -> &'static str {
    match (class, lang) {
        (PlatformClass::Physical, Lang::En) => "Physical attacks",
        (PlatformClass::Physical, Lang::Ru) => "Физические нападения",
        (PlatformClass::Physical, Lang::Kk) => "Физикалық шабуылдар",
        (PlatformClass::NonPhysical, Lang::En) => "Non-physical threats and pressure",
        (PlatformClass::NonPhysical, Lang::Ru) => "Нефизические угрозы и давление",
        (PlatformClass::NonPhysical, Lang::Kk) => "Физикалық емес қатерлер мен қысым",
        (PlatformClass::Judicial, Lang::En) => "Judicial and legal harassment",
        (PlatformClass::Judicial, Lang::Ru) => "Судебное и правовое преследование",
        (PlatformClass::Judicial, Lang::Kk) => "Соттық және құқықтық қудалау",
    }
}

fn title(lang: Lang, year: i32) -> String {
    match lang {
        Lang::Kk => format!("{year}\u{a0}жылы Қазақстандағы сөз бостандығының бұзылуы: жылдық шолу"),
        Lang::Ru => format!("Нарушения свободы слова в Казахстане в {year}\u{a0}году: годовой обзор"),
        Lang::En => format!("Violations of freedom of speech in Kazakhstan in {year}: annual overview"),
    }
}

fn intro(lang: Lang, year: i32, org: &OrgSettings) -> String {
    let name = org.name.get(lang);
    let short = org.short_name.get(lang);
    match lang {
        Lang::Kk => format!(
            "{short} {name} {year} жылы Қазақстанда тіркелген сөз бостандығы, ақпаратты алу және тарату құқықтарының бұзылуына жылдық шолу ұсынады. Сандар ай сайынғы шолулардағы ережемен есептелген: әр жағдай оқиға болған айда бір рет саналады."
        ),
        Lang::Ru => format!(
            "{name} {short} представляет годовой обзор нарушений свободы выражения, получения и распространения информации, зафиксированных в Казахстане в {year} году. Подсчёт ведётся по правилам ежемесячных обзоров: каждый случай учитывается один раз, в месяце события."
        ),
        Lang::En => format!(
            "{name} {short} presents the annual overview of violations of freedom of expression, receipt, and dissemination of information recorded in Kazakhstan in {year}. The counts follow the monthly overviews' rule: each case is counted once, in the month of the event."
        ),
    }
}

fn in_year(lang: Lang, year: i32) -> String {
    match lang {
        Lang::En => format!("In {year}"),
        Lang::Ru => format!("В {year} году"),
        Lang::Kk => format!("{year} жылы"),
    }
}

/// The year's total against the year before, as the foundation words it
/// ("87 versus 55, 1.5 times more"; ratios truncated).
fn comparison_line(lang: Lang, s: &AnnualSummary) -> String {
    let year = s.counts.year;
    let total = s.counts.total;
    let earlier = s.previous_year().map_or(0, |p| p.total);
    let c = words::comparison(lang, change(total, earlier), &words::year_for_comparison(lang, year - 1), earlier);
    match lang {
        Lang::En => {
            format!("In total, {} {} recorded in {year}: {c}.", total_phrase(lang, total), words::en_was(total))
        }
        Lang::Ru => format!("Всего в {year} году зафиксировано {}: это {c}.", total_phrase(lang, total)),
        Lang::Kk => format!("{year} жылы барлығы {} тіркелді. Бұл {c}.", total_phrase(lang, total)),
    }
}

fn group_headers(lang: Lang, s: &AnnualSummary, taxonomy: &Taxonomy) -> Vec<String> {
    s.counts
        .groups
        .iter()
        .map(|g| {
            let fallback =
                taxonomy.group(&g.code).map_or_else(|| g.code.to_string(), |x| x.label.get(lang).to_string());
            chart_label(lang, g.code.as_str(), &fallback)
        })
        .collect()
}

fn total_word(lang: Lang) -> String {
    pick(lang, "Барлығы", "Всего", "Total")
}

/// The annual overview of `s.counts.year` in `lang` as blocks, dated
/// `published_on` (a local date in Kazakhstan).
fn document(
    lang: Lang,
    s: &AnnualSummary,
    org: &OrgSettings,
    taxonomy: &Taxonomy,
    published_on: NaiveDate,
) -> Document {
    let year = s.counts.year;
    let title = title(lang, year);
    let org_names: Vec<String> = Lang::ALL.iter().map(|l| org.name.get(*l).to_string()).collect();
    let mut b = letterhead(&org_names, &title, &words::full_date(lang, published_on));
    b.push(Block::text(intro(lang, year, org), 0.0, BODY_STYLE));
    b.push(Block::Gap(10.0));

    // The year's counts, as the monthly overview writes a month's.
    let lines: Vec<_> = s
        .counts
        .groups
        .iter()
        .filter(|g| g.count > 0)
        .map(|g| count_line(lang, g, &BTreeMap::new(), taxonomy))
        .collect();
    let heading = if lines.is_empty() {
        match lang {
            Lang::En => format!("In {year}, no violations were recorded."),
            Lang::Ru => format!("В {year} году нарушений не зафиксировано."),
            Lang::Kk => format!("{year} жылы бұзушылық тіркелген жоқ."),
        }
    } else {
        match lang {
            Lang::En => format!("In {year}, the following were recorded:"),
            _ => format!("{} {}:", in_year(lang, year), pick(lang, "тіркелді", "зафиксировано", "")),
        }
    };
    b.push(Block::Heading {
        text: heading,
        style: super::document::style(true, 11.0, 16.0, super::document::BLACK),
        keep: 3.0 * BODY_LEAD,
    });
    b.push(Block::Gap(2.0));
    b.extend(count_lines(&lines));
    b.push(Block::Gap(4.0));
    b.push(Block::text(comparison_line(lang, s), 0.0, BODY_STYLE));
    b.push(Block::Gap(12.0));

    // Month by month: the chart, then the table.
    b.push(Block::Chart(Chart {
        title: pick(
            lang,
            "Тіркелген бұзушылықтар, айлар бойынша",
            "Зафиксированные нарушения по месяцам",
            "Recorded violations by month",
        ),
        current_label: year.to_string(),
        earlier_label: (year - 1).to_string(),
        bars: s
            .months
            .iter()
            .zip(&s.previous_year_months)
            .map(|(m, earlier)| ChartBar {
                label: capitalise(words::month_name(lang, m.month.number())),
                current: m.total,
                earlier: *earlier,
            })
            .collect(),
    }));
    let groups = group_headers(lang, s, taxonomy);
    let mut header = vec![pick(lang, "Ай", "Месяц", "Month")];
    header.extend(groups.iter().cloned());
    header.push(total_word(lang));
    let num = |n: u32| int(lang, i64::from(n));
    let mut rows: Vec<Vec<String>> = s
        .months
        .iter()
        .map(|m| {
            let mut row = vec![capitalise(words::month_name(lang, m.month.number()))];
            row.extend(m.groups.iter().map(|g| num(g.count)));
            row.push(num(m.total));
            row
        })
        .collect();
    let mut total_row = vec![total_word(lang)];
    total_row.extend(s.counts.groups.iter().map(|g| num(g.count)));
    total_row.push(num(s.counts.total));
    rows.push(total_row);
    b.extend(section_heading(&pick(lang, "Айлар бойынша", "По месяцам", "Month by month")));
    b.push(Block::Table(Table { header: header.clone(), rows, first_width: 110.0, total_row: true }));

    // Year by year.
    header[0] = pick(lang, "Жыл", "Год", "Year");
    let rows: Vec<Vec<String>> = s
        .years
        .iter()
        .map(|y| {
            let mut row = vec![y.year.to_string()];
            row.extend(y.groups.iter().map(|g| num(g.count)));
            row.push(num(y.total));
            row
        })
        .collect();
    b.extend(section_heading(&pick(lang, "Жылдар бойынша динамика", "Динамика по годам", "Dynamics by year")));
    b.push(Block::Table(Table { header, rows, first_width: 110.0, total_row: false }));

    // The platforms' split.
    b.extend(section_heading(&pick(
        lang,
        "Халықаралық платформалардың жіктемесі бойынша",
        "По классификации международных платформ",
        "By the international platforms' classification",
    )));
    b.push(Block::text(
        pick(
            lang,
            "Халықаралық сөз бостандығы платформалары жылдық есептерінде қолданатын үш түр; санаттардың сәйкестігін қор баптайды.",
            "Три вида нарушений, которые используют в годовых отчётах международные платформы по свободе прессы; соответствие категорий настраивает фонд.",
            "The three kinds the international press-freedom platforms use in their annual reports; the foundation sets which category falls under which.",
        ),
        0.0,
        super::pdf::MUTED,
    ));
    b.push(Block::Gap(4.0));
    for p in &s.platform {
        let parts: Vec<String> = p
            .categories
            .iter()
            .map(|c| format!("{} — {}", words::lower_first(&taxonomy.category_label(&c.code, lang)), num(c.count)))
            .collect();
        let text = if parts.is_empty() {
            format!("{}: {}.", platform_label(lang, p.class), num(p.count))
        } else {
            format!("{}: {} ({}).", platform_label(lang, p.class), num(p.count), parts.join(", "))
        };
        b.push(Block::text(text, 12.0, SMALL));
        b.push(Block::Gap(3.0));
    }

    // The year's breakdowns.
    let lines = breakdowns(lang, &s.counts.groups, &s.breakdowns, taxonomy);
    if !lines.is_empty() {
        b.push(Block::Gap(8.0));
        b.push(Block::Heading {
            text: pick(lang, "Толығырақ", "Подробнее", "Breakdown"),
            style: STRONG,
            keep: 2.0 * BODY_LEAD,
        });
        for l in lines {
            b.push(Block::text(l, 12.0, SMALL));
            b.push(Block::Gap(2.0));
        }
    }
    b.extend(closing(&footer(lang, org)));
    Document {
        title,
        author: format!("{} {}", org.name.get(lang), org.short_name.get(lang)),
        dated: published_on,
        blocks: b,
    }
}

/// Draws the annual overview of `s.counts.year` in `lang` as an A4 PDF,
/// dated `published_on` (a local date in Kazakhstan: the date line and the
/// PDF's creation date). The same inputs give the same bytes.
///
/// # Errors
/// [`OverviewError::Font`] / [`OverviewError::Pdf`] (build problems, not
/// user ones).
pub fn render_annual(
    lang: Lang,
    s: &AnnualSummary,
    org: &OrgSettings,
    taxonomy: &Taxonomy,
    published_on: NaiveDate,
) -> Result<Vec<u8>, OverviewError> {
    render_document(&document(lang, s, org, taxonomy, published_on))
}
