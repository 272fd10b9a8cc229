//! One data row → a case, context event or development, decoding every
//! cell (codes, dates, tenge amounts, yes/no) and collecting its problems.

use super::*;

/// One data row being read, collecting its problems.
pub(super) struct Row<'a> {
    pub(super) record: &'a csv::StringRecord,
    /// For each [`Column::ALL`] entry, its position in the file, if present.
    pub(super) positions: &'a [Option<usize>],
    pub(super) line: u64,
    pub(super) errors: Vec<ImportRowError>,
    /// Whether cells may carry the CSV export's formula apostrophe (a
    /// spreadsheet's text cells never do).
    pub(super) formulas: bool,
}

impl<'a> Row<'a> {
    /// The trimmed cell of `column` ("" when the column is absent), with the
    /// export's formula apostrophe removed.
    pub(super) fn get(&self, column: Column) -> &'a str {
        let cell = self.positions[column.index()].and_then(|i| self.record.get(i)).map(str::trim).unwrap_or("");
        if self.formulas {
            restore_formula(cell)
        } else {
            cell
        }
    }

    pub(super) fn error(&mut self, column: Column, message: impl Into<String>) {
        self.errors.push(row_error(self.line, column.name(), message));
    }

    /// A problem with its typed reason (see [`ImportRowError::typed`]).
    pub(super) fn typed(&mut self, column: Column, problem: Problem, message: impl Into<String>) {
        self.errors.push(ImportRowError::typed(self.line, column.name(), problem, message));
    }

    pub(super) fn has_error(&self, column: &str) -> bool {
        self.errors.iter().any(|e| e.column == column)
    }

    pub(super) fn code<T>(&mut self, column: Column, parse: fn(&str) -> Result<T, BadCode>) -> Option<T> {
        let s = self.get(column);
        if s.is_empty() {
            return None;
        }
        match parse(s) {
            Ok(c) => Some(c),
            Err(e) => {
                self.error(column, e.to_string());
                None
            }
        }
    }

    pub(super) fn date(&mut self) -> NaiveDate {
        let s = self.get(Column::EventDate);
        if s.is_empty() {
            self.typed(Column::EventDate, Problem::Required, "required: the date of the event, YYYY-MM-DD");
        } else {
            match parse_date(s) {
                Ok(d) => return d,
                Err(e) => self.typed(Column::EventDate, Problem::NotADate { value: s.to_string() }, e),
            }
        }
        NaiveDate::default()
    }

    pub(super) fn language(&mut self) -> Option<Lang> {
        let s = self.get(Column::Language);
        if s.is_empty() {
            return None;
        }
        match s.parse() {
            Ok(l) => Some(l),
            Err(e) => {
                self.error(Column::Language, format!("{e}"));
                None
            }
        }
    }

    /// The `title_*` / `summary_*` cells: a translation for each language
    /// with either cell filled.
    pub(super) fn translations(&self) -> Translations {
        Lang::ALL
            .into_iter()
            .map(|l| {
                let t = Translation {
                    title: self.get(Column::TitleIn(l)).to_string(),
                    summary: self.get(Column::SummaryIn(l)).to_string(),
                };
                (l, t)
            })
            .filter(|(_, t)| !(t.title.is_empty() && t.summary.is_empty()))
            .collect()
    }

    pub(super) fn sources(&self) -> Vec<String> {
        self.get(Column::SourceUrl).lines().map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
    }

    pub(super) fn kzt(&mut self, column: Column) -> Option<i64> {
        let s = self.get(column);
        if s.is_empty() {
            return None;
        }
        let digits: String = s.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')).collect();
        match digits.parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => {
                self.typed(
                    column,
                    Problem::NotAWholeNumber { value: s.to_string() },
                    format!("{s:?} is not a whole number of tenge (KZT)"),
                );
                None
            }
        }
    }

    /// Adds the validation problems of fields not already reported.
    pub(super) fn add_validation(&mut self, errors: ValidationErrors) {
        for e in errors.0 {
            let (field, message) = (e.field.name().to_string(), e.message());
            // The case model calls a branch mismatch "proceeding"; in the file
            // the branch comes from the category column.
            // A translation's problem is about its own cell.
            let column = match &e.problem {
                _ if field == "proceeding" => "category".to_string(),
                Problem::TranslationIncomplete { lang, missing } => format!("{missing}_{lang}"),
                Problem::SameLanguage { lang } => format!("title_{lang}"),
                _ => field,
            };
            if !self.has_error(&column) {
                self.errors.push(ImportRowError::typed(self.line, &column, e.problem, message));
            }
        }
    }
}

/// What a row became: a case (or context event) or a development.
pub(super) enum Parsed {
    Case(Box<CaseData>),
    Development { parent_ref: String, data: DevelopmentData },
}

#[derive(Clone, Copy, PartialEq)]
pub(super) enum RowKind {
    Case,
    Context,
    Development,
}

pub(super) fn parse_row(row: &mut Row<'_>, taxonomy: &Taxonomy) -> Option<Parsed> {
    let kind = match row.get(Column::Kind).to_ascii_lowercase().as_str() {
        "" | "case" => RowKind::Case,
        "context" => RowKind::Context,
        "development" => RowKind::Development,
        other => {
            let msg = format!("unknown kind {other:?}: expected case, development or context");
            row.error(Column::Kind, msg);
            return None;
        }
    };
    let external_ref = row.get(Column::Ref).to_string();
    if external_ref.is_empty() {
        row.typed(Column::Ref, Problem::Required, "required: a reference unique in the file, e.g. 2024-05-J01");
    }
    let event_date = row.date();
    let title = row.get(Column::Title).to_string();
    let summary = row.get(Column::Summary).to_string();
    let sources = row.sources();
    let language = row.language();
    let translations = row.translations();
    let private_names: Vec<String> = row
        .get(Column::PrivateNames)
        .split([';', '\n'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(String::from)
        .collect();

    if kind == RowKind::Development {
        let parent_ref = row.get(Column::ParentRef).to_string();
        if parent_ref.is_empty() {
            row.typed(
                Column::ParentRef,
                Problem::Required,
                "required for a development: the ref of the case it continues",
            );
        }
        for column in Column::ALL.into_iter().filter(|c| !c.for_development()) {
            if !row.get(column).is_empty() {
                row.error(column, "does not apply to a development row; leave it empty");
            }
        }
        let mut data = DevelopmentData {
            external_ref: Some(external_ref),
            event_date,
            title,
            summary,
            sources,
            language,
            private_names,
            translations,
        };
        data.normalize();
        if let Err(e) = data.validate() {
            row.add_validation(e);
        }
        return row.errors.is_empty().then_some(Parsed::Development { parent_ref, data });
    }

    if !row.get(Column::ParentRef).is_empty() {
        row.error(Column::ParentRef, "only development rows have a parent_ref (set kind to development)");
    }
    let category = match row.get(Column::Category) {
        "" if kind == RowKind::Context => CategoryCode::new("context.event").ok(),
        "" => {
            row.typed(
                Column::Category,
                Problem::Required,
                "required for a case: a category code such as journalists.threat",
            );
            None
        }
        _ => row.code(Column::Category, CategoryCode::new),
    };
    let region = row.code(Column::Region, RegionCode::new);
    let victim_kind = row.code(Column::VictimType, VictimTypeCode::new);
    let perpetrator_type = row.code(Column::PerpetratorType, PerpetratorTypeCode::new);
    let legal_basis = row.code(Column::LegalBasis, LegalBasisCode::new);
    let mut tags = Vec::new();
    for t in row.get(Column::Tags).split(|c: char| c == ';' || c.is_whitespace()).filter(|t| !t.is_empty()) {
        match CategoryCode::new(t) {
            Ok(c) => tags.push(c),
            Err(e) => row.errors.push(row_error(row.line, Column::Tags.name(), e.to_string())),
        }
    }
    let status = match row.get(Column::Status).to_ascii_lowercase().as_str() {
        "" | "open" => CaseStatus::Open,
        "closed" => CaseStatus::Closed,
        other => {
            let msg = format!("unknown status {other:?}: expected open or closed");
            row.error(Column::Status, msg);
            CaseStatus::Open
        }
    };
    let confidential = match row.get(Column::Confidential).to_ascii_lowercase().as_str() {
        "" | "no" | "false" | "0" => false,
        "yes" | "true" | "1" => true,
        other => {
            let msg = format!("{other:?} is not yes or no");
            row.error(Column::Confidential, msg);
            false
        }
    };
    let branch = category.as_ref().and_then(|c| {
        [ProceedingBranch::Criminal, ProceedingBranch::Civil, ProceedingBranch::Administrative]
            .into_iter()
            .find(|b| b.category() == c.as_str())
    });
    let proceeding = match branch {
        Some(branch) => {
            let stage = match row.get(Column::ProceedingStage).to_ascii_lowercase().as_str() {
                "" => None,
                "pretrial" | "pre-trial" => Some(ProceedingStage::Pretrial),
                "court" => Some(ProceedingStage::Court),
                other => {
                    let msg = format!("unknown stage {other:?}: expected pretrial or court");
                    row.error(Column::ProceedingStage, msg);
                    None
                }
            };
            Some(Proceeding {
                branch,
                stage,
                court: row.get(Column::Court).to_string(),
                amount_claimed_kzt: row.kzt(Column::AmountClaimedKzt),
                fine_kzt: row.kzt(Column::FineKzt),
                outcome: row.get(Column::Outcome).to_string(),
            })
        }
        None => {
            if category.is_some() {
                for column in Column::ALL.into_iter().filter(|c| c.for_proceeding()) {
                    if !row.get(column).is_empty() {
                        row.error(
                            column,
                            "applies only to claims (claims.criminal, claims.civil, claims.administrative)",
                        );
                    }
                }
            }
            None
        }
    };
    let mut data = CaseData {
        external_ref: Some(external_ref),
        kind: if kind == RowKind::Context { CaseKind::Context } else { CaseKind::Case },
        event_date,
        region,
        // A placeholder when the category is missing or malformed: its
        // problem is already reported, and validation errors about the
        // category column are not repeated.
        category: category.unwrap_or_else(|| CategoryCode::new("context.event").expect("valid code")),
        tags,
        title,
        summary,
        victim: Victim {
            kind: victim_kind,
            name: row.get(Column::VictimName).to_string(),
            outlet: row.get(Column::Outlet).to_string(),
        },
        perpetrator_type,
        legal_basis,
        proceeding,
        sources,
        status,
        confidential,
        private_names,
        language,
        translations,
    };
    data.normalize();
    if let Err(e) = data.validate(taxonomy, None) {
        row.add_validation(e);
    }
    row.errors.is_empty().then(|| Parsed::Case(Box::new(data)))
}
