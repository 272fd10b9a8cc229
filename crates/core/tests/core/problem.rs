//! The typed problems reach the UI: every kind has a message in the three
//! UI languages, and the English text the CLI prints stays readable.

use kuzet_core::case::{Field, FieldError, Problem};

/// One value of every problem kind; a new variant fails to compile here
/// until it is listed (and so checked against the UI's messages).
fn one_of_each() -> Vec<Problem> {
    let sample = |p: &Problem| match p {
        Problem::Required
        | Problem::Blank
        | Problem::TooLong { .. }
        | Problem::ControlCharacters
        | Problem::YearOutOfRange { .. }
        | Problem::UnknownCode { .. }
        | Problem::UnknownGroup { .. }
        | Problem::Retired { .. }
        | Problem::KindMismatch { .. }
        | Problem::AlreadyPrimary { .. }
        | Problem::Duplicate { .. }
        | Problem::Negative
        | Problem::TooMany { .. }
        | Problem::TranslationIncomplete { .. }
        | Problem::SameLanguage { .. }
        | Problem::BranchMismatch { .. }
        | Problem::RawKey
        | Problem::StillUsed { .. }
        | Problem::Invalid { .. }
        | Problem::EntryTwice { .. }
        | Problem::UntitledSection { .. }
        | Problem::NotADate { .. }
        | Problem::NotAWholeNumber { .. }
        | Problem::UnknownColumn { .. }
        | Problem::MissingColumn
        | Problem::FieldCount { .. }
        | Problem::ImportRow { .. } => (),
    };
    let s = String::new;
    let all = vec![
        Problem::Required,
        Problem::Blank,
        Problem::TooLong { max: 300 },
        Problem::ControlCharacters,
        Problem::YearOutOfRange { date: s(), first: 1900, last: 2999 },
        Problem::UnknownCode { code: s(), known: vec![] },
        Problem::UnknownGroup { code: s(), known: vec![] },
        Problem::Retired { code: s() },
        Problem::KindMismatch { code: s() },
        Problem::AlreadyPrimary { code: s() },
        Problem::Duplicate { value: s() },
        Problem::Negative,
        Problem::TooMany { max: 20 },
        Problem::TranslationIncomplete { lang: s(), missing: s() },
        Problem::SameLanguage { lang: s() },
        Problem::BranchMismatch { branch: s(), category: s() },
        Problem::RawKey,
        Problem::StillUsed { what: s(), code: s() },
        Problem::Invalid { message: s() },
        Problem::EntryTwice { entry: s() },
        Problem::UntitledSection { section: 1 },
        Problem::NotADate { value: s() },
        Problem::NotAWholeNumber { value: s() },
        Problem::UnknownColumn { name: s(), known: vec![] },
        Problem::MissingColumn,
        Problem::FieldCount { found: 3, expected: 4 },
        Problem::ImportRow { line: 1, column: s(), message: s() },
    ];
    all.iter().for_each(sample);
    all
}

#[test]
fn every_problem_kind_has_a_message_in_english_russian_and_kazakh() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/i18n");
    for lang in ["en", "ru", "kk"] {
        let text = std::fs::read_to_string(dir.join(format!("{lang}.json"))).expect("read i18n file");
        let json: serde_json::Value = serde_json::from_str(&text).expect("i18n json");
        for p in one_of_each() {
            let kind = serde_json::to_value(&p).unwrap()["kind"].as_str().unwrap().to_string();
            let msg = json["validation"][&kind].as_str();
            assert!(msg.is_some_and(|m| !m.is_empty()), "{lang}.json lacks validation.{kind}");
        }
    }
}

#[test]
fn problems_serialize_with_their_kind_and_data_and_read_as_today_in_english() {
    let e = FieldError::new(Field::Title, Problem::TooLong { max: 300 });
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(json, serde_json::json!({ "field": "title", "problem": { "kind": "tooLong", "max": 300 } }));
    assert_eq!(e.to_string(), "title: is longer than 300 characters");
    let e = FieldError::new(Field::Ref, Problem::Duplicate { value: "2024-05-001".into() });
    assert_eq!(serde_json::to_value(&e).unwrap()["field"], "externalRef");
    let e = FieldError::new(Field::AmountClaimedKzt, Problem::Negative);
    assert_eq!(serde_json::to_value(&e).unwrap()["field"], "amountClaimed");
    assert_eq!(e.to_string(), "amount_claimed_kzt: must not be negative");
}
