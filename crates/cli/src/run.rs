//! The commands. Each opens the vault, calls the core, prints the result.

use crate::failure::Failure;
use crate::secret;
use chrono::Utc;
use indicatif::{ProgressBar, ProgressStyle};
use kuzet_core::case::Case;
use kuzet_core::lang::Lang;
use kuzet_core::leftover::Removed;
use kuzet_core::month::{local_date, Month};
use kuzet_core::monthly;
use kuzet_core::overview;
use kuzet_core::publication::{self, PublicFigures, PUBLIC_FIGURES_KEY};
use kuzet_core::summary::MonthCounts;
use kuzet_core::transfer::{self, demo, ExportFormat, ImportOptions};
use kuzet_core::vault::{CaseFilter, Page, Passphrase, SortOrder, Vault};
use std::io::IsTerminal;
use std::path::Path;
use std::time::Duration;

pub(crate) type Result<T = ()> = std::result::Result<T, Failure>;

/// `--staff` / `KUZET_STAFF`, set once by `main`.
static STAFF: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();

/// Records who runs this command, for the history (`--staff`).
pub fn set_staff(staff: Option<String>) {
    let _ = STAFF.set(staff.filter(|s| !s.trim().is_empty()));
}

pub(crate) fn open(path: &Path) -> Result<(Vault, Passphrase)> {
    let pass = secret::current()?;
    let mut vault = Vault::open(path, &pass)?;
    tell_removed(vault.removed_at_open());
    vault.set_source("cli");
    if let Some(Some(staff)) = STAFF.get() {
        vault.set_actor(staff);
    }
    Ok((vault, pass))
}

/// The name of an imported file, for the history's source.
fn file_label(file: &Path) -> String {
    file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// Opens the vault for a command that only reads: the file is left
/// exactly as it was (see [`Vault::open_read_only`]).
pub(crate) fn open_read_only(path: &Path) -> Result<Vault> {
    let pass = secret::current()?;
    let vault = Vault::open_read_only(path, &pass)?;
    tell_removed(vault.removed_at_open());
    Ok(vault)
}

/// Says on stderr which leftovers of interrupted earlier runs were removed.
pub(crate) fn tell_removed(removed: &[Removed]) {
    for r in removed {
        eprintln!("Note: {}.", r.notice());
    }
}

/// A spinner on stderr while long work runs, only when stderr is a terminal
/// (scripts and logs get nothing).
fn spinner(message: &'static str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(ProgressStyle::with_template("{spinner} {msg} {elapsed}").expect("valid template"));
    bar.set_message(message);
    bar.enable_steady_tick(Duration::from_millis(100));
    bar
}

/// Writes `bytes` to `out` with the core's atomic writer (never through a
/// link or device, never half-written).
fn write_atomically(out: &Path, bytes: &[u8]) -> Result {
    let removed = transfer::write_file_atomically(out, bytes)
        .map_err(|e| Failure::Other(format!("writing {}: {e}", out.display())))?;
    tell_removed(&removed);
    Ok(())
}

/// Where an export or a PDF may go: the core's rule (never the vault, its
/// lock file, a link or a device; another existing file only with `--force`).
pub(crate) fn check_out(vault: &Path, out: &Path, force: bool) -> Result {
    let replace = if force { transfer::Replace::Confirmed } else { transfer::Replace::Never };
    transfer::check_output_path(vault, out, replace).map_err(|e| Failure::Invalid(e.to_string()))
}

pub(crate) fn print_json(value: &impl serde::Serialize) -> Result {
    let text = serde_json::to_string_pretty(value).map_err(|e| Failure::Other(e.to_string()))?;
    println!("{text}");
    Ok(())
}

pub fn init(path: &Path) -> Result {
    if path.exists() {
        return Err(Failure::Invalid(format!("{} already exists; init never overwrites a file", path.display())));
    }
    let pass = secret::new(secret::PASSPHRASE_ENV)?;
    Vault::create(path, &pass)?;
    println!("Created an empty vault at {}.", path.display());
    Ok(())
}

pub fn import(path: &Path, file: &Path, dry_run: bool) -> Result {
    let bytes = transfer::read_import_file(file).map_err(|e| Failure::Invalid(e.to_string()))?;
    let (mut vault, _) = open(path)?;
    let bar = spinner(if dry_run { "checking" } else { "importing" });
    let format = transfer::ImportFormat::of(&bytes);
    let result = transfer::import_file(
        &mut vault,
        &bytes,
        format,
        ImportOptions { dry_run, origin: file_label(file) },
        Utc::now(),
    );
    bar.finish_and_clear();
    let s = result?;
    if dry_run {
        println!(
            "Dry run, nothing written: would add {}, update {}, leave {} unchanged.",
            s.added, s.updated, s.unchanged
        );
    } else {
        println!("Imported {}: added {}, updated {}, unchanged {}.", file.display(), s.added, s.updated, s.unchanged);
    }
    Ok(())
}

pub fn export(
    path: &Path,
    format: ExportFormat,
    out: &Path,
    force: bool,
    month: Option<Month>,
    public: bool,
    names_checked: bool,
) -> Result {
    check_out(path, out, force)?;
    let vault = open_read_only(path)?;
    let mut set = transfer::select(&vault, month)?;
    if public {
        let (copy, unmarked) = publication::public_export(&vault, &set)?;
        if !names_checked {
            refuse_unchecked(&unmarked, "public copy")?;
        }
        set = copy;
    }
    tell_removed(&transfer::write_export(&set, format, out, Utc::now())?);
    println!(
        "Exported {} case(s) and {} development(s) to {} ({}).",
        set.cases.len(),
        set.developments.len(),
        out.display(),
        match set.edition {
            transfer::Edition::Full => "the full export: it holds the names of private persons",
            transfer::Edition::Public => "the public copy: private names replaced",
        }
    );
    eprintln!("Note: {} is NOT encrypted. Keep it safe and delete it when done.", out.display());
    Ok(())
}

pub fn search(path: &Path, text: &str, json: bool) -> Result {
    if !text.chars().any(char::is_alphanumeric) {
        // The vault reads such text as "no text filter" and would list every case.
        return Err(Failure::Usage(format!("search text {text:?} has no letter or digit to look for")));
    }
    let vault = open_read_only(path)?;
    let filter = CaseFilter { text: Some(text.to_string()), sort: SortOrder::DateAsc, ..CaseFilter::default() };
    let mut cases: Vec<Case> = Vec::new();
    loop {
        let page = vault.find(&filter, Page { offset: cases.len() as u32, limit: Page::MAX_LIMIT })?;
        let got = page.cases.len();
        cases.extend(page.cases);
        if got == 0 || cases.len() as u64 >= page.total {
            break;
        }
    }
    // The vault sorts by date already; keep it stable if that ever changes.
    cases.sort_by_key(|c| c.data.event_date);
    if json {
        return print_json(&cases);
    }
    if cases.is_empty() {
        eprintln!("No case matches {text:?}.");
        return Ok(());
    }
    for c in &cases {
        println!(
            "{}  {:<14}  {:<30}  {}",
            c.data.event_date,
            c.data.external_ref.as_deref().unwrap_or("-"),
            c.data.category,
            c.data.title.lines().next().unwrap_or("")
        );
    }
    eprintln!("{} case(s).", cases.len());
    Ok(())
}

fn counts_line(label: &str, c: &MonthCounts) -> String {
    let groups: Vec<String> = c.groups.iter().map(|g| format!("{} {}", g.code, g.count)).collect();
    format!("{label} ({}): {} counted — {}", c.month, c.total, groups.join(", "))
}

pub fn stats(path: &Path, month: Month, json: bool) -> Result {
    let vault = open_read_only(path)?;
    let s = monthly::month_inputs(&vault, month)?.summary;
    if json {
        return print_json(&s);
    }
    let t = vault.taxonomy();
    println!("{}: {} counted case(s)", overview::words::month_year(Lang::En, month), s.counts.total);
    for g in &s.counts.groups {
        let label = t.group(&g.code).map_or(g.code.to_string(), |x| x.label.get(Lang::En).to_string());
        println!("  {:>4}  {label}", g.count);
        for c in &g.categories {
            println!("        {:>4}  {}", c.count, t.category_label(&c.code, Lang::En));
        }
        if g.others > 0 {
            println!("        {:>4}  others", g.others);
        }
    }
    println!("{}", counts_line("Previous month", &s.previous_month));
    println!("{}", counts_line("Same month last year", &s.previous_year_same_month));
    Ok(())
}

/// Refuses a public document whose pre-publication check lists names.
fn refuse_unchecked(unmarked: &[publication::NameCandidate], what: &str) -> Result {
    if unmarked.is_empty() {
        return Ok(());
    }
    let mut m = format!(
        "the pre-publication check of the {what} found {} personal name(s) that are neither marked private nor \
         public figures; nothing was written:",
        unmarked.len()
    );
    for c in unmarked {
        m.push_str(&format!("\n  {}  ({} time(s); \"{}\")", c.name, c.places.len(), c.places[0].context));
    }
    m.push_str(
        "\nMark private names on their cases (the private_names column, or in the app), add public figures \
         (`kuzet public-figures --add NAME`, or in the app), or run again with --names-checked to publish them as \
         written.",
    );
    Err(Failure::Invalid(m))
}

pub fn overview(path: &Path, month: Month, lang: Lang, out: &Path, force: bool, names_checked: bool) -> Result {
    check_out(path, out, force)?;
    let (vault, _) = open(path)?;
    let bar = spinner("drawing the overview");
    let publication = match monthly::month_publication(&vault, month, lang, local_date(Utc::now())) {
        Ok(r) => r,
        Err(monthly::MonthlyError::Vault(e)) => return Err(e.into()),
        Err(monthly::MonthlyError::Overview(e)) => return Err(e.into()),
    };
    if !names_checked {
        if let Err(e) = refuse_unchecked(&publication.unmarked, "overview") {
            bar.finish_and_clear();
            return Err(e);
        }
    }
    let (model, changes) = (publication.model, publication.changes);
    let pdf = overview::render_pdf(&model)?;
    write_atomically(out, &pdf)?;
    bar.finish_and_clear();
    if changes.dropped > 0 {
        let n = changes.dropped;
        eprintln!("Note: {n} entry(ies) of the saved draft were left out: their cases were deleted, moved to another month or to a group that is not counted.");
    }
    if !changes.added.is_empty() || !changes.moved.is_empty() {
        let (a, m) = (changes.added.len(), changes.moved.len());
        eprintln!("Note: {a} entry(ies) recorded since the draft was saved were added to their sections, {m} moved to the section of their new category; open the overview editor to review them.");
    }
    println!("Wrote the {} overview of {month} to {} ({} bytes).", lang, out.display(), pdf.len());
    Ok(())
}

pub fn annual(path: &Path, year: i32, lang: Lang, out: &Path, force: bool, date: Option<chrono::NaiveDate>) -> Result {
    check_out(path, out, force)?;
    let (vault, _) = open(path)?;
    let bar = spinner("drawing the annual overview");
    let (pdf, summary) =
        match kuzet_core::prints::annual_pdf(&vault, year, lang, date.unwrap_or(local_date(Utc::now()))) {
            Ok(r) => r,
            Err(monthly::MonthlyError::Vault(e)) => return Err(e.into()),
            Err(monthly::MonthlyError::Overview(e)) => return Err(e.into()),
        };
    write_atomically(out, &pdf)?;
    bar.finish_and_clear();
    println!(
        "Wrote the {lang} annual overview of {year} ({} violations) to {} ({} bytes).",
        summary.counts.total,
        out.display(),
        pdf.len()
    );
    Ok(())
}

pub fn print_case(
    path: &Path,
    case: &str,
    lang: Lang,
    out: &Path,
    force: bool,
    public: bool,
    names_checked: bool,
) -> Result {
    check_out(path, out, force)?;
    let (vault, _) = open(path)?;
    let id = crate::evidence::resolve(&vault, case, false)?;
    let edition = if public { transfer::Edition::Public } else { transfer::Edition::Full };
    let print = match kuzet_core::prints::case_print(&vault, id, lang, edition, local_date(Utc::now())) {
        Ok(r) => r,
        Err(monthly::MonthlyError::Vault(e)) => return Err(e.into()),
        Err(monthly::MonthlyError::Overview(e)) => return Err(e.into()),
    };
    if !names_checked {
        refuse_unchecked(&print.unmarked, "public copy of the case")?;
    }
    write_atomically(out, &print.pdf)?;
    let what = if public { "public copy" } else { "full record (with the names of private persons)" };
    println!("Wrote the {lang} {what} of case {case} to {} ({} bytes).", out.display(), print.pdf.len());
    Ok(())
}

pub fn passwd(path: &Path) -> Result {
    let (mut vault, current) = open(path)?;
    let new = secret::new(secret::NEW_PASSPHRASE_ENV)?;
    vault.change_passphrase(&current, &new)?;
    println!("The passphrase of {} was changed.", path.display());
    Ok(())
}

pub fn backup(path: &Path, out: &Path) -> Result {
    let (vault, _) = open(path)?;
    tell_removed(&vault.backup_to(out, None)?);
    println!("Wrote an encrypted copy of the vault to {} (same passphrase).", out.display());
    Ok(())
}

pub fn demo(path: &Path) -> Result {
    let (pass, told) = match secret::from_env(secret::PASSPHRASE_ENV)? {
        Some(p) => (p, format!("the passphrase in {}", secret::PASSPHRASE_ENV)),
        None => (Passphrase::new(demo::DEMO_PASSPHRASE), format!("passphrase \"{}\"", demo::DEMO_PASSPHRASE)),
    };
    let bar = spinner("creating the demo vault");
    let result = demo::create_demo_vault(path, &pass, Utc::now());
    bar.finish_and_clear();
    let (_, s) = result?;
    println!("Created the demo vault {} with {} records from the May 2024 fixture ({told}).", path.display(), s.added);
    Ok(())
}

pub fn public_figures(path: &Path, add: &[String], remove: &[String]) -> Result {
    if add.iter().chain(remove).any(|n| n.trim().is_empty()) {
        return Err(Failure::Usage("a public figure's name is empty".into()));
    }
    let (mut vault, _) = open(path)?;
    let mut figures: PublicFigures = vault.get_document(PUBLIC_FIGURES_KEY)?.unwrap_or_default();
    let mut changed = false;
    for n in add {
        changed |= figures.add(n);
    }
    for n in remove {
        if !figures.remove(n) {
            return Err(Failure::Invalid(format!("{n:?} is not a public figure of this vault; nothing was changed")));
        }
        changed = true;
    }
    if changed {
        vault.put_document(PUBLIC_FIGURES_KEY, &figures)?;
    }
    for n in &figures.names {
        println!("{n}");
    }
    Ok(())
}
