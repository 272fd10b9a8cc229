//! The fixed words of the monthly overview in Kazakh, Russian and English:
//! month names in the grammatical forms each language needs, plurals,
//! number and date formats.
//!
//! Conventions: Russian and Kazakh separate thousands with a no-break space
//! (U+00A0, "73 840") and write decimals with a comma ("1,5"); English uses
//! a comma and a point ("73,840", "1.5"). Kazakh nouns stay singular after a
//! numeral; Russian nouns take one of three forms ([`ru_plural`]).

use crate::lang::Lang;
use crate::month::Month;
use crate::summary::{Change, Period};
use chrono::{Datelike, NaiveDate};

/// The no-break space used as thousands separator in Russian and Kazakh.
pub const NBSP: char = '\u{a0}';

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const RU_NOMINATIVE: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];
const RU_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
const RU_PREPOSITIONAL: [&str; 12] = [
    "январе",
    "феврале",
    "марте",
    "апреле",
    "мае",
    "июне",
    "июле",
    "августе",
    "сентябре",
    "октябре",
    "ноябре",
    "декабре",
];
const KK_MONTHS: [&str; 12] = [
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
];
/// Kazakh locative ("in May"): the suffix follows vowel harmony and the
/// last sound of the stem.
const KK_LOCATIVE: [&str; 12] = [
    "қаңтарда",
    "ақпанда",
    "наурызда",
    "сәуірде",
    "мамырда",
    "маусымда",
    "шілдеде",
    "тамызда",
    "қыркүйекте",
    "қазанда",
    "қарашада",
    "желтоқсанда",
];

fn idx(n: u32) -> usize {
    (n.clamp(1, 12) - 1) as usize
}

/// The month's name as a title word: "May", "май", "мамыр".
pub fn month_name(lang: Lang, month_number: u32) -> &'static str {
    let i = idx(month_number);
    match lang {
        Lang::En => EN_MONTHS[i],
        Lang::Ru => RU_NOMINATIVE[i],
        Lang::Kk => KK_MONTHS[i],
    }
}

/// The month and year as in a title: "May 2024", "май 2024",
/// "2024 жылғы мамыр".
pub fn month_year(lang: Lang, month: Month) -> String {
    match lang {
        Lang::Kk => format!("{} жылғы {}", month.year(), month_name(lang, month.number())),
        _ => format!("{} {}", month_name(lang, month.number()), month.year()),
    }
}

/// "in May 2024", "в мае 2024 года", "2024 жылғы мамырда".
pub fn in_month_year(lang: Lang, month: Month) -> String {
    let i = idx(month.number());
    match lang {
        Lang::En => format!("in {} {}", EN_MONTHS[i], month.year()),
        Lang::Ru => format!("в {} {} года", RU_PREPOSITIONAL[i], month.year()),
        Lang::Kk => format!("{} жылғы {}", month.year(), KK_LOCATIVE[i]),
    }
}

/// "in May", "в мае", "мамыр айында" (no year).
pub fn in_month(lang: Lang, month_number: u32) -> String {
    let i = idx(month_number);
    match lang {
        Lang::En => format!("in {}", EN_MONTHS[i]),
        Lang::Ru => format!("в {}", RU_PREPOSITIONAL[i]),
        Lang::Kk => format!("{} айында", KK_MONTHS[i]),
    }
}

/// Kazakh attributive locative of a month ("of/in May": "мамырдағы").
fn kk_attributive(month_number: u32) -> String {
    let loc = KK_LOCATIVE[idx(month_number)];
    let front = loc.ends_with("де") || loc.ends_with("те");
    format!("{loc}{}", if front { "гі" } else { "ғы" })
}

/// The date of an entry: "May 21.", "21 мая.", "21 мамыр.".
pub fn entry_date(lang: Lang, date: NaiveDate) -> String {
    let i = idx(date.month());
    match lang {
        Lang::En => format!("{} {}.", EN_MONTHS[i], date.day()),
        Lang::Ru => format!("{} {}.", date.day(), RU_GENITIVE[i]),
        Lang::Kk => format!("{} {}.", date.day(), KK_MONTHS[i]),
    }
}

/// A full date: "16 July 2024", "16 июля 2024 г.", "2024 жылғы 16 шілде".
pub fn full_date(lang: Lang, date: NaiveDate) -> String {
    let i = idx(date.month());
    match lang {
        Lang::En => format!("{} {} {}", date.day(), EN_MONTHS[i], date.year()),
        Lang::Ru => format!("{} {} {} г.", date.day(), RU_GENITIVE[i], date.year()),
        Lang::Kk => format!("{} жылғы {} {}", date.year(), date.day(), KK_MONTHS[i]),
    }
}

/// A period of a series: "2023" for a whole year; "January–May 2024",
/// "январь–май 2024 г.", "2024 жылғы қаңтар–мамыр" for a year to date
/// ("May 2024" alone when it is January).
pub fn period(lang: Lang, p: Period) -> String {
    if p.through_month >= 12 {
        return p.year.to_string();
    }
    let last = month_name(lang, p.through_month);
    let first = month_name(lang, 1);
    let months = if p.through_month == 1 { last.to_string() } else { format!("{first}–{last}") };
    match lang {
        Lang::En => format!("{months} {}", p.year),
        Lang::Ru => format!("{months} {} г.", p.year),
        Lang::Kk => format!("{} жылғы {months}", p.year),
    }
}

/// The Russian plural form for `n`: 0 = one (1, 21, 101), 1 = few
/// (2–4, 22–24), 2 = many (0, 5–20, 11–14, 25…).
pub fn ru_plural(n: u32) -> usize {
    let (m10, m100) = (n % 10, n % 100);
    if m10 == 1 && m100 != 11 {
        0
    } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
        1
    } else {
        2
    }
}

/// `n` followed by the right Russian form: `ru_count(22, ["сообщение",
/// "сообщения", "сообщений"])` is "22 сообщения".
pub fn ru_count(n: u32, forms: [&str; 3]) -> String {
    format!("{} {}", int(Lang::Ru, i64::from(n)), forms[ru_plural(n)])
}

/// `n` followed by the English singular or plural.
pub fn en_count(n: u32, one: &str, many: &str) -> String {
    format!("{} {}", int(Lang::En, i64::from(n)), if n == 1 { one } else { many })
}

/// The English verb for `n` things: "was" for exactly one, "were" otherwise
/// ("1 violation was recorded", "0 violations were recorded").
pub fn en_was(n: u32) -> &'static str {
    if n == 1 {
        "was"
    } else {
        "were"
    }
}

/// An integer with the language's thousands separator: "73,840" (en),
/// "73 840" with a no-break space (ru, kk).
pub fn int(lang: Lang, n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let sep = match lang {
        Lang::En => ',',
        _ => NBSP,
    };
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(ch);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

/// An amount in tenge: "73,840 tenge", "73 840 тенге", "73 840 теңге".
pub fn kzt(lang: Lang, amount: i64) -> String {
    let unit = match lang {
        Lang::En => "tenge",
        Lang::Ru => "тенге",
        Lang::Kk => "теңге",
    };
    format!("{}{NBSP}{unit}", int(lang, amount))
}

/// A truncated ratio: "1.5" (en) / "1,5" (ru, kk); "2" when the tenth is 0.
pub fn ratio(lang: Lang, whole: u32, tenth: u32) -> String {
    if tenth == 0 {
        whole.to_string()
    } else {
        let point = if lang == Lang::En { '.' } else { ',' };
        format!("{whole}{point}{tenth}")
    }
}

/// A comparison with an earlier period, as a clause.
///
/// `earlier_in` names the earlier period with its preposition: en "in April
/// 2024", ru "в апреле 2024 года"; for Kazakh pass the period itself ("2024
/// жылғы сәуір", or a phrase ending in an attributive form — see
/// [`kk_period_attr`]). `earlier` is its count.
pub fn comparison(lang: Lang, change: Change, earlier_in: &str, earlier: u32) -> String {
    let e = int(lang, i64::from(earlier));
    match (lang, change) {
        (Lang::En, Change::Same) => format!("the same as {earlier_in} ({e})"),
        (Lang::En, Change::FromZero) => format!("more than {earlier_in}, when none were recorded"),
        (Lang::En, Change::Times { whole, tenth }) => {
            format!("{} times more than {earlier_in} ({e})", ratio(lang, whole, tenth))
        }
        (Lang::En, Change::MorePercent { percent }) => format!("{percent}% more than {earlier_in} ({e})"),
        (Lang::En, Change::LessPercent { percent }) => format!("{percent}% fewer than {earlier_in} ({e})"),
        (Lang::Ru, Change::Same) => format!("столько же, сколько {earlier_in} ({e})"),
        (Lang::Ru, Change::FromZero) => format!("больше, чем {earlier_in}, когда нарушений не было зафиксировано"),
        (Lang::Ru, Change::Times { whole, tenth }) => {
            let raz = if tenth == 0 { ["раз", "раза", "раз"][ru_plural(whole)] } else { "раза" };
            format!("в {} {raz} больше, чем {earlier_in} ({e})", ratio(lang, whole, tenth))
        }
        (Lang::Ru, Change::MorePercent { percent }) => format!("на {percent}% больше, чем {earlier_in} ({e})"),
        (Lang::Ru, Change::LessPercent { percent }) => format!("на {percent}% меньше, чем {earlier_in} ({e})"),
        (Lang::Kk, Change::Same) => format!("{earlier_in} көрсеткішпен ({e}) бірдей"),
        (Lang::Kk, Change::FromZero) => format!("{earlier_in} көрсеткіштен көп (ол кезде бұзушылық тіркелмеген)"),
        (Lang::Kk, Change::Times { whole, tenth }) => {
            format!("{earlier_in} көрсеткішпен ({e}) салыстырғанда {} есе көп", ratio(lang, whole, tenth))
        }
        (Lang::Kk, Change::MorePercent { percent }) => {
            format!("{earlier_in} көрсеткішпен ({e}) салыстырғанда {percent}%-ға көп")
        }
        (Lang::Kk, Change::LessPercent { percent }) => {
            format!("{earlier_in} көрсеткішпен ({e}) салыстырғанда {percent}%-ға аз")
        }
    }
}

/// The earlier month as a comparison needs it: en "in April 2024", ru "в
/// апреле 2024 года", kk "2024 жылғы сәуірдегі".
pub fn month_for_comparison(lang: Lang, month: Month) -> String {
    match lang {
        Lang::Kk => kk_period_attr(month),
        _ => in_month_year(lang, month),
    }
}

/// Kazakh "of ‹month year›" in attributive form: "2024 жылғы сәуірдегі".
pub fn kk_period_attr(month: Month) -> String {
    format!("{} жылғы {}", month.year(), kk_attributive(month.number()))
}

/// The same months of the year before, for the year-to-date comparison:
/// en "in the same period of 2023", ru "за тот же период 2023 года", kk
/// "2023 жылғы осы кезеңдегі".
pub fn same_period_for_comparison(lang: Lang, year: i32) -> String {
    match lang {
        Lang::En => format!("in the same period of {year}"),
        Lang::Ru => format!("за тот же период {year} года"),
        Lang::Kk => format!("{year} жылғы осы кезеңдегі"),
    }
}

/// An earlier year as a comparison needs it: en "in 2023", ru "в 2023
/// году", kk "2023 жылғы".
pub fn year_for_comparison(lang: Lang, year: i32) -> String {
    match lang {
        Lang::En => format!("in {year}"),
        Lang::Ru => format!("в {year} году"),
        Lang::Kk => format!("{year} жылғы"),
    }
}

/// Lower-cases the first letter of a label to run it into a sentence,
/// unless the first word is an abbreviation ("СМИ", "DDoS").
pub fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => {
            a.to_lowercase().chain(s.chars().skip(1)).collect()
        }
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Month {
        s.parse().unwrap()
    }

    #[test]
    fn month_names_take_the_case_each_phrase_needs() {
        assert_eq!(month_year(Lang::Ru, m("2024-05")), "май 2024", "titles are nominative");
        assert_eq!(in_month_year(Lang::Ru, m("2024-05")), "в мае 2024 года", "prepositional");
        assert_eq!(entry_date(Lang::Ru, NaiveDate::from_ymd_opt(2024, 5, 21).unwrap()), "21 мая.", "genitive");
        assert_eq!(entry_date(Lang::En, NaiveDate::from_ymd_opt(2024, 5, 21).unwrap()), "May 21.");
        assert_eq!(month_year(Lang::Kk, m("2024-05")), "2024 жылғы мамыр");
        assert_eq!(in_month_year(Lang::Kk, m("2024-09")), "2024 жылғы қыркүйекте");
        assert_eq!(kk_period_attr(m("2024-04")), "2024 жылғы сәуірдегі", "front vowel: -дегі");
        assert_eq!(kk_period_attr(m("2024-05")), "2024 жылғы мамырдағы", "back vowel: -дағы");
        assert_eq!(full_date(Lang::En, NaiveDate::from_ymd_opt(2024, 7, 16).unwrap()), "16 July 2024");
        assert_eq!(full_date(Lang::Ru, NaiveDate::from_ymd_opt(2024, 7, 16).unwrap()), "16 июля 2024 г.");
    }

    #[test]
    fn numbers_follow_each_language() {
        assert_eq!(kzt(Lang::En, 73_840), "73,840\u{a0}tenge");
        assert_eq!(kzt(Lang::Ru, 73_840), "73\u{a0}840\u{a0}тенге");
        assert_eq!(kzt(Lang::Kk, 73_840), "73\u{a0}840\u{a0}теңге");
        assert_eq!(int(Lang::Ru, 1_234_567), "1\u{a0}234\u{a0}567");
        assert_eq!(int(Lang::En, 999), "999");
        assert_eq!(int(Lang::En, -1000), "-1,000");
        assert_eq!(ratio(Lang::En, 1, 5), "1.5");
        assert_eq!(ratio(Lang::Ru, 1, 5), "1,5");
    }

    #[test]
    fn russian_plurals() {
        let f = ["случай", "случая", "случаев"];
        let got: Vec<String> = [1, 2, 5, 11, 12, 21, 22, 25, 111, 0].iter().map(|n| ru_count(*n, f)).collect();
        assert_eq!(
            got,
            [
                "1 случай",
                "2 случая",
                "5 случаев",
                "11 случаев",
                "12 случаев",
                "21 случай",
                "22 случая",
                "25 случаев",
                "111 случаев",
                "0 случаев"
            ]
        );
    }

    #[test]
    fn year_to_date_periods() {
        assert_eq!(period(Lang::En, Period { year: 2024, through_month: 5 }), "January–May 2024");
        assert_eq!(period(Lang::Ru, Period { year: 2024, through_month: 5 }), "январь–май 2024 г.");
        assert_eq!(period(Lang::Kk, Period { year: 2024, through_month: 5 }), "2024 жылғы қаңтар–мамыр");
        assert_eq!(period(Lang::En, Period { year: 2024, through_month: 1 }), "January 2024");
        assert_eq!(period(Lang::En, Period { year: 2023, through_month: 12 }), "2023");
    }

    #[test]
    fn lower_first_keeps_abbreviations() {
        assert_eq!(lower_first("Refusals or restrictions"), "refusals or restrictions");
        assert_eq!(lower_first("СМИ"), "СМИ");
        assert_eq!(lower_first("DDoS attacks"), "DDoS attacks");
    }
}
