//! The counting paragraphs of the monthly overview, in the target
//! language: one line per counted group (with "including" and the claims'
//! bullets), the comparisons with earlier months, the series and the
//! breakdowns by region, victim, perpetrator and legal basis.

use super::model::{pick, CountLine};
use super::words::{self, en_count, int, ru_count};
use crate::codes::{CategoryCode, GroupCode};
use crate::lang::Lang;
use crate::summary::{change, Breakdown, Breakdowns, GroupCount, MonthSummary};
use crate::taxonomy::Taxonomy;
use crate::text::capitalise;
use std::collections::BTreeMap;

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

/// The counts block's line of a group;
/// `named` holds, per group, the
/// categories the editor chose to name (a group not in it names those with
/// at least half of the group's cases).
pub(super) fn count_line(
    lang: Lang,
    g: &GroupCount,
    named: &BTreeMap<GroupCode, Vec<CategoryCode>>,
    taxonomy: &Taxonomy,
) -> CountLine {
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
        let chosen: Vec<&CategoryCode> = match named.get(&g.code) {
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

pub(super) fn total_phrase(lang: Lang, n: u32) -> String {
    match lang {
        Lang::En => en_count(n, "violation", "violations"),
        Lang::Ru => ru_count(n, ["нарушение", "нарушения", "нарушений"]),
        Lang::Kk => format!("{} бұзушылық", int(lang, i64::from(n))),
    }
}

pub(super) fn trend(lang: Lang, s: &MonthSummary) -> Vec<String> {
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

pub(super) fn series_lines(lang: Lang, s: &MonthSummary, taxonomy: &Taxonomy) -> Vec<String> {
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

/// The breakdown lines of a period: one per group with cases (its
/// categories), then by region, victim, perpetrator, state against
/// non-state and the claims' legal bases.
pub(super) fn breakdowns(lang: Lang, groups: &[GroupCount], b: &Breakdowns, taxonomy: &Taxonomy) -> Vec<String> {
    let mut out = Vec::new();
    for g in groups.iter().filter(|g| g.count > 0) {
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
        &b.by_region,
        |c| find(c, &region),
    ));
    out.extend(breakdown_line(
        lang,
        &pick(lang, "Зардап шеккендер бойынша", "По пострадавшим", "By victim or target"),
        &b.by_victim_type,
        |c| find(c, &victim),
    ));
    out.extend(breakdown_line(
        lang,
        &pick(lang, "Бұзушылар бойынша", "По нарушителям", "By perpetrator"),
        &b.by_perpetrator_type,
        |c| find(c, &perp),
    ));
    let r = b.state_vs_non_state;
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
        &b.claims_by_legal_basis,
        |c| find(c, &basis),
    ));
    out
}
