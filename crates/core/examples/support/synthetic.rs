//! Synthetic cases shared by the benchmarks: deterministic kk/ru/en text,
//! names and outlets over the bundled taxonomy's codes.
#![allow(dead_code, reason = "each benchmark uses a part")]

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use kuzet_core::case::{CaseData, CaseKind, CaseStatus, DevelopmentData, Victim};
use kuzet_core::codes::{CategoryCode, GroupCode, PerpetratorTypeCode, RegionCode, VictimTypeCode};
use kuzet_core::lang::Lang;
use kuzet_core::taxonomy::Taxonomy;
use kuzet_core::vault::{ImportItem, Vault};
use std::time::Instant;

/// xorshift64*: deterministic, so every run measures the same data.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

pub const KK: &[&str] = &[
    "журналист",
    "тілші",
    "қорқыту",
    "сот",
    "ақпарат",
    "бас",
    "тарту",
    "газет",
    "редактор",
    "полиция",
    "әкімдік",
    "шабуыл",
    "айыппұл",
    "блогер",
    "сайт",
    "бұғаттау",
    "өтініш",
    "жауап",
    "қызметкер",
    "ұстау",
    "түсірілім",
    "кедергі",
    "мемлекеттік",
    "мекеме",
    "арыз",
    "ар-намыс",
    "қадір-қасиет",
    "іс",
    "қылмыстық",
    "әкімшілік",
];
pub const RU: &[&str] = &[
    "журналист",
    "угроза",
    "суд",
    "редакция",
    "отказ",
    "информация",
    "нападение",
    "штраф",
    "блогер",
    "полиция",
    "акимат",
    "иск",
    "защита",
    "чести",
    "достоинства",
    "задержание",
    "съёмка",
    "оператор",
    "корреспондент",
    "запрос",
    "ответ",
    "аккредитация",
    "блокировка",
    "сайта",
    "уголовное",
    "дело",
    "административный",
    "протокол",
    "прокуратура",
    "заседание",
];
pub const EN: &[&str] = &[
    "journalist",
    "threat",
    "court",
    "refusal",
    "information",
    "attack",
    "fine",
    "blogger",
    "police",
    "lawsuit",
    "defamation",
    "editor",
    "newspaper",
    "request",
    "answer",
    "hearing",
    "detention",
    "camera",
    "accreditation",
    "blocking",
];
pub const FIRST: &[&str] = &[
    "Әлия",
    "Нұрлан",
    "Ерлан",
    "Айгерім",
    "Дәурен",
    "Қайрат",
    "Ольга",
    "Иван",
    "Пётр",
    "Светлана",
    "Жанна",
    "Ұлан",
    "Гүлнар",
    "Сәуле",
    "Anna",
    "Timur",
];
pub const LAST: &[&str] =
    &["Нұрланқызы", "Сейітов", "Иванов", "Петрова", "Қасымов", "Әбдірахманова", "Жұмабаев", "Ким", "Smith", "Оспанов"];
pub const OUTLETS: &[&str] = &["Vlast.kz", "Азаттық", "Orda.kz", "Ақ Жайық", "Уральская неделя", "KazTAG", "Түркістан"];

pub fn words(rng: &mut Rng, pool: &[&str], n: usize) -> String {
    (0..n).map(|_| *rng.pick(pool)).collect::<Vec<_>>().join(" ")
}

pub struct Codes {
    pub counted: Vec<CategoryCode>,
    pub context: Vec<CategoryCode>,
    pub regions: Vec<RegionCode>,
    pub victims: Vec<VictimTypeCode>,
    pub perps: Vec<PerpetratorTypeCode>,
    pub groups: Vec<GroupCode>,
}

pub fn codes(t: &Taxonomy) -> Codes {
    let mut counted = Vec::new();
    let mut context = Vec::new();
    for g in &t.groups {
        for c in &g.categories {
            if g.counted {
                counted.push(c.code.clone())
            } else {
                context.push(c.code.clone())
            }
        }
    }
    Codes {
        counted,
        context,
        regions: t.regions.iter().map(|r| r.code.clone()).collect(),
        victims: t.victim_types.iter().map(|r| r.code.clone()).collect(),
        perps: t.perpetrator_types.iter().map(|r| r.code.clone()).collect(),
        groups: t.groups.iter().filter(|g| g.counted).map(|g| g.code.clone()).collect(),
    }
}

pub fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2019, 1, 1).unwrap()
}
pub const DAYS: i64 = 7 * 365;

pub fn synthetic_case(rng: &mut Rng, c: &Codes, i: usize) -> CaseData {
    let context = rng.chance(5);
    let category = if context { rng.pick(&c.context).clone() } else { rng.pick(&c.counted).clone() };
    let (pool, lang) = match rng.below(10) {
        0..=3 => (KK, Lang::Kk),
        4..=8 => (RU, Lang::Ru),
        _ => (EN, Lang::En),
    };
    let proceeding = category.as_str().starts_with("claims.").then(|| kuzet_core::case::Proceeding {
        branch: match category.as_str() {
            "claims.criminal" => kuzet_core::case::ProceedingBranch::Criminal,
            "claims.civil" => kuzet_core::case::ProceedingBranch::Civil,
            _ => kuzet_core::case::ProceedingBranch::Administrative,
        },
        stage: None,
        court: String::new(),
        amount_claimed_kzt: Some(rng.below(10_000_000) as i64),
        fine_kzt: None,
        outcome: String::new(),
    });
    let (title_words, summary_words) = (6 + rng.below(5), 30 + rng.below(40));
    CaseData {
        external_ref: Some(format!("B-{i:06}")),
        kind: if context { CaseKind::Context } else { CaseKind::Case },
        event_date: first_day() + Duration::days(rng.below(DAYS as usize) as i64),
        region: rng.chance(90).then(|| rng.pick(&c.regions).clone()),
        category,
        tags: vec![],
        title: words(rng, pool, title_words),
        summary: words(rng, pool, summary_words),
        victim: Victim {
            kind: rng.chance(90).then(|| rng.pick(&c.victims).clone()),
            name: format!("{} {}", rng.pick(FIRST), rng.pick(LAST)),
            outlet: rng.pick(OUTLETS).to_string(),
        },
        perpetrator_type: rng.chance(85).then(|| rng.pick(&c.perps).clone()),
        legal_basis: None,
        proceeding,
        sources: vec![format!("https://example.kz/news/{i}")],
        status: if rng.chance(30) { CaseStatus::Open } else { CaseStatus::Closed },
        confidential: rng.chance(3),
        language: Some(lang),
        private_names: vec![],
        translations: Default::default(),
    }
}

/// Fills the vault in batches of 5 000 (one transaction each), with one
/// development for every fifth case. Returns seconds.
pub fn fill(v: &mut Vault, n: usize, c: &Codes) -> f64 {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let t = Instant::now();
    let base = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    let mut i = 0;
    while i < n {
        let end = (i + 5000).min(n);
        let mut items = Vec::with_capacity(end - i);
        for k in i..end {
            let data = synthetic_case(&mut rng, c, k);
            let date = data.event_date;
            items.push((k as u64 + 2, ImportItem::Case(data)));
            if k % 5 == 0 {
                let d = DevelopmentData {
                    external_ref: None,
                    event_date: date + Duration::days(30),
                    title: words(&mut rng, RU, 5),
                    summary: words(&mut rng, KK, 20),
                    sources: vec![],
                    language: Some(Lang::Ru),
                    private_names: vec![],
                    translations: Default::default(),
                };
                items.push((k as u64 + 2, ImportItem::Development { parent_ref: format!("B-{k:06}"), data: d }));
            }
        }
        v.apply_import(items, base + Duration::seconds(i as i64)).expect("import");
        i = end;
    }
    t.elapsed().as_secs_f64()
}
