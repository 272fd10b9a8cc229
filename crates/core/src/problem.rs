//! Typed input problems: which field ([`Field`]) and what is wrong with it
//! ([`Problem`], with its data), from the core's validation to the UI. The
//! UI picks its translation from the problem's kind and formats it with the
//! data; [`FieldError`]'s `Display` is the English text the CLI prints.
//! The limits validation enforces are in [`limits`].

use serde::{Deserialize, Serialize};

/// The limits case and development validation enforces (exported to the UI).
pub mod limits {
    /// The longest title accepted, in characters (Unicode scalar values).
    pub const MAX_TITLE_CHARS: usize = 300;
    /// The longest external reference (`ref`) accepted, in characters.
    pub const MAX_REF_CHARS: usize = 100;
    /// The longest private name (a name or phrase to hide) accepted, in
    /// characters.
    pub const MAX_PRIVATE_NAME_CHARS: usize = 200;
    /// The longest summary accepted (a case's, a development's, a
    /// translation's, or an overview editor's text), in characters: about
    /// eight printed pages, and below the 32 767 characters an XLSX cell
    /// holds, so every export can write it.
    pub const MAX_SUMMARY_CHARS: usize = 20_000;
    /// The longest short text accepted, in characters: a victim's name, an
    /// outlet, a court, an outcome, one source.
    pub const MAX_FIELD_CHARS: usize = 1_000;
    /// The most sources a record may have (the export writes them in one
    /// cell, one per line).
    pub const MAX_SOURCES: usize = 20;
    /// The most private names a record may have (the export writes them in
    /// one cell, `; `-separated).
    pub const MAX_PRIVATE_NAMES: usize = 100;
    /// The largest import file read (CSV or XLSX), in bytes: 256 MiB, far
    /// above a 100 000-case archive (about 60 MB as CSV).
    pub const MAX_IMPORT_FILE_BYTES: u64 = 256 << 20;
    /// The most characters an XLSX cell holds (Excel's limit).
    pub const XLSX_CELL_CHARS: usize = 32_767;

    // Every cell the export writes fits an XLSX cell.
    const _: () = assert!(MAX_SUMMARY_CHARS <= XLSX_CELL_CHARS);
    const _: () = assert!(MAX_SOURCES * (MAX_FIELD_CHARS + 1) <= XLSX_CELL_CHARS);
    const _: () = assert!(MAX_PRIVATE_NAMES * (MAX_PRIVATE_NAME_CHARS + 2) <= XLSX_CELL_CHARS);
}

/// An input field of a case or a development (or the form as a whole).
///
/// Serialized in camelCase as the editor names its inputs (`eventDate`,
/// `externalRef`, `amountClaimed`, …); [`Field::name`] is the name in the
/// import format and the CLI's messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export_to = "Field.ts"))]
#[serde(rename_all = "camelCase")]
pub enum Field {
    /// The title.
    Title,
    /// The summary.
    Summary,
    /// The event date.
    EventDate,
    /// The primary category.
    Category,
    /// Counted case or context event; the editor derives it from the
    /// category, so it is sent as `category` (the input that fixes it).
    #[serde(rename(serialize = "category", deserialize = "kind"))]
    #[cfg_attr(feature = "ts", ts(rename = "category"))]
    Kind,
    /// Further categories.
    Tags,
    /// The region.
    Region,
    /// The victim type.
    VictimType,
    /// The victim's name.
    VictimName,
    /// The victim's outlet.
    Outlet,
    /// The perpetrator type.
    PerpetratorType,
    /// The legal basis.
    LegalBasis,
    /// The proceeding's branch.
    Branch,
    /// The proceeding's stage.
    Stage,
    /// The court.
    Court,
    /// The outcome so far of a proceeding.
    Outcome,
    /// The amount claimed, in tenge.
    #[serde(rename = "amountClaimed")]
    AmountClaimedKzt,
    /// The fine, in tenge.
    #[serde(rename = "fine")]
    FineKzt,
    /// The source links.
    Sources,
    /// The names of private persons to hide in public outputs.
    PrivateNames,
    /// The external reference.
    #[serde(rename = "externalRef")]
    Ref,
    /// The language of the text.
    Language,
    /// The title and summary in other languages than the record's own.
    Translations,
    /// Open or closed.
    Status,
    /// The year of an annual overview.
    Year,
    /// The vault passphrase.
    Passphrase,
    /// The taxonomy as a whole.
    Taxonomy,
    /// The input as a whole (e.g. a row of an import file).
    #[serde(rename = "_form")]
    Form,
}

impl Field {
    /// Every field, in editor order.
    pub const ALL: [Field; 28] = [
        Field::Title,
        Field::Summary,
        Field::EventDate,
        Field::Category,
        Field::Kind,
        Field::Tags,
        Field::Region,
        Field::VictimType,
        Field::VictimName,
        Field::Outlet,
        Field::PerpetratorType,
        Field::LegalBasis,
        Field::Branch,
        Field::Stage,
        Field::Court,
        Field::Outcome,
        Field::AmountClaimedKzt,
        Field::FineKzt,
        Field::Sources,
        Field::PrivateNames,
        Field::Ref,
        Field::Language,
        Field::Translations,
        Field::Status,
        Field::Year,
        Field::Passphrase,
        Field::Taxonomy,
        Field::Form,
    ];

    /// The name in the import format and in English messages (`event_date`,
    /// `source_url`, `ref`; a branch mismatch is about the `proceeding`).
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Summary => "summary",
            Field::EventDate => "event_date",
            Field::Category => "category",
            Field::Kind => "kind",
            Field::Tags => "tags",
            Field::Region => "region",
            Field::VictimType => "victim_type",
            Field::VictimName => "victim_name",
            Field::Outlet => "outlet",
            Field::PerpetratorType => "perpetrator_type",
            Field::LegalBasis => "legal_basis",
            Field::Branch => "proceeding",
            Field::Stage => "stage",
            Field::Court => "court",
            Field::Outcome => "outcome",
            Field::AmountClaimedKzt => "amount_claimed_kzt",
            Field::FineKzt => "fine_kzt",
            Field::Sources => "source_url",
            Field::PrivateNames => "private_names",
            Field::Ref => "ref",
            Field::Language => "language",
            Field::Translations => "translations",
            Field::Status => "status",
            Field::Year => "year",
            Field::Passphrase => "passphrase",
            Field::Taxonomy => "taxonomy",
            Field::Form => "input",
        }
    }
}

/// What is wrong with a field, with the data a message needs.
///
/// Serialized as `{ "kind": "tooLong", "max": 300 }` and so on; the UI's
/// message key is `validation.<kind>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export_to = "Problem.ts"))]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Problem {
    /// Empty where a value is required.
    Required,
    /// Given but blank (a ref, a source).
    Blank,
    /// Longer than `max` characters.
    TooLong {
        /// The limit, in characters.
        max: usize,
    },
    /// Contains control characters.
    ControlCharacters,
    /// A date outside the years the vault counts.
    YearOutOfRange {
        /// The date given (`YYYY-MM-DD`).
        date: String,
        /// The first accepted year.
        first: i32,
        /// The last accepted year.
        last: i32,
    },
    /// A code the taxonomy does not have; `known` are the codes that would
    /// fit (empty when not listed).
    UnknownCode {
        /// The code given.
        code: String,
        /// The codes of that kind (for a category: those of its group).
        known: Vec<String>,
    },
    /// A category whose group does not exist; `known` are the groups.
    UnknownGroup {
        /// The code given.
        code: String,
        /// The groups.
        known: Vec<String>,
    },
    /// A retired category on a new case.
    Retired {
        /// The category.
        code: String,
    },
    /// Case kind and category disagree: a counted case with an uncounted
    /// category (on [`Field::Category`]) or a context event with a counted
    /// one (on [`Field::Kind`]).
    KindMismatch {
        /// The category.
        code: String,
    },
    /// A tag repeating the primary category.
    AlreadyPrimary {
        /// The category.
        code: String,
    },
    /// Listed twice, or a ref already used by another entry.
    Duplicate {
        /// The repeated value.
        value: String,
    },
    /// A translation that gives one of the title and summary but not the
    /// other, while the record's own text has it.
    TranslationIncomplete {
        /// The translation's language (`kk`, `ru`, `en`).
        lang: String,
        /// What it lacks: `title` or `summary`.
        missing: String,
    },
    /// A translation into the language the record is written in.
    SameLanguage {
        /// That language.
        lang: String,
    },
    /// More items than a record may have.
    TooMany {
        /// The limit.
        max: usize,
    },
    /// A negative amount.
    Negative,
    /// A proceeding branch contradicting a `claims.*` category.
    BranchMismatch {
        /// The branch (lowercase).
        branch: String,
        /// The category.
        category: String,
    },
    /// A passphrase of the form `x'…'` (SQLCipher would take it as a raw key).
    RawKey,
    /// A code still used by cases removed from the taxonomy.
    StillUsed {
        /// What the code names (`category`, `region`, …).
        what: String,
        /// The code.
        code: String,
    },
    /// Not a valid date or code, or another problem the shell finds while
    /// reading an input; `message` says why (English).
    Invalid {
        /// Why.
        message: String,
    },
    /// An overview draft lists the same case or development twice.
    EntryTwice {
        /// The entry: its date and title (`2024-05-03 Нападение`), or its
        /// id when the record is not in the month.
        entry: String,
    },
    /// A custom section of an overview draft has no title in any language.
    UntitledSection {
        /// Its 1-based place among the draft's sections.
        section: usize,
    },
    /// Not a date of the form `YYYY-MM-DD` in the calendar (an import cell).
    NotADate {
        /// The text given.
        value: String,
    },
    /// Not a whole number of tenge (KZT) (an import cell).
    NotAWholeNumber {
        /// The text given.
        value: String,
    },
    /// A column name the import format does not have.
    UnknownColumn {
        /// The name in the file's header.
        name: String,
        /// The columns of the format.
        known: Vec<String>,
    },
    /// A required column is missing from an import file's header.
    MissingColumn,
    /// An import row with another number of cells than its header.
    FieldCount {
        /// The row's cells.
        found: usize,
        /// The header's columns.
        expected: usize,
    },
    /// A row of an import file.
    ImportRow {
        /// The 1-based line.
        line: usize,
        /// The column.
        column: String,
        /// Why (English).
        message: String,
    },
}

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export_to = "FieldError.ts"))]
pub struct FieldError {
    /// The field.
    pub field: Field,
    /// What is wrong.
    pub problem: Problem,
}

fn list(codes: &[String]) -> String {
    codes.join(", ")
}

impl FieldError {
    /// A problem with a field.
    pub fn new(field: Field, problem: Problem) -> Self {
        FieldError { field, problem }
    }

    /// The English text of the problem, without the field name.
    pub fn message(&self) -> String {
        match &self.problem {
            Problem::Required => "must not be empty".into(),
            Problem::Blank if self.field == Field::Sources => "a source must not be blank".into(),
            Problem::Blank => "must not be blank when given".into(),
            Problem::TooLong { max } => format!("is longer than {max} characters"),
            Problem::ControlCharacters => "must not contain control characters".into(),
            Problem::YearOutOfRange { date, first, last } => format!("{date} is outside the years {first}–{last}"),
            Problem::UnknownCode { code, known } => {
                let what = match self.field {
                    Field::Region => ("region", "regions"),
                    Field::VictimType => ("victim type", "victim types"),
                    Field::PerpetratorType => ("perpetrator type", "perpetrator types"),
                    Field::LegalBasis => ("legal basis", "legal bases"),
                    _ => ("category", ""),
                };
                match (what.1, known.is_empty()) {
                    (_, true) => format!("unknown {} {code}", what.0),
                    ("", false) => {
                        let group = code.split('.').next().unwrap_or_default();
                        format!("unknown category {code}; the categories of {group} are {}", list(known))
                    }
                    (many, false) => format!("unknown {} {code}; the {many} are {}", what.0, list(known)),
                }
            }
            Problem::UnknownGroup { code, known } => {
                format!("unknown category {code}; categories start with a group: {}", list(known))
            }
            Problem::Retired { code } => format!("category {code} is retired and cannot be used for new cases"),
            Problem::KindMismatch { code } if self.field == Field::Kind => {
                format!("a context event cannot have the counted category {code}")
            }
            Problem::KindMismatch { code } => {
                format!("{code} is not a counted category; use kind \"context\" for events in the country")
            }
            Problem::AlreadyPrimary { code } => format!("{code} is already the primary category"),
            Problem::Duplicate { value } if self.field == Field::Ref => format!("ref {value} is already used"),
            Problem::Duplicate { value } => format!("{value} is listed twice"),
            Problem::TranslationIncomplete { lang, missing } => {
                format!("the {lang} translation has no {missing} (the original has one)")
            }
            Problem::SameLanguage { lang } => {
                format!("the text is written in {lang} already; a {lang} translation would replace it")
            }
            Problem::TooMany { max } => format!("has more than {max} items"),
            Problem::Negative => "must not be negative".into(),
            Problem::BranchMismatch { branch, category } => format!("branch {branch} contradicts category {category}"),
            Problem::RawKey => {
                "must not have the form x'…' (SQLCipher would take it as a raw key and skip the key derivation)".into()
            }
            Problem::StillUsed { what, code } => {
                format!("{what} {code} is still used by cases; retire it instead of removing it")
            }
            Problem::Invalid { message } => message.clone(),
            Problem::EntryTwice { entry } => format!("{entry} is listed twice in the overview"),
            Problem::UntitledSection { section } => {
                format!("custom section {section} needs a title in at least one language")
            }
            Problem::NotADate { value } => format!("{value:?} is not a date: expected YYYY-MM-DD"),
            Problem::NotAWholeNumber { value } => format!("{value:?} is not a whole number of tenge (KZT)"),
            Problem::UnknownColumn { name, known } => format!("unknown column {name}; the columns are {}", list(known)),
            Problem::MissingColumn => "required column is missing from the header".into(),
            Problem::FieldCount { found, expected } => {
                format!("the row has {found} fields but the header has {expected}")
            }
            Problem::ImportRow { line, column, message } => format!("line {line}, {column}: {message}"),
        }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field.name(), self.message())
    }
}
