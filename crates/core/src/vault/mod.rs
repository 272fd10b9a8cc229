//! The vault: Kuzet's encrypted case store (one SQLCipher file).
//!
//! Everything a monitor records — cases, developments, the taxonomy, settings
//! and drafts — lives in one SQLCipher 4 database (AES-256, PBKDF2-HMAC-SHA512
//! with 256 000 iterations). The key is applied before anything else reads
//! the file; a wrong passphrase or a file that is not a vault is an error,
//! never a new empty vault, and such a file is left byte for byte as it was.
//! One program at a time: a second open of the same vault fails with
//! [`VaultError::InUse`].

mod error;
mod filter;

pub use error::{ImportRowError, Result, VaultError};
pub use filter::{CaseFilter, CasePage, Page, SortOrder};

use crate::case::{Case, CaseData, CaseId, Development, DevelopmentData, DevelopmentId};
use crate::taxonomy::Taxonomy;
use chrono::{DateTime, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// A vault passphrase. Its memory is wiped when dropped; `Debug` never shows it.
#[derive(Clone)]
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    /// Wraps a passphrase as typed (no trimming, no normalisation).
    pub fn new(s: impl Into<String>) -> Self {
        Passphrase(Zeroizing::new(s.into()))
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
pub enum ImportItem {
    /// A case; matched on its external ref.
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
    /// Existing ones (same external ref) whose content changed.
    pub updated: u32,
    /// Existing ones whose content was the same.
    pub unchanged: u32,
}

/// An open vault. Dropping it closes the file and releases the lock.
pub struct Vault {
    path: PathBuf,
    taxonomy: Taxonomy,
}

#[allow(clippy::todo, unused_variables)]
impl Vault {
    /// Creates a new vault at `path`, seeded with [`Taxonomy::bundled`].
    ///
    /// # Errors
    /// [`VaultError::AlreadyExists`] when anything exists at `path`;
    /// [`VaultError::Validation`] for an empty passphrase; I/O and DB errors.
    pub fn create(path: &Path, passphrase: &Passphrase) -> Result<Vault> {
        todo!()
    }

    /// Opens an existing vault, upgrading its schema when it is older.
    ///
    /// # Errors
    /// [`VaultError::Missing`], [`VaultError::WrongPassphrase`],
    /// [`VaultError::NotAVault`], [`VaultError::InUse`],
    /// [`VaultError::TooNew`] (file untouched), I/O and DB errors.
    pub fn open(path: &Path, passphrase: &Passphrase) -> Result<Vault> {
        todo!()
    }

    /// The vault file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Re-encrypts the vault with a new passphrase; the old one no longer opens it.
    ///
    /// # Errors
    /// [`VaultError::Validation`] for an empty passphrase; DB errors.
    pub fn change_passphrase(&mut self, new: &Passphrase) -> Result<()> {
        todo!()
    }

    /// Writes an encrypted copy of the vault to `dest`, encrypted with
    /// `passphrase` (which may differ from the vault's). Never writes plaintext.
    ///
    /// # Errors
    /// [`VaultError::AlreadyExists`] when `dest` exists;
    /// [`VaultError::Validation`] for an empty passphrase; I/O and DB errors.
    pub fn backup_to(&self, dest: &Path, passphrase: &Passphrase) -> Result<()> {
        todo!()
    }

    /// The vault's taxonomy.
    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    /// Stores an edited taxonomy.
    ///
    /// # Errors
    /// [`VaultError::Taxonomy`] when a category, region, victim type or
    /// perpetrator type still used by a case was removed.
    pub fn save_taxonomy(&mut self, taxonomy: Taxonomy) -> Result<()> {
        todo!()
    }

    /// Normalises, validates and stores a new case.
    ///
    /// # Errors
    /// [`VaultError::Validation`], [`VaultError::DuplicateRef`], DB errors.
    pub fn insert_case(&mut self, data: CaseData, now: DateTime<Utc>) -> Result<Case> {
        todo!()
    }

    /// Replaces a case's content; keeps its id and `created_at`.
    ///
    /// # Errors
    /// [`VaultError::NotFound`], [`VaultError::Validation`],
    /// [`VaultError::DuplicateRef`], DB errors.
    pub fn update_case(&mut self, id: CaseId, data: CaseData, now: DateTime<Utc>) -> Result<Case> {
        todo!()
    }

    /// Deletes a case and its developments.
    ///
    /// # Errors
    /// [`VaultError::NotFound`], DB errors.
    pub fn delete_case(&mut self, id: CaseId) -> Result<()> {
        todo!()
    }

    /// The case with `id`.
    ///
    /// # Errors
    /// [`VaultError::NotFound`], DB errors.
    pub fn case(&self, id: CaseId) -> Result<Case> {
        todo!()
    }

    /// The case with this external ref, if any.
    ///
    /// # Errors
    /// DB errors.
    pub fn case_by_ref(&self, external_ref: &str) -> Result<Option<Case>> {
        todo!()
    }

    /// Normalises, validates and stores a development of `case`.
    ///
    /// # Errors
    /// [`VaultError::NotFound`] (no such case), [`VaultError::Validation`],
    /// [`VaultError::DuplicateRef`], DB errors.
    pub fn insert_development(&mut self, case: CaseId, data: DevelopmentData, now: DateTime<Utc>) -> Result<Development> {
        todo!()
    }

    /// Replaces a development's content; keeps its id, case and `created_at`.
    ///
    /// # Errors
    /// [`VaultError::NotFound`], [`VaultError::Validation`],
    /// [`VaultError::DuplicateRef`], DB errors.
    pub fn update_development(&mut self, id: DevelopmentId, data: DevelopmentData, now: DateTime<Utc>) -> Result<Development> {
        todo!()
    }

    /// Deletes a development.
    ///
    /// # Errors
    /// [`VaultError::NotFound`], DB errors.
    pub fn delete_development(&mut self, id: DevelopmentId) -> Result<()> {
        todo!()
    }

    /// The developments of `case`, by event date (then creation).
    ///
    /// # Errors
    /// [`VaultError::NotFound`] (no such case), DB errors.
    pub fn developments(&self, case: CaseId) -> Result<Vec<Development>> {
        todo!()
    }

    /// Every development with event date in `[from, to]` (local dates,
    /// inclusive), by event date.
    ///
    /// # Errors
    /// DB errors.
    pub fn developments_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Development>> {
        todo!()
    }

    /// One page of the cases matching `filter`, with the total count.
    ///
    /// # Errors
    /// DB errors.
    pub fn find(&self, filter: &CaseFilter, page: Page) -> Result<CasePage> {
        todo!()
    }

    /// Every case (both kinds) with event date in `[from, to]` (local dates,
    /// inclusive), by event date: the input of counting.
    ///
    /// # Errors
    /// DB errors.
    pub fn cases_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Case>> {
        todo!()
    }

    /// Every case, by event date (for export).
    ///
    /// # Errors
    /// DB errors.
    pub fn all_cases(&self) -> Result<Vec<Case>> {
        todo!()
    }

    /// Every development, by event date (for export).
    ///
    /// # Errors
    /// DB errors.
    pub fn all_developments(&self) -> Result<Vec<Development>> {
        todo!()
    }

    /// Applies an import in one transaction, all or nothing.
    ///
    /// `items` pairs each parsed row with its source line. Cases and
    /// developments are matched on their external ref: same content →
    /// unchanged, different → updated (keeping id and `created_at`), new →
    /// added. A development's `parent_ref` must name a case in the batch or in
    /// the vault.
    ///
    /// # Errors
    /// [`VaultError::Import`] listing every bad row (line, column, message);
    /// then nothing was written. DB errors.
    pub fn apply_import(&mut self, items: Vec<(u64, ImportItem)>, now: DateTime<Utc>) -> Result<ImportSummary> {
        todo!()
    }

    /// Reads the JSON document stored under `key` (org settings,
    /// `overview-draft/2024-05`, UI preferences, editor drafts…).
    ///
    /// # Errors
    /// DB errors; [`VaultError::Migration`] never. A document that does not
    /// deserialize into `T` is a [`VaultError::Db`] with the key as context.
    pub fn get_document<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        todo!()
    }

    /// Stores `value` as JSON under `key`, replacing what was there.
    ///
    /// # Errors
    /// DB errors.
    pub fn put_document<T: Serialize>(&mut self, key: &str, value: &T) -> Result<()> {
        todo!()
    }
}
