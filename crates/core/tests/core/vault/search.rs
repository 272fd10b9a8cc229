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

fn list(v: &Vault, f: &CaseFilter) -> (u64, Vec<String>) {
    let p = v.find(f, Page { offset: 0, limit: 1000 }).unwrap();
    (p.total, p.cases.into_iter().map(|c| c.data.title).collect())
}

/// `find` keeps an in-memory catalogue of the list columns: every kind of
/// write must show in the next list, and writes elsewhere must not break it.
#[test]
fn the_list_follows_every_write() {
    let (dir, mut v) = new_vault();
    let threat = |f: &mut CaseFilter| f.categories = vec![CategoryCode::new("journalists.threat").unwrap()];
    let mut by_threat = CaseFilter::default();
    threat(&mut by_threat);
    assert_eq!(list(&v, &by_threat), (0, vec![]));

    let a = v.insert_case(case(day(2024, 5, 3), "journalists.threat", "Алматы қорқыту"), at(1)).unwrap();
    assert_eq!(list(&v, &by_threat), (1, vec!["Алматы қорқыту".into()]), "insert");

    let mut moved = a.data.clone();
    moved.category = CategoryCode::new("journalists.attack").unwrap();
    moved.event_date = day(2023, 1, 9);
    v.update_case(a.id, moved, at(2)).unwrap();
    assert_eq!(list(&v, &by_threat).0, 0, "update moves the case out of the category");
    let may = CaseFilter { from: Some(day(2024, 5, 1)), to: Some(day(2024, 5, 31)), ..Default::default() };
    assert_eq!(list(&v, &may).0, 0, "and out of the month");
    let jan = CaseFilter { from: Some(day(2023, 1, 1)), to: Some(day(2023, 1, 31)), ..Default::default() };
    assert_eq!(list(&v, &jan), (1, vec!["Алматы қорқыту".into()]));

    v.put_document("ui-prefs", &"kk").unwrap();
    assert_eq!(list(&v, &jan).0, 1, "a document write keeps the list right");

    let b = v.insert_case(case(day(2024, 5, 9), "journalists.threat", "Шымкент"), at(3)).unwrap();
    v.insert_development(b.id, dev(day(2024, 6, 2), "Сот отырысы өтті"), at(4)).unwrap();
    let sot = CaseFilter { text: Some("СОТ".into()), ..Default::default() };
    assert_eq!(list(&v, &sot), (1, vec!["Шымкент".into()]), "development text is searchable at once");

    v.delete_case(a.id).unwrap();
    assert_eq!(list(&v, &CaseFilter::default()), (1, vec!["Шымкент".into()]), "delete");

    let items = vec![(2, kuzet_core::vault::ImportItem::Case(case(day(2024, 5, 20), "journalists.threat", "Ақтөбе")))];
    v.apply_import(items, at(5)).unwrap();
    assert_eq!(list(&v, &by_threat), (2, vec!["Ақтөбе".into(), "Шымкент".into()]), "import");

    v.change_passphrase(&pass(), &Passphrase::new("жаңа құпия сөз")).unwrap();
    assert_eq!(list(&v, &by_threat).0, 2, "after a re-key");
    v.insert_case(case(day(2024, 5, 21), "journalists.threat", "Павлодар"), at(6)).unwrap();
    assert_eq!(list(&v, &by_threat).0, 3, "a write after a re-key");
    drop(v);
    let v = Vault::open(&dir.path().join("cases.kuzet"), &Passphrase::new("жаңа құпия сөз")).unwrap();
    assert_eq!(list(&v, &by_threat).0, 3, "reopened");
}

#[test]
fn codes_no_case_uses_match_nothing() {
    let (_dir, v) = book();
    let unused =
        CaseFilter { categories: vec![CategoryCode::new("information.cyberattack").unwrap()], ..Default::default() };
    assert_eq!(list(&v, &unused), (0, vec![]));
    let mixed = CaseFilter {
        categories: vec![
            CategoryCode::new("information.cyberattack").unwrap(),
            CategoryCode::new("claims.civil").unwrap(),
        ],
        ..Default::default()
    };
    assert_eq!(list(&v, &mixed), (1, vec!["C иск".into()]));
    let nowhere = CaseFilter { regions: vec![region("abroad")], ..Default::default() };
    assert_eq!(list(&v, &nowhere).0, 0);
    let empty_range = CaseFilter { from: Some(day(2024, 6, 2)), to: Some(day(2024, 5, 1)), ..Default::default() };
    assert_eq!(list(&v, &empty_range).0, 0, "from after to");
}

/// xorshift64*: deterministic pseudo-random numbers for the model test.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n as u64) as usize
    }
}

/// `find` against a plain model (filter every case in Rust, sort by
/// date/created/id) over random filters, orders and pages.
#[test]
fn find_agrees_with_a_plain_filter_over_every_case() {
    let (_dir, mut v) = new_vault();
    let tax = v.taxonomy().clone();
    let cats: Vec<_> = tax.groups.iter().flat_map(|g| g.categories.iter().map(|c| c.code.clone())).collect();
    let regions: Vec<_> = tax.regions.iter().map(|r| r.code.clone()).take(6).collect();
    let victims: Vec<_> = tax.victim_types.iter().map(|t| t.code.clone()).take(4).collect();
    let perps: Vec<_> = tax.perpetrator_types.iter().map(|t| t.code.clone()).collect();
    let mut rng = Rng(2024);
    let mut items = Vec::new();
    for i in 0..300u64 {
        let cat = &cats[rng.below(cats.len())];
        let mut c =
            case(day(2023, 1, 1) + chrono::Duration::days(rng.below(500) as i64), cat.as_str(), &format!("n{i}"));
        c.region = (rng.below(5) > 0).then(|| regions[rng.below(regions.len())].clone());
        c.victim.kind = (rng.below(4) > 0).then(|| victims[rng.below(victims.len())].clone());
        c.perpetrator_type = (rng.below(3) > 0).then(|| perps[rng.below(perps.len())].clone());
        c.status = if rng.below(2) == 0 { CaseStatus::Open } else { CaseStatus::Closed };
        items.push((i + 2, kuzet_core::vault::ImportItem::Case(c)));
    }
    // Two batches at different times: ties on a date are broken by created_at.
    let later = items.split_off(150);
    v.apply_import(items, at(1)).unwrap();
    v.apply_import(later, at(2)).unwrap();
    for phase in 0..3 {
        let all = v.all_cases().unwrap();
        for round in 0..120 {
            let mut f = CaseFilter::default();
            let pick = |rng: &mut Rng, n: usize| rng.below(n);
            if pick(&mut rng, 3) == 0 {
                f.from = Some(day(2023, 1, 1) + chrono::Duration::days(rng.below(500) as i64));
            }
            if pick(&mut rng, 3) == 0 {
                f.to = Some(day(2023, 1, 1) + chrono::Duration::days(rng.below(500) as i64));
            }
            if pick(&mut rng, 4) == 0 {
                f.groups = vec![tax.groups[rng.below(tax.groups.len())].code.clone()];
            }
            if pick(&mut rng, 4) == 0 {
                f.categories = (0..1 + rng.below(3)).map(|_| cats[rng.below(cats.len())].clone()).collect();
            }
            if pick(&mut rng, 4) == 0 {
                f.regions = (0..1 + rng.below(2)).map(|_| regions[rng.below(regions.len())].clone()).collect();
            }
            if pick(&mut rng, 5) == 0 {
                f.victim_types = vec![victims[rng.below(victims.len())].clone()];
            }
            if pick(&mut rng, 5) == 0 {
                f.perpetrator_types = vec![perps[rng.below(perps.len())].clone()];
            }
            if pick(&mut rng, 4) == 0 {
                f.status = Some(if rng.below(2) == 0 { CaseStatus::Open } else { CaseStatus::Closed });
            }
            if pick(&mut rng, 4) == 0 {
                f.kind = Some(if rng.below(2) == 0 { CaseKind::Case } else { CaseKind::Context });
            }
            f.sort = if rng.below(2) == 0 { SortOrder::DateAsc } else { SortOrder::DateDesc };
            let page = Page { offset: rng.below(40) as u32, limit: 1 + rng.below(60) as u32 };

            let group_of = |c: &CategoryCode| tax.group_of(c).map(|g| g.code.clone());
            let mut expected: Vec<_> = all
                .iter()
                .filter(|c| {
                    let d = &c.data;
                    f.from.is_none_or(|x| d.event_date >= x)
                        && f.to.is_none_or(|x| d.event_date <= x)
                        && (f.groups.is_empty() || group_of(&d.category).is_some_and(|g| f.groups.contains(&g)))
                        && (f.categories.is_empty() || f.categories.contains(&d.category))
                        && (f.regions.is_empty() || d.region.as_ref().is_some_and(|r| f.regions.contains(r)))
                        && (f.victim_types.is_empty()
                            || d.victim.kind.as_ref().is_some_and(|r| f.victim_types.contains(r)))
                        && (f.perpetrator_types.is_empty()
                            || d.perpetrator_type.as_ref().is_some_and(|r| f.perpetrator_types.contains(r)))
                        && f.status.is_none_or(|s| d.status == s)
                        && f.kind.is_none_or(|k| d.kind == k)
                })
                .collect();
            expected.sort_by(|a, b| {
                (a.data.event_date, a.created_at, a.id.to_string()).cmp(&(
                    b.data.event_date,
                    b.created_at,
                    b.id.to_string(),
                ))
            });
            if f.sort == SortOrder::DateDesc {
                expected.reverse();
            }
            let want: Vec<String> = expected
                .iter()
                .skip(page.offset as usize)
                .take(page.limit as usize)
                .map(|c| c.data.title.clone())
                .collect();
            let got = v.find(&f, page).unwrap();
            assert_eq!(got.total as usize, expected.len(), "phase {phase} round {round}: total for {f:?}");
            let got: Vec<String> = got.cases.into_iter().map(|c| c.data.title).collect();
            assert_eq!(got, want, "phase {phase} round {round}: page {page:?} of {f:?}");
        }
        // Single-case writes between list queries: the catalogue is updated
        // in place (moved dates, new cases on existing dates, deletions).
        let ids: Vec<_> = all.iter().map(|c| c.id).collect();
        for k in 0..40u32 {
            let id = ids[rng.below(ids.len())];
            match rng.below(3) {
                0 => {
                    if let Ok(mut c) = v.case(id) {
                        c.data.event_date = day(2023, 1, 1) + chrono::Duration::days(rng.below(500) as i64);
                        c.data.status = CaseStatus::Closed;
                        v.update_case(id, c.data, at(3 + k % 20)).unwrap();
                    }
                }
                1 => {
                    let on = all[rng.below(all.len())].data.event_date;
                    let cat = cats[rng.below(cats.len())].clone();
                    v.insert_case(case(on, cat.as_str(), &format!("new{phase}-{k}")), at(3 + k % 20)).unwrap();
                }
                _ => {
                    let _ = v.delete_case(id);
                }
            }
            v.find(&CaseFilter::default(), Page::default()).unwrap();
        }
    }
}
