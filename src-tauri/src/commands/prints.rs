//! The annual overview and the single-case print from the app: the year's
//! numbers, the platform split staff adjust, and the PDFs.

use crate::commands::cases::case_id;
use crate::commands::overview::{names_confirmed, save_pdf};
use crate::ipc::{
    split_rows, AnnualSummaryDto, EditionDto, IpcError, IpcResult, LangDto, NameCandidateDto, PlatformClassDto,
    PlatformSplitRowDto,
};
use crate::state::AppState;
use kuzet_core::annual::{self, check_year};
use kuzet_core::case::CaseId;
use kuzet_core::codes::CategoryCode;
use kuzet_core::lang::Lang;
use kuzet_core::month::local_date;
use kuzet_core::monthly::MonthlyError;
use kuzet_core::prints::{self, CasePrint};
use kuzet_core::transfer::Edition;
use kuzet_core::vault::Vault;
use tauri::State;

fn year(y: i32) -> IpcResult<i32> {
    check_year(y).map_err(|e| IpcError::fields(vec![e.field_error()]))
}

fn today() -> chrono::NaiveDate {
    local_date(chrono::Utc::now())
}

fn printed(r: Result<CasePrint, MonthlyError>) -> IpcResult<CasePrint> {
    match r {
        Ok(p) => Ok(p),
        Err(MonthlyError::Vault(e)) => Err(e.into()),
        Err(MonthlyError::Overview(e)) => Err(IpcError::internal(format!("drawing the case failed: {e}"))),
    }
}

fn edition(e: EditionDto) -> Edition {
    match e {
        EditionDto::Full => Edition::Full,
        EditionDto::Public => Edition::Public,
    }
}

/// Everything counted for `year` (1900–2999): the year, every earlier
/// year, month by month, breakdowns and the platform split.
#[tauri::command]
pub async fn annual_summary(state: State<'_, AppState>, year: i32) -> IpcResult<AnnualSummaryDto> {
    let year = self::year(year)?;
    state.with_vault(|v| Ok((&annual::annual_from_vault(v, year)?).into()))
}

/// Asks where to save and writes the annual overview of `year` in `lang`,
/// dated today in Kazakhstan (counts only: no pre-publication check).
/// Returns the path, or null when the user cancelled.
#[tauri::command]
pub async fn annual_export_pdf(state: State<'_, AppState>, year: i32, lang: LangDto) -> IpcResult<Option<String>> {
    let year = self::year(year)?;
    let lang = Lang::from(lang);
    let (pdf, vault_path) = state.with_vault(|v| {
        let (pdf, _) = prints::annual_pdf(v, year, lang, today()).map_err(|e| match e {
            MonthlyError::Vault(e) => e.into(),
            MonthlyError::Overview(e) => IpcError::internal(format!("drawing the annual overview failed: {e}")),
        })?;
        Ok((pdf, v.path().to_path_buf()))
    })?;
    save_pdf(&state, vault_path, &format!("annual-{year}-{}.pdf", lang.code()), move || Ok(pdf)).await
}

/// The platform split: one row per category of the counted groups.
#[tauri::command]
pub async fn platform_split_get(state: State<'_, AppState>) -> IpcResult<Vec<PlatformSplitRowDto>> {
    state.with_vault(|v| Ok(split_rows(&annual::platform_split(v)?, v.taxonomy())))
}

/// Counts `category` under `class` in the platform split from now on
/// (choosing its default removes the choice). Returns the rows.
#[tauri::command]
pub async fn platform_split_set(
    state: State<'_, AppState>,
    category: String,
    class: PlatformClassDto,
) -> IpcResult<Vec<PlatformSplitRowDto>> {
    let code = CategoryCode::new(category.trim()).map_err(|e| IpcError::invalid("category", e.to_string()))?;
    state.with_vault(|v: &mut Vault| {
        if v.taxonomy().category(&code).is_none() {
            return Err(IpcError::invalid("category", format!("{code} is not a category of the taxonomy")));
        }
        let mut split = annual::platform_split(v)?;
        split.set(code, class.into());
        annual::save_platform_split(v, &split)?;
        Ok(split_rows(&split, v.taxonomy()))
    })
}

fn print(v: &Vault, id: CaseId, lang: LangDto, e: EditionDto) -> IpcResult<CasePrint> {
    printed(prints::case_print(v, id, lang.into(), edition(e), today()))
}

/// The pre-publication check of the case's public copy: names it would
/// still print that nobody marked.
#[tauri::command]
pub async fn case_print_check(
    state: State<'_, AppState>,
    id: String,
    lang: LangDto,
) -> IpcResult<Vec<NameCandidateDto>> {
    let id = case_id(&id)?;
    state.with_vault(|v| Ok(print(v, id, lang, EditionDto::Public)?.unmarked.iter().map(Into::into).collect()))
}

/// Asks where to save and writes the case sheet of `id` in `lang`: the
/// full record, or the public copy (every name of `case_print_check` must
/// be in `confirmedNames`, else `NamesUnchecked` and nothing is asked or
/// written). The suggested name says which. Returns the path, or null when
/// the user cancelled.
#[tauri::command]
pub async fn case_export_pdf(
    state: State<'_, AppState>,
    id: String,
    lang: LangDto,
    edition: EditionDto,
    confirmed_names: Vec<String>,
) -> IpcResult<Option<String>> {
    let id = case_id(&id)?;
    let (p, vault_path, label) = state.with_vault(|v| {
        let p = print(v, id, lang, edition)?;
        names_confirmed(&p.unmarked, &confirmed_names)?;
        let c = v.case(id)?;
        Ok((p, v.path().to_path_buf(), c.data.external_ref.unwrap_or_else(|| c.data.event_date.to_string())))
    })?;
    let which = match edition {
        EditionDto::Full => "full",
        EditionDto::Public => "public",
    };
    let safe: String = label.chars().map(|c| if c.is_alphanumeric() || c == '-' { c } else { '_' }).collect();
    let name = format!("case-{safe}-{which}-{}.pdf", Lang::from(lang).code());
    save_pdf(&state, vault_path, &name, move || Ok(p.pdf)).await
}
