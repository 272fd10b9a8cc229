//! Filters, free-text search, paging and order.

use super::*;
use kuzet_core::codes::{CategoryCode, GroupCode};
use kuzet_core::vault::{CaseFilter, Page, SortOrder};

fn titles(v: &Vault, f: &CaseFilter) -> Vec<String> {
    let p = v.find(f, Page { offset: 0, limit: 1000 }).unwrap();
    assert_eq!(p.total as usize, p.cases.len());
    let mut t: Vec<String> = p.cases.into_iter().map(|c| c.data.title).collect();
    t.sort();
    t
}

fn text(v: &Vault, q: &str) -> Vec<String> {
    titles(v, &CaseFilter { text: Some(q.into()), ..Default::default() })
}

/// Five cases that differ in every filter dimension.
fn book() -> (TempDir, Vault) {
    let (dir, mut v) = new_vault();
    let mut a = case(day(2024, 5, 3), "journalists.threat", "A угроза");
    a.region = Some(region("almaty_city"));
    a.victim.kind = Some(victim_type("journalist"));
    a.perpetrator_type = Some(perpetrator("state"));
    let mut b = case(day(2024, 5, 20), "information.refusal", "B отказ");
    b.region = Some(region("astana"));
    b.victim.kind = Some(victim_type("media_outlet"));
    b.perpetrator_type = Some(perpetrator("quasi_state"));
    b.status = CaseStatus::Closed;
    let mut c = case(day(2024, 4, 30), "claims.civil", "C иск");
    c.region = Some(region("almaty_city"));
    c.victim.kind = Some(victim_type("blogger"));
    c.perpetrator_type = Some(perpetrator("non_state"));
    let d = case(day(2024, 5, 31), "context.event", "D событие");
    let mut e = case(day(2024, 6, 1), "journalists.attack", "E нападение");
    e.region = Some(region("shymkent"));
    e.victim.kind = Some(victim_type("journalist"));
    e.perpetrator_type = Some(perpetrator("state"));
    e.status = CaseStatus::Closed;
    for x in [a, b, c, d, e] {
        v.insert_case(x, at(1)).unwrap();
    }
    (dir, v)
}

#[test]
fn each_filter_dimension_restricts_the_list() {
    let (_dir, v) = book();
    let all = CaseFilter::default();
    assert_eq!(titles(&v, &all).len(), 5);
    let f = |g: &dyn Fn(&mut CaseFilter)| {
        let mut f = CaseFilter::default();
        g(&mut f);
        titles(&v, &f).into_iter().map(|t| t[..1].to_string()).collect::<Vec<_>>().join("")
    };
    assert_eq!(f(&|f| f.from = Some(day(2024, 5, 3))), "ABDE", "from is inclusive");
    assert_eq!(f(&|f| f.to = Some(day(2024, 5, 31))), "ABCD", "to is inclusive");
    assert_eq!(
        f(&|f| {
            f.from = Some(day(2024, 5, 1));
            f.to = Some(day(2024, 5, 31))
        }),
        "ABD"
    );
    assert_eq!(f(&|f| f.groups = vec![GroupCode::new("journalists").unwrap()]), "AE");
    assert_eq!(
        f(&|f| f.groups = vec![GroupCode::new("journalists").unwrap(), GroupCode::new("claims").unwrap()]),
        "ACE"
    );
    assert_eq!(f(&|f| f.categories = vec![CategoryCode::new("information.refusal").unwrap()]), "B");
    assert_eq!(f(&|f| f.regions = vec![region("almaty_city")]), "AC");
    assert_eq!(f(&|f| f.regions = vec![region("astana"), region("shymkent")]), "BE");
    assert_eq!(f(&|f| f.victim_types = vec![victim_type("journalist")]), "AE");
    assert_eq!(f(&|f| f.perpetrator_types = vec![perpetrator("state"), perpetrator("non_state")]), "ACE");
    assert_eq!(f(&|f| f.status = Some(CaseStatus::Closed)), "BE");
    assert_eq!(f(&|f| f.status = Some(CaseStatus::Open)), "ACD");
    assert_eq!(f(&|f| f.kind = Some(CaseKind::Context)), "D");
    assert_eq!(f(&|f| f.kind = Some(CaseKind::Case)), "ABCE");
    assert_eq!(
        f(&|f| {
            f.regions = vec![region("almaty_city")];
            f.groups = vec![GroupCode::new("journalists").unwrap()];
        }),
        "A",
        "AND between fields"
    );
    assert_eq!(f(&|f| f.text = Some("иск".into())), "C");
    assert_eq!(f(&|f| f.text = Some("   ".into())), "ABCDE", "blank text does not restrict");
}

#[test]
fn pages_and_order_with_ties() {
    let (_dir, mut v) = new_vault();
    // Two on the same day: the later created first in DateDesc.
    for (i, d) in [3u32, 1, 2, 2, 5].into_iter().enumerate() {
        v.insert_case(case(day(2024, 5, d), "journalists.threat", &format!("{d}-{i}")), at(i as u32)).unwrap();
    }
    let page = |sort, offset, limit| {
        let p = v.find(&CaseFilter { sort, ..Default::default() }, Page { offset, limit }).unwrap();
        (p.total, p.cases.into_iter().map(|c| c.data.title).collect::<Vec<_>>())
    };
    assert_eq!(
        page(SortOrder::DateDesc, 0, 50),
        (5, vec!["5-4".into(), "3-0".into(), "2-3".into(), "2-2".into(), "1-1".into()])
    );
    assert_eq!(
        page(SortOrder::DateAsc, 0, 50),
        (5, vec!["1-1".into(), "2-2".into(), "2-3".into(), "3-0".into(), "5-4".into()])
    );
    assert_eq!(page(SortOrder::DateDesc, 1, 2), (5, vec!["3-0".into(), "2-3".into()]));
    assert_eq!(page(SortOrder::DateDesc, 4, 2), (5, vec!["1-1".into()]));
    assert_eq!(page(SortOrder::DateDesc, 9, 2), (5, vec![]));
    assert_eq!(Page::default(), Page { offset: 0, limit: 50 });
}

#[test]
fn page_limit_is_capped_at_1000() {
    let (_dir, mut v) = new_vault();
    let items = (0..1005u64)
        .map(|i| {
            (i + 2, kuzet_core::vault::ImportItem::Case(case(day(2024, 5, 1), "journalists.threat", &format!("n{i}"))))
        })
        .collect();
    v.apply_import(items, at(1)).unwrap();
    let p = v.find(&CaseFilter::default(), Page { offset: 0, limit: 5000 }).unwrap();
    assert_eq!((p.total, p.cases.len()), (1005, 1000));
}

#[test]
fn free_text_folds_case_but_keeps_kazakh_letters_apart() {
    let (_dir, mut v) = new_vault();
    let mut kz = case(day(2024, 5, 1), "journalists.threat", "Қазақ тілі газетінің тілшісіне қорқыту");
    kz.summary = "Үкімет өкілі тілшіні қорқытты".into();
    v.insert_case(kz, at(1)).unwrap();
    let mut ru = case(day(2024, 5, 2), "journalists.attack", "Нападение на оператора");
    ru.victim.name = "ИВАНОВ Пётр".into();
    ru.victim.outlet = "Алёна-ТВ".into();
    v.insert_case(ru, at(1)).unwrap();
    let mut look = case(day(2024, 5, 3), "journalists.attack", "Казак и уезд");
    look.summary = "Кукимет иси".into();
    v.insert_case(look, at(1)).unwrap();
    let en =
        with_ref(case(day(2024, 5, 4), "information.refusal", "Refusal to answer \"Vlast.kz\" request"), "2024-05-017");
    let en = v.insert_case(en, at(1)).unwrap();
    v.insert_development(en.id, dev(day(2024, 6, 4), "Жалоба в прокуратуру отклонена"), at(2)).unwrap();

    let kz_title = "Қазақ тілі газетінің тілшісіне қорқыту";
    assert_eq!(text(&v, "ҚАЗАҚ"), [kz_title]);
    assert_eq!(text(&v, "қазақ тілі"), [kz_title], "every word, AND");
    assert_eq!(text(&v, "ҚАЗ ТІЛ"), [kz_title], "word prefixes");
    assert_eq!(text(&v, "қазақ нападение"), Vec::<String>::new());
    assert_eq!(text(&v, "казак"), ["Казак и уезд"], "қ ≠ к");
    assert_eq!(text(&v, "үкімет"), [kz_title], "summary, ү");
    assert_eq!(text(&v, "укимет"), Vec::<String>::new(), "ү ≠ у and і ≠ и");
    assert_eq!(text(&v, "кукимет"), ["Казак и уезд"]);
    assert_eq!(text(&v, "иси"), ["Казак и уезд"]);
    assert_eq!(text(&v, "тілшіні"), [kz_title]);
    assert_eq!(text(&v, "тилшини"), Vec::<String>::new(), "і ≠ и");
    assert_eq!(text(&v, "иванов"), ["Нападение на оператора"], "victim name, Cyrillic case");
    assert_eq!(text(&v, "Петр"), ["Нападение на оператора"], "ё = е");
    assert_eq!(text(&v, "алена-тв"), ["Нападение на оператора"], "outlet");
    assert_eq!(text(&v, "VLAST"), ["Refusal to answer \"Vlast.kz\" request"]);
    assert_eq!(text(&v, "2024-05-017"), ["Refusal to answer \"Vlast.kz\" request"], "ref");
    assert_eq!(text(&v, "прокуратуру"), ["Refusal to answer \"Vlast.kz\" request"], "development text");
    for hostile in ["\"", "*", "-", "NOT", "AND OR", "\"vlast", "vlast*\"", "(", "col:x", "^a", "NEAR(a b)"] {
        v.find(&CaseFilter { text: Some(hostile.into()), ..Default::default() }, Page::default())
            .unwrap_or_else(|e| panic!("{hostile:?} broke the query: {e}"));
    }
    assert_eq!(text(&v, "-нападение"), ["Нападение на оператора"], "a minus is not NOT");
}
