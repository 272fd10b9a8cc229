//! `kuzet`: the command line over `kuzet-core`, for batch work and scripts.
//!
//! Every command opens one vault (`--vault PATH`), does one thing through the
//! core and exits with a documented code (see [`EXIT_CODES`]). The
//! passphrase comes from `KUZET_PASSPHRASE` or a no-echo prompt, never from
//! the command line, and is never printed. This crate holds no domain logic:
//! parsing, counting, exporting and drawing live in the core.

mod evidence;
mod exchange;
mod failure;
mod run;
mod secret;

use clap::{Parser, Subcommand, ValueEnum};
use kuzet_core::month::Month;
use std::path::PathBuf;
use std::process::ExitCode;

/// The exit codes, as printed at the end of `kuzet --help`.
const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  other failure (file system, database, a vault from a newer Kuzet)
  2  usage error (bad arguments; no passphrase and no terminal to ask on)
  3  the vault cannot be opened: wrong passphrase, not a Kuzet vault, or no vault at PATH
  4  invalid input, nothing written: a bad import file (every problem listed as
     'line N, column C: reason'), an existing file for init/backup/demo,
     passphrases that do not match, an output file that is the vault itself,
     an overview whose pre-publication check lists unconfirmed personal names
  5  the vault is open in another window or program
  6  evidence does not verify: an attachment's bytes no longer match their SHA-256,
     or the history chain is broken (`verify` says where)
  7  an exchange bundle or identity was refused, nothing written: not a bundle, for
     another vault, changed or cut short, from a vault that is not a peer, or a
     fingerprint that does not match

Environment:
  KUZET_PASSPHRASE      the vault passphrase (else asked for without echo)
  KUZET_NEW_PASSPHRASE  the new passphrase for `passwd` (else asked twice)
  KUZET_STAFF           who is recorded in the history (as --staff)";

#[derive(Parser)]
#[command(name = "kuzet", version, about = "Kuzet: the encrypted case book of press-freedom monitoring", after_help = EXIT_CODES)]
struct Cli {
    /// The vault file.
    #[arg(long, value_name = "PATH", env = "KUZET_VAULT", global = true)]
    vault: Option<PathBuf>,
    /// Who makes the changes, as recorded in the history (default: the vault's staff name).
    #[arg(long, value_name = "NAME", env = "KUZET_STAFF", global = true)]
    staff: Option<String>,
    #[command(subcommand)]
    command: Command,
}

/// Export file formats.
#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// CSV, UTF-8 with BOM, the import columns, comma-separated (imports back unchanged).
    Csv,
    /// The same CSV separated by ';', as Excel in Russian and Kazakh settings reads it.
    CsvSemicolon,
    /// Excel workbook, same columns; dates as text YYYY-MM-DD.
    Xlsx,
    /// Every stored field of every case and development.
    Json,
}

/// Overview languages.
#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    /// Kazakh.
    Kk,
    /// Russian.
    Ru,
    /// English.
    En,
}

impl From<LangArg> for kuzet_core::lang::Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::Kk => kuzet_core::lang::Lang::Kk,
            LangArg::Ru => kuzet_core::lang::Lang::Ru,
            LangArg::En => kuzet_core::lang::Lang::En,
        }
    }
}

/// A year of recorded events (`--year`).
fn parse_year(s: &str) -> Result<i32, String> {
    let y: i32 = s.trim().parse().map_err(|_| format!("{s:?} is not a year: expected YYYY, e.g. 2024"))?;
    kuzet_core::annual::check_year(y).map_err(|e| e.to_string())
}

#[derive(Subcommand)]
enum Command {
    /// Create a new, empty vault (asks for the passphrase twice; never overwrites a file).
    Init,
    /// Import cases, context events and developments from a CSV or XLSX file: all rows or none.
    #[command(after_help = IMPORT_HELP)]
    Import {
        /// The CSV file (UTF-8, header row) or XLSX workbook (its first worksheet), told apart by content.
        file: PathBuf,
        /// Check everything and say what would be added, updated or left unchanged; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Export cases and their developments. WARNING: the export file is NOT encrypted.
    #[command(
        after_help = "The export is written in plain text (CSV/XLSX/JSON), readable by anyone who gets the file.\n\
                      The full export holds the names of private persons; --public replaces them (its first line says which).\n\
                      Keep it on an encrypted disk and delete it when done. CSV cells that a spreadsheet would run\n\
                      as formulas (starting with = + - @) get a leading apostrophe, which `kuzet import` removes again."
    )]
    Export {
        /// csv, xlsx or json.
        #[arg(long, value_enum)]
        format: Format,
        /// The file to write; an existing file is replaced only with --force.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Replace FILE if it exists (never the vault or its lock file).
        #[arg(long)]
        force: bool,
        /// Only cases with an event date in this month (YYYY-MM), with their developments.
        #[arg(long, value_name = "YYYY-MM")]
        month: Option<Month>,
        /// Write the public copy: every private name (marked names, confidential victims) replaced.
        /// Without it the export is the full one, for the foundation's own use.
        #[arg(long)]
        public: bool,
        /// With --public: write it even though the pre-publication check lists personal names
        /// that are neither marked private nor public figures (you read the list).
        #[arg(long, requires = "public")]
        names_checked: bool,
    },
    /// Find cases whose text contains every word of TEXT (case-insensitive, Kazakh and Russian too).
    Search {
        /// Words to look for (word prefixes); several words may be given with or without quotes.
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
        /// Print the cases as JSON.
        #[arg(long)]
        json: bool,
    },
    /// The counts of a month, with the comparisons the monthly overview uses.
    Stats {
        /// The month, YYYY-MM.
        #[arg(long, value_name = "YYYY-MM")]
        month: Month,
        /// Print the full summary as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write the monthly overview of a month as a PDF.
    Overview {
        /// The month, YYYY-MM.
        #[arg(long, value_name = "YYYY-MM")]
        month: Month,
        /// The language of the overview.
        #[arg(long, value_enum)]
        lang: LangArg,
        /// The PDF file to write; an existing file is replaced only with --force.
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        /// Replace FILE.pdf if it exists (never the vault or its lock file).
        #[arg(long)]
        force: bool,
        /// Write the PDF even though the pre-publication check lists personal names that are
        /// neither marked private nor public figures: you read the list and they may be published.
        #[arg(long)]
        names_checked: bool,
    },
    /// Write the annual overview of a year as a PDF: counts per group and category month by
    /// month, earlier years, the platforms' split and the year's breakdowns (counts only: it
    /// names nobody).
    Annual {
        /// The year, e.g. 2024 (1900-2999).
        #[arg(long, value_name = "YYYY", value_parser = parse_year)]
        year: i32,
        /// The language of the overview.
        #[arg(long, value_enum)]
        lang: LangArg,
        /// The PDF file to write; an existing file is replaced only with --force.
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        /// Replace FILE.pdf if it exists (never the vault or its lock file).
        #[arg(long)]
        force: bool,
        /// The publication date printed under the title (default: today in Kazakhstan).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<chrono::NaiveDate>,
    },
    /// Print one case as a PDF for a lawyer or a donor: every field, the proceeding, sources,
    /// developments, attachments with their SHA-256 and the history.
    PrintCase {
        /// The case's ref (or id).
        case: String,
        /// The language of the labels (the case's texts stay as recorded).
        #[arg(long, value_enum)]
        lang: LangArg,
        /// The PDF file to write; an existing file is replaced only with --force.
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        /// Replace FILE.pdf if it exists (never the vault or its lock file).
        #[arg(long)]
        force: bool,
        /// A public copy: private names replaced as in the public overview, attachments
        /// without their file names, the history without the staff's names.
        #[arg(long)]
        public: bool,
        /// Write the public copy even though the pre-publication check lists personal names
        /// that are neither marked private nor public figures.
        #[arg(long)]
        names_checked: bool,
    },
    /// Change the vault's passphrase (new one from KUZET_NEW_PASSPHRASE, or asked twice).
    Passwd,
    /// Write an encrypted copy of the vault (same passphrase); never overwrites a file.
    Backup {
        /// The backup file to create.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Create a demo vault filled with the May 2024 fixture. Passphrase: "demo", unless KUZET_PASSPHRASE is set.
    Demo,
    /// Attach evidence files (any type, up to 2 GiB each) to a case, stored encrypted in the vault with their SHA-256.
    Attach {
        /// The case: its ref or id.
        case: String,
        /// The files to attach (all or none).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// List a case's attachments: number, name, media type, size, SHA-256, added when and by whom.
    Attachments {
        /// The case: its ref or id.
        case: String,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Write an attachment's original bytes to a file, verifying its SHA-256 (exit 6 on a mismatch, nothing written).
    Extract {
        /// The case: its ref or id.
        case: String,
        /// The attachment: its number in `attachments`, its id, or its name.
        attachment: String,
        /// The file to write. WARNING: NOT encrypted.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Replace FILE if it exists (never the vault itself).
        #[arg(long)]
        force: bool,
        /// Leave out EXIF/XMP metadata (GPS position, camera, time): a copy for publication (JPEG, PNG, WebP).
        #[arg(long)]
        strip_metadata: bool,
    },
    /// Show a case's history: every change with who, when (Almaty time), from where, old and new values.
    History {
        /// The case: its ref or id (also of a case in the trash).
        case: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Make the version recorded by history entry SEQ current again (a new change).
        #[arg(long, value_name = "SEQ")]
        restore: Option<u64>,
    },
    /// Check the history chain and re-hash every attachment (exit 6 when something does not verify).
    Verify {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Move a case (with its developments) to the trash; `trash --restore` puts it back.
    Delete {
        /// The case: its ref or id.
        case: String,
    },
    /// List the trash; restore cases from it, or empty it for good.
    Trash {
        /// Restore this case (ref or id); may be repeated.
        #[arg(long, value_name = "CASE")]
        restore: Vec<String>,
        /// Remove every case in the trash for good, with its attachments and its text in the history.
        #[arg(long, conflicts_with = "restore")]
        empty: bool,
        /// Confirms --empty (it cannot be undone).
        #[arg(long, requires = "empty")]
        yes: bool,
    },
    /// List the public figures (names the pre-publication check lets pass), after adding or removing some.
    PublicFigures {
        /// A name to add (officials, journalists who agreed to be named); may be repeated.
        #[arg(long, value_name = "NAME")]
        add: Vec<String>,
        /// A name to remove (as listed, any case); may be repeated.
        #[arg(long, value_name = "NAME")]
        remove: Vec<String>,
    },
    /// This vault's identity for exchange: its name, fingerprint and the
    /// public text to give to the other side.
    Identity {
        #[command(subcommand)]
        action: Option<IdentityAction>,
    },
    /// The vaults this one exchanges bundles with.
    Peers {
        #[command(subcommand)]
        action: PeersAction,
    },
    /// Encrypted, signed exchange bundles between vaults.
    Bundle {
        #[command(subcommand)]
        action: BundleAction,
    },
    /// Incoming versions held back (conflicts, codes this taxonomy lacks),
    /// and settling them.
    Held {
        /// Keep this vault's version of held version SEQ.
        #[arg(long, value_name = "SEQ")]
        keep: Option<u64>,
        /// Take the incoming version of SEQ.
        #[arg(long, value_name = "SEQ", conflicts_with = "keep")]
        take: Option<u64>,
        /// Keep this vault's version of SEQ with the --field fields taken from the incoming one.
        #[arg(long, value_name = "SEQ", conflicts_with_all = ["keep", "take"], requires = "field")]
        fields: Option<u64>,
        /// A top-level field (title, summary, victim, sources, …) to take; repeat.
        #[arg(long, value_name = "FIELD", requires = "fields")]
        field: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Likely duplicate cases (close dates, same victim or outlet, similar
    /// text), and deciding on them.
    Duplicates {
        /// Only pairs with a case in this month.
        #[arg(long, value_name = "YYYY-MM")]
        month: Option<Month>,
        /// Only the duplicates of this case (ref or id).
        #[arg(long, value_name = "CASE", conflicts_with = "month")]
        case: Option<String>,
        /// Merge the second case into the first (KEEP DUPLICATE).
        #[arg(long, num_args = 2, value_names = ["KEEP", "DUPLICATE"])]
        merge: Vec<String>,
        /// Record two cases as related (both counted).
        #[arg(long, num_args = 2, value_names = ["A", "B"], conflicts_with = "merge")]
        related: Vec<String>,
        /// Record two cases as not duplicates.
        #[arg(long, num_args = 2, value_names = ["A", "B"], conflicts_with_all = ["merge", "related"])]
        dismiss: Vec<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum IdentityAction {
    /// Print the name, fingerprint and public text (the default).
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Write the public identity to a file for the other side.
    Export {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long)]
        force: bool,
    },
    /// Rename this vault ("Shymkent correspondent"); the fingerprint stays.
    Name { name: String },
}

#[derive(Subcommand)]
enum PeersAction {
    /// Add a peer from its identity file or text, once its fingerprint was
    /// compared with the other side.
    Add {
        /// A file holding the identity, or the kuzet-id1:… text itself.
        identity: String,
        /// headquarters (hq) or correspondent.
        #[arg(long)]
        role: String,
        /// The fingerprint the other side read out to you; must match.
        #[arg(long, value_name = "DIGITS")]
        fingerprint: Option<String>,
        /// Add without --fingerprint (you compared it otherwise).
        #[arg(long)]
        yes: bool,
    },
    /// List the peers.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Remove a peer (name or fingerprint).
    Remove { peer: String },
}

#[derive(Subcommand)]
enum BundleAction {
    /// Write what PEER has not seen yet as one encrypted, signed file.
    Export {
        /// The peer's name or fingerprint.
        #[arg(long)]
        to: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Everything again, not only what changed since the last bundle.
        #[arg(long)]
        full: bool,
        #[arg(long)]
        force: bool,
    },
    /// Apply bundles, each in one transaction; --dry-run says what would change.
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
}

const IMPORT_HELP: &str = "\
Columns (any order; unknown columns are an error; a missing optional column is empty
 on new rows and keeps the stored value on rows that update a case or development):
  ref (required, unique), kind (case|development|context), parent_ref (developments),
  event_date (required, YYYY-MM-DD), category (required for cases; context: context.event),
  region, title (required), summary, victim_type, victim_name, outlet, perpetrator_type,
  legal_basis, source_url (one source per line in the cell), language (kk|ru|en),
  tags (';'-separated), status (open|closed), confidential (yes|no),
  private_names (';'-separated names of private persons to hide in public outputs),
  proceeding_stage (pretrial|court), court, amount_claimed_kzt, fine_kzt, outcome (claims only).
Rows are matched on ref: importing the same file again changes nothing.";

/// Panics never print their message: it could quote case text. A closed
/// stdout (`kuzet stats … | head`) is the reader being done, not an error.
fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.starts_with("failed printing to stdout") {
            std::process::exit(0);
        }
        let at = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!("kuzet: internal error{at}; nothing more is shown because it could contain case data");
    }));
}

fn main() -> ExitCode {
    quiet_panics();
    let cli = Cli::parse();
    let Some(vault) = cli.vault else {
        eprintln!("kuzet: error: --vault PATH is required (or set KUZET_VAULT)");
        return ExitCode::from(2);
    };
    run::set_staff(cli.staff);
    let result = match cli.command {
        Command::Init => run::init(&vault),
        Command::Import { file, dry_run } => run::import(&vault, &file, dry_run),
        Command::Export { format, out, force, month, public, names_checked } => run::export(
            &vault,
            match format {
                Format::Csv => kuzet_core::transfer::ExportFormat::Csv,
                Format::CsvSemicolon => kuzet_core::transfer::ExportFormat::CsvSemicolon,
                Format::Xlsx => kuzet_core::transfer::ExportFormat::Xlsx,
                Format::Json => kuzet_core::transfer::ExportFormat::Json,
            },
            &out,
            force,
            month,
            public,
            names_checked,
        ),
        Command::Search { text, json } => run::search(&vault, &text.join(" "), json),
        Command::Stats { month, json } => run::stats(&vault, month, json),
        Command::Overview { month, lang, out, force, names_checked } => {
            run::overview(&vault, month, lang.into(), &out, force, names_checked)
        }
        Command::Annual { year, lang, out, force, date } => run::annual(&vault, year, lang.into(), &out, force, date),
        Command::PrintCase { case, lang, out, force, public, names_checked } => {
            run::print_case(&vault, &case, lang.into(), &out, force, public, names_checked)
        }
        Command::Passwd => run::passwd(&vault),
        Command::Backup { out } => run::backup(&vault, &out),
        Command::Demo => run::demo(&vault),
        Command::PublicFigures { add, remove } => run::public_figures(&vault, &add, &remove),
        Command::Attach { case, files } => evidence::attach(&vault, &case, &files),
        Command::Attachments { case, json } => evidence::attachments(&vault, &case, json),
        Command::Extract { case, attachment, out, force, strip_metadata } => {
            evidence::extract(&vault, &case, &attachment, &out, force, strip_metadata)
        }
        Command::History { case, json, restore } => evidence::history(&vault, &case, json, restore),
        Command::Verify { json } => evidence::verify(&vault, json),
        Command::Delete { case } => evidence::delete(&vault, &case),
        Command::Trash { restore, empty, yes } => evidence::trash(&vault, &restore, empty, yes),
        Command::Identity { action } => match action.unwrap_or(IdentityAction::Show { json: false }) {
            IdentityAction::Show { json } => exchange::identity(&vault, None, false, None, json),
            IdentityAction::Export { out, force } => exchange::identity(&vault, Some(&out), force, None, false),
            IdentityAction::Name { name } => exchange::identity(&vault, None, false, Some(&name), false),
        },
        Command::Peers { action } => match action {
            PeersAction::Add { identity, role, fingerprint, yes } => {
                exchange::peers_add(&vault, &identity, &role, fingerprint.as_deref(), yes)
            }
            PeersAction::List { json } => exchange::peers_list(&vault, json),
            PeersAction::Remove { peer } => exchange::peers_remove(&vault, &peer),
        },
        Command::Bundle { action } => match action {
            BundleAction::Export { to, out, full, force } => exchange::bundle_export(&vault, &to, &out, full, force),
            BundleAction::Import { files, dry_run, json } => exchange::bundle_import(&vault, &files, dry_run, json),
        },
        Command::Held { keep, take, fields, field, json } => exchange::held(&vault, keep, take, fields, &field, json),
        Command::Duplicates { month, case, merge, related, dismiss, json } => {
            exchange::duplicates(&vault, month, case.as_deref(), &merge, &related, &dismiss, json)
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            f.report();
            ExitCode::from(f.code())
        }
    }
}
