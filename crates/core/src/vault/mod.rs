//! The vault: Kuzet's encrypted case store (one SQLCipher file).
//!
//! Everything a monitor records — cases, developments, the taxonomy, settings
//! and drafts — lives in one SQLCipher 4 database (AES-256, PBKDF2-HMAC-SHA512
//! with 256 000 iterations). The key is applied before anything else reads
//! the file; a wrong passphrase or a file that is not a vault is an error,
//! never a new empty vault, and such a file is left byte for byte as it was.
//! One program at a time: a second open of the same vault fails with
//! [`VaultError::InUse`].

pub mod attachments;
mod catalogue;
mod conn;
mod documents;
pub mod duplicates;
mod error;
pub mod exchange;
mod filter;
pub mod history;
pub mod import;
mod keys;
mod query;
mod records;
mod store;
pub mod trash;
mod versions;

pub use attachments::{Attachment, Extracted, MAX_ATTACHMENT_BYTES};
pub(crate) use conn::lock_path as lock_path_of;
pub use documents::document_json;
pub use duplicates::{DuplicateCandidate, LinkKind};
pub use error::{ImportRowError, Result, VaultError};
pub use exchange::{
    BundleChange, BundleExport, BundleReport, HeldItem, HeldReason, Outcome, Peer, PeerRole, Resolution,
};
pub use filter::{CaseFilter, CasePage, Page, SortOrder};
pub use history::{
    staff_name_document, ChainBreak, Entity, FieldChange, HistoryAction, HistoryEntry, VerifyReport, STAFF_NAME_KEY,
};
pub use import::{Action, ImportPlan, PlannedItem, PlannedRecord};
pub use trash::TrashedCase;

use crate::case::{CaseData, CaseId, DevelopmentData, Field, Problem, ValidationErrors};
use crate::leftover::{self, Removed};
use crate::taxonomy::Taxonomy;
use catalogue::Catalogue;
use chrono::{DateTime, Utc};
use conn::{db, io, VaultLock};
use keys::{check_new_passphrase, remove_quietly, reserve};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::fmt;
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// A vault passphrase. Its memory is wiped when dropped; `Debug` never shows it.
#[derive(Clone)]
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    /// Wraps a passphrase as typed, in Unicode NFC, without trimming.
    ///
    /// NFC: the same letters typed on different systems — a precomposed
    /// `й`, `ё`, `ї` or the letter followed by a combining mark — give the
    /// same key, so a vault made on one computer opens on another.
    pub fn new(s: impl Into<String>) -> Self {
        let typed = Zeroizing::new(s.into());
        if unicode_normalization::is_nfc(&typed) {
            return Passphrase(typed);
        }
        // Room for the result up front: no reallocation leaves an unwiped
        // copy behind (NFC never needs more than 3 bytes per input byte).
        let mut nfc = Zeroizing::new(String::with_capacity(typed.len() * 3));
        nfc.extend(unicode_normalization::UnicodeNormalization::nfc(typed.as_str()));
        Passphrase(nfc)
    }

    /// Whether it is the empty string.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(***)")
    }
}

/// One row of an import, already parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[allow(
    clippy::large_enum_variant,
    reason = "items live only for one import; boxing would only add noise at every use"
)]
pub enum ImportItem {
    /// A case; matched on its external ref (or id, see [`import::plan`]).
    Case(CaseData),
    /// A development of the case whose external ref is `parent_ref`.
    Development {
        /// The external ref of the case it continues (in the same batch or
        /// already in the vault).
        parent_ref: String,
        /// The content; matched on its own external ref when it has one.
        data: DevelopmentData,
    },
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ImportSummary {
    /// New cases and developments.
    pub added: u32,
    /// Existing ones (matched as [`import::plan`] says) whose content changed.
    pub updated: u32,
    /// Existing ones whose content was the same.
    pub unchanged: u32,
}

/// The file name to suggest for a backup made at `at`:
/// `kuzet-backup-YYYY-MM-DD.kuzet`, with the date in Kazakhstan
/// ([`crate::month::local_date`]), so a backup made after midnight in
/// Almaty carries that day, not the UTC day before.
pub fn backup_file_name(at: DateTime<Utc>) -> String {
    format!("kuzet-backup-{}.kuzet", crate::month::local_date(at).format("%Y-%m-%d"))
}

/// An open vault. Dropping it closes the file and releases the lock.
pub struct Vault {
    conn: Connection,
    path: PathBuf,
    taxonomy: Taxonomy,
    /// Kept for the session only to reopen the file if a re-key fails
    /// half-way (SQLCipher holds the derived key in memory anyway).
    passphrase: Option<Passphrase>,
    /// The list columns of every case, for [`Vault::find`]; built on the
    /// first list query and again after any write (memory only).
    catalogue: RefCell<Option<Catalogue>>,
    /// Files an interrupted re-key left beside the vault, removed when it
    /// was opened.
    removed_at_open: Vec<Removed>,
    lock: VaultLock,
    /// Who the history records for this session's changes: the vault's
    /// staff name, unless [`Vault::set_actor`] chose another.
    actor: String,
    /// Where this session's changes come from (`app`, `cli`, …).
    source: String,
}

impl fmt::Debug for Vault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Vault").field("path", &self.path).finish_non_exhaustive()
    }
}

fn rw_flags() -> OpenFlags {
    OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX
}

fn ro_flags() -> OpenFlags {
    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
}

impl Vault {
    /// Creates a new vault at `path`, seeded with [`Taxonomy::bundled`].
    ///
    /// Next to it a `<name>.lock` file (empty, holding no data) is created;
    /// it carries the "vault in use" lock.
    ///
    /// # Errors
    /// [`VaultError::AlreadyExists`] when anything exists at `path`;
    /// [`VaultError::Validation`] for an empty or raw-key passphrase or one
    /// with control characters; I/O and DB errors.
    pub fn create(path: &Path, passphrase: &Passphrase) -> Result<Vault> {
        check_new_passphrase(passphrase)?;
        Self::create_inner(path, Some(passphrase))
    }

    /// An unencrypted database with the vault's schema, for the benchmark's
    /// encrypted/plain comparison only. Compiled only with the
    /// `bench-plain` feature; never reachable from the app or the CLI.
    #[cfg(feature = "bench-plain")]
    #[doc(hidden)]
    pub fn create_plain_for_bench(path: &Path) -> Result<Vault> {
        Self::create_inner(path, None)
    }

    /// Reopens a database made by `create_plain_for_bench`. Benchmark only.
    #[cfg(feature = "bench-plain")]
    #[doc(hidden)]
    pub fn open_plain_for_bench(path: &Path) -> Result<Vault> {
        let lock = conn::acquire_lock(path)?;
        let mut c = conn::open_keyed(path, None, rw_flags())?;
        conn::verify_key(&c, path)?;
        conn::check_identity(&c, path)?;
        conn::configure(&c)?;
        conn::migrate(&mut c)?;
        c.execute_batch("PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;")
            .map_err(db("updating query statistics"))?;
        let taxonomy = store::read_taxonomy(&c)?.unwrap_or_else(Taxonomy::bundled);
        Ok(Vault::assemble(c, path, taxonomy, None, lock))
    }

    fn create_inner(path: &Path, passphrase: Option<&Passphrase>) -> Result<Vault> {
        if path.symlink_metadata().is_ok() {
            return Err(VaultError::AlreadyExists { path: path.to_path_buf() });
        }
        let mut lock = conn::acquire_lock(path)?;
        reserve(path)?;
        match conn::lock_identity(path, path) {
            Ok(identity) => lock.replace_identity(identity),
            Err(e) => {
                remove_quietly(path);
                return Err(e);
            }
        }
        let built = (|| {
            let mut c = conn::open_keyed(path, passphrase, rw_flags())?;
            conn::configure(&c)?;
            conn::migrate(&mut c)?;
            c.pragma_update(None, "application_id", conn::APPLICATION_ID).map_err(db("writing the vault id"))?;
            let taxonomy = Taxonomy::bundled();
            store::write_taxonomy(&c, &taxonomy)?;
            exchange::ensure_identity(&c, chrono::Utc::now())?;
            Ok((c, taxonomy))
        })();
        match built {
            Ok((conn, taxonomy)) => Ok(Vault::assemble(conn, path, taxonomy, passphrase.cloned(), lock)),
            Err(e) => {
                remove_quietly(path);
                Err(e)
            }
        }
    }

    /// Opens an existing vault, upgrading its schema when it is older.
    ///
    /// Nothing is written before the passphrase has been proven right and
    /// the schema version found acceptable: a wrong passphrase, a file that
    /// is not a vault, or a vault from a newer Kuzet is left byte for byte
    /// as it was.
    ///
    /// # Errors
    /// [`VaultError::Missing`], [`VaultError::WrongPassphrase`],
    /// [`VaultError::NotAVault`], [`VaultError::InUse`],
    /// [`VaultError::TooNew`] (file untouched), I/O and DB errors.
    pub fn open(path: &Path, passphrase: &Passphrase) -> Result<Vault> {
        conn::check_header(path)?;
        if passphrase.is_empty() {
            return Err(VaultError::WrongPassphrase);
        }
        let lock = conn::acquire_lock(path)?;
        let (conn, taxonomy) = Self::open_conn(path, passphrase)?;
        let mut vault = Vault::assemble(conn, path, taxonomy, Some(passphrase.clone()), lock);
        vault.remove_rekey_leftovers();
        Ok(vault)
    }

    /// Opens an existing vault for reading only, for commands that only
    /// read (counts, search, export): SQLite opens the file read-only, no
    /// statistics are updated, nothing is migrated, so the file keeps its
    /// bytes and its modification time. Writes through the returned vault
    /// fail.
    ///
    /// Two cases need a write first, and are then opened as by
    /// [`Vault::open`]: a vault with an older schema (it is upgraded), and a
    /// vault whose last write was interrupted (SQLite rolls the journal
    /// back).
    ///
    /// # Errors
    /// As [`Vault::open`].
    pub fn open_read_only(path: &Path, passphrase: &Passphrase) -> Result<Vault> {
        conn::check_header(path)?;
        if passphrase.is_empty() {
            return Err(VaultError::WrongPassphrase);
        }
        let lock = conn::acquire_lock(path)?;
        let opened = (|| {
            let c = conn::open_keyed(path, Some(passphrase), ro_flags())?;
            conn::verify_key(&c, path)?;
            conn::check_identity(&c, path)?;
            conn::configure_read_only(&c)?;
            let version: i64 =
                c.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(db("reading the schema version"))?;
            if version < conn::supported_version() {
                return Ok(None);
            }
            let taxonomy = store::read_taxonomy(&c)?.unwrap_or_else(Taxonomy::bundled);
            Ok(Some((c, taxonomy)))
        })();
        let needs_write = |e: &VaultError| {
            matches!(e, VaultError::Db { source: rusqlite::Error::SqliteFailure(f, _), .. }
                if f.code == rusqlite::ErrorCode::ReadOnly)
        };
        match opened {
            Ok(Some((conn, taxonomy))) => {
                let mut vault = Vault::assemble(conn, path, taxonomy, Some(passphrase.clone()), lock);
                vault.remove_rekey_leftovers();
                Ok(vault)
            }
            Ok(None) => {
                drop(lock);
                Vault::open(path, passphrase)
            }
            Err(e) if needs_write(&e) => {
                drop(lock);
                Vault::open(path, passphrase)
            }
            Err(e) => Err(e),
        }
    }

    fn assemble(
        conn: Connection,
        path: &Path,
        taxonomy: Taxonomy,
        passphrase: Option<Passphrase>,
        lock: VaultLock,
    ) -> Vault {
        Vault {
            conn,
            path: path.to_path_buf(),
            taxonomy,
            passphrase,
            catalogue: RefCell::new(None),
            removed_at_open: Vec::new(),
            lock,
            actor: String::new(),
            source: "kuzet".into(),
        }
        .with_staff_name()
    }

    /// Takes the vault's staff name as this session's actor (none in a
    /// vault from before the history, or when unreadable).
    fn with_staff_name(mut self) -> Vault {
        let stored = self.get_document::<String>(STAFF_NAME_KEY).ok().flatten();
        self.actor = stored.unwrap_or_default();
        self
    }

    /// Removes what an interrupted re-key of this vault left beside it (its
    /// encrypted partial copy, see [`Vault::change_passphrase`], or the
    /// `<name>.rekey-tmp` of earlier versions). Called with the lock held and
    /// the passphrase proven, so no re-key of this vault is running. Best
    /// effort: a leftover that cannot be removed never keeps the vault from
    /// opening (the next re-key names it if it is in the way).
    fn remove_rekey_leftovers(&mut self) {
        let Ok(target) = std::fs::canonicalize(&self.path) else { return };
        let mut old_name = target.file_name().unwrap_or_default().to_os_string();
        old_name.push(".rekey-tmp");
        for p in [leftover::partial_path(&target), target.with_file_name(old_name)] {
            if let Ok(removed) = leftover::remove_leftover(&p, false, false) {
                self.removed_at_open.extend(removed);
            }
        }
    }

    /// The files an interrupted re-key had left beside the vault and that
    /// opening it removed (encrypted copies; empty almost always), for the
    /// caller to report.
    pub fn removed_at_open(&self) -> &[Removed] {
        &self.removed_at_open
    }

    /// Replaces the connection (re-key); the catalogue's stamp belonged to
    /// the old one.
    fn replace_conn(&mut self, conn: Connection, taxonomy: Taxonomy) {
        self.conn = conn;
        self.taxonomy = taxonomy;
        *self.catalogue.get_mut() = None;
    }

    fn open_conn(path: &Path, passphrase: &Passphrase) -> Result<(Connection, Taxonomy)> {
        let mut c = conn::open_keyed(path, Some(passphrase), rw_flags())?;
        conn::verify_key(&c, path)?;
        conn::check_identity(&c, path)?;
        conn::configure(&c)?;
        conn::migrate(&mut c)?;
        // Keeps the planner's statistics current (bounded work; see SQLite's
        // advice for long-lived connections).
        c.execute_batch("PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;")
            .map_err(db("updating query statistics"))?;
        let taxonomy = match store::read_taxonomy(&c)? {
            Some(t) => t,
            None => {
                let t = Taxonomy::bundled();
                store::write_taxonomy(&c, &t)?;
                t
            }
        };
        exchange::ensure_identity(&c, chrono::Utc::now())?;
        Ok((c, taxonomy))
    }

    /// The vault file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The vault's taxonomy.
    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    /// Stores an edited taxonomy (made with [`Taxonomy::add_category`],
    /// [`Taxonomy::relabel_category`], [`Taxonomy::set_retired`]).
    ///
    /// # Errors
    /// [`VaultError::Validation`] (field `taxonomy`) when a category, region,
    /// victim type, perpetrator type or legal basis still used by a case
    /// would disappear: retire it instead. DB errors.
    pub fn save_taxonomy(&mut self, taxonomy: Taxonomy) -> Result<()> {
        let who = history::Who { actor: &self.actor, source: &self.source };
        let old = history::json(&self.taxonomy)?;
        let new = history::json(&taxonomy)?;
        let before = self.conn.total_changes();
        let tx = self.conn.transaction().map_err(db("saving the taxonomy"))?;
        store::check_taxonomy_keeps_used_codes(&tx, &taxonomy)?;
        store::write_taxonomy(&tx, &taxonomy)?;
        let action = history::HistoryAction::Updated;
        history::record(
            &tx,
            &who,
            Utc::now(),
            Entity::Taxonomy,
            "taxonomy".into(),
            None,
            action,
            Some(&old),
            Some(&new),
            false,
        )?;
        tx.commit().map_err(db("saving the taxonomy"))?;
        self.wrote_outside_cases(before);
        self.taxonomy = taxonomy;
        Ok(())
    }

    /// After a committed write that touched only the case `id`: updates
    /// the catalogue in place instead of rebuilding it on the next list
    /// (one row instead of every case).
    fn case_written(&mut self, id: CaseId, before: u64) {
        let conn = &self.conn;
        let slot = self.catalogue.get_mut();
        if let Some(c) = slot {
            if c.refresh_case(conn, id.0, before).is_err() {
                *slot = None;
            }
        }
    }

    /// One page of the cases matching `filter`, with the total count.
    ///
    /// # Errors
    /// DB errors.
    pub fn find(&self, filter: &CaseFilter, page: Page) -> Result<CasePage> {
        let mut slot = self.catalogue.borrow_mut();
        let catalogue = match slot.take() {
            Some(c) if c.is_current(&self.conn) => c,
            _ => Catalogue::load(&self.conn)?,
        };
        let found = query::find(&self.conn, &catalogue, filter, page);
        *slot = Some(catalogue);
        found
    }

    /// After committed writes that cannot change any case's list columns
    /// (developments, settings, drafts, the taxonomy's labels), made since
    /// the stamp `before`: a current catalogue stays current.
    fn wrote_outside_cases(&mut self, before: u64) {
        if let Some(c) = self.catalogue.get_mut() {
            c.ignore_writes_since(before, &self.conn);
        }
    }

    /// What importing `items` would do, writing nothing: the plan of
    /// [`import::plan`] (matching rules and problems are described there).
    ///
    /// # Errors
    /// DB errors; problems of the items are in [`ImportPlan::problems`].
    pub fn plan_import(&self, items: &[(u64, ImportItem)], now: DateTime<Utc>) -> Result<ImportPlan> {
        import::plan(&self.conn, &self.taxonomy, items, now)
    }

    /// Applies an import in one transaction, all or nothing: plans it
    /// ([`Vault::plan_import`]) inside the transaction and writes exactly
    /// that plan, so the summary is the plan's summary.
    ///
    /// # Errors
    /// [`VaultError::Import`] listing every problem (line, column, message);
    /// then nothing was written. DB errors.
    pub fn apply_import(&mut self, items: Vec<(u64, ImportItem)>, now: DateTime<Utc>) -> Result<ImportSummary> {
        self.apply_import_from(items, now, "")
    }

    /// [`Vault::apply_import`], recorded in the history with the source
    /// `import: <origin>` (the file's name; `import` when empty).
    ///
    /// # Errors
    /// As [`Vault::apply_import`].
    pub fn apply_import_from(
        &mut self,
        items: Vec<(u64, ImportItem)>,
        now: DateTime<Utc>,
        origin: &str,
    ) -> Result<ImportSummary> {
        let source = if origin.is_empty() { "import".to_string() } else { format!("import: {origin}") };
        let who = history::Who { actor: &self.actor, source: &source };
        let tx = self.conn.transaction().map_err(db("importing"))?;
        let plan = import::plan(&tx, &self.taxonomy, &items, now)?.checked()?;
        let summary = import::write(&tx, &plan, &who, now)?;
        tx.commit().map_err(db("importing"))?;
        Ok(summary)
    }
}
