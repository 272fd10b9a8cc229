//! The columns of the import/export CSV and their header names.

use crate::lang::Lang;

/// A column of the import/export CSV (see the [module docs](crate::transfer)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// `ref`: the external reference, required and unique in the file.
    Ref,
    /// `kind`: `case`, `development` or `context`.
    Kind,
    /// `parent_ref`: a development's case.
    ParentRef,
    /// `event_date`: `YYYY-MM-DD`, local date in Kazakhstan.
    EventDate,
    /// `category`: the primary category code.
    Category,
    /// `region`: a region code.
    Region,
    /// `title`.
    Title,
    /// `summary`.
    Summary,
    /// `victim_type`: a victim / target type code.
    VictimType,
    /// `victim_name`.
    VictimName,
    /// `outlet`: the media outlet.
    Outlet,
    /// `perpetrator_type`: a perpetrator type code.
    PerpetratorType,
    /// `legal_basis`: a legal basis code.
    LegalBasis,
    /// `source_url`: sources, one per line.
    SourceUrl,
    /// `language`: `kk`, `ru` or `en`.
    Language,
    /// `title_kk`, `title_ru`, `title_en`: the title in that language
    /// when the record is written in another (a translation).
    TitleIn(Lang),
    /// `summary_kk`, `summary_ru`, `summary_en`: the summary in that
    /// language (with its `title_*`).
    SummaryIn(Lang),
    /// `tags`: secondary categories, separated by `;` or white space.
    Tags,
    /// `status`: `open` or `closed`.
    Status,
    /// `confidential`: `yes` or `no`.
    Confidential,
    /// `private_names`: names of private persons to hide in public
    /// outputs, separated by `;` or new lines (cases and developments).
    PrivateNames,
    /// `proceeding_stage`: `pretrial` or `court` (claims only).
    ProceedingStage,
    /// `court`: the court or body (claims only).
    Court,
    /// `amount_claimed_kzt`: whole tenge (claims only).
    AmountClaimedKzt,
    /// `fine_kzt`: whole tenge (claims only).
    FineKzt,
    /// `outcome`: the outcome so far (claims only).
    Outcome,
}

impl Column {
    /// Every column, in the order the export writes them.
    pub const ALL: [Column; 30] = [
        Column::Ref,
        Column::Kind,
        Column::ParentRef,
        Column::EventDate,
        Column::Category,
        Column::Region,
        Column::Title,
        Column::Summary,
        Column::VictimType,
        Column::VictimName,
        Column::Outlet,
        Column::PerpetratorType,
        Column::LegalBasis,
        Column::SourceUrl,
        Column::Language,
        Column::TitleIn(Lang::Kk),
        Column::SummaryIn(Lang::Kk),
        Column::TitleIn(Lang::Ru),
        Column::SummaryIn(Lang::Ru),
        Column::TitleIn(Lang::En),
        Column::SummaryIn(Lang::En),
        Column::Tags,
        Column::Status,
        Column::Confidential,
        Column::PrivateNames,
        Column::ProceedingStage,
        Column::Court,
        Column::AmountClaimedKzt,
        Column::FineKzt,
        Column::Outcome,
    ];

    /// Columns a file must have.
    pub const REQUIRED: [Column; 3] = [Column::Ref, Column::EventDate, Column::Title];

    /// The name in the header row.
    pub fn name(self) -> &'static str {
        match self {
            Column::Ref => "ref",
            Column::Kind => "kind",
            Column::ParentRef => "parent_ref",
            Column::EventDate => "event_date",
            Column::Category => "category",
            Column::Region => "region",
            Column::Title => "title",
            Column::Summary => "summary",
            Column::VictimType => "victim_type",
            Column::VictimName => "victim_name",
            Column::Outlet => "outlet",
            Column::PerpetratorType => "perpetrator_type",
            Column::LegalBasis => "legal_basis",
            Column::SourceUrl => "source_url",
            Column::Language => "language",
            Column::TitleIn(Lang::Kk) => "title_kk",
            Column::TitleIn(Lang::Ru) => "title_ru",
            Column::TitleIn(Lang::En) => "title_en",
            Column::SummaryIn(Lang::Kk) => "summary_kk",
            Column::SummaryIn(Lang::Ru) => "summary_ru",
            Column::SummaryIn(Lang::En) => "summary_en",
            Column::Tags => "tags",
            Column::Status => "status",
            Column::Confidential => "confidential",
            Column::PrivateNames => "private_names",
            Column::ProceedingStage => "proceeding_stage",
            Column::Court => "court",
            Column::AmountClaimedKzt => "amount_claimed_kzt",
            Column::FineKzt => "fine_kzt",
            Column::Outcome => "outcome",
        }
    }

    /// The column with this header name (case-insensitive, surrounding
    /// spaces ignored).
    pub fn from_name(name: &str) -> Option<Column> {
        let n = name.trim().to_ascii_lowercase();
        Column::ALL.into_iter().find(|c| c.name() == n)
    }

    /// Whether a development row may fill this column.
    pub(super) fn for_development(self) -> bool {
        matches!(
            self,
            Column::Ref
                | Column::Kind
                | Column::ParentRef
                | Column::EventDate
                | Column::Title
                | Column::Summary
                | Column::SourceUrl
                | Column::Language
                | Column::TitleIn(_)
                | Column::SummaryIn(_)
                | Column::PrivateNames
        )
    }

    /// Whether the column describes a claim's proceeding.
    pub(super) fn for_proceeding(self) -> bool {
        matches!(
            self,
            Column::ProceedingStage | Column::Court | Column::AmountClaimedKzt | Column::FineKzt | Column::Outcome
        )
    }

    pub(super) fn index(self) -> usize {
        Column::ALL.iter().position(|c| *c == self).expect("every column is in ALL")
    }
}
