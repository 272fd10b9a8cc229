//! Passphrases, re-keys and backups: checking a passphrase, re-encrypting
//! the vault in place and writing encrypted copies, never plaintext.

use super::*;

/// Refuses an empty passphrase, and one SQLCipher would take as a raw key
/// (`x'…'`), which skips the key derivation and so its protection against
/// guessing.
pub(super) fn check_passphrase(p: &Passphrase) -> Result<()> {
    let s = p.expose();
    if s.is_empty() {
        return Err(VaultError::Validation(ValidationErrors::one(Field::Passphrase, Problem::Required)));
    }
    let raw_key = s.len() >= 3 && (s.starts_with("x'") || s.starts_with("X'")) && s.ends_with('\'');
    if raw_key {
        return Err(VaultError::Validation(ValidationErrors::one(Field::Passphrase, Problem::RawKey)));
    }
    Ok(())
}

/// [`check_passphrase`] for a passphrase being made (a new vault, a re-key,
/// a backup's own): also refuses control characters (tab, line breaks,
/// escape), which a terminal prompt cannot type, so a vault keyed with one
/// could never be opened by typing it.
pub(super) fn check_new_passphrase(p: &Passphrase) -> Result<()> {
    check_passphrase(p)?;
    if p.expose().chars().any(char::is_control) {
        return Err(VaultError::Validation(ValidationErrors::one(Field::Passphrase, Problem::ControlCharacters)));
    }
    Ok(())
}

/// Creates `path` exclusively (refusing to overwrite) and returns nothing:
/// the empty file reserves the name for SQLCipher to fill. On Unix the file
/// is readable by its owner only (0600), so other local users cannot copy
/// the encrypted vault to guess passphrases offline.
pub(super) fn reserve(path: &Path) -> Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(VaultError::AlreadyExists { path: path.to_path_buf() })
        }
        Err(e) => Err(io(format!("creating {}", path.display()))(e)),
    }
}

pub(super) fn remove_quietly(path: &Path) {
    let _ = std::fs::remove_file(path);
    let mut journal = path.as_os_str().to_os_string();
    journal.push("-journal");
    let _ = std::fs::remove_file(PathBuf::from(journal));
}

pub(super) fn sync_file(path: &Path) -> Result<()> {
    File::open(path).and_then(|f| f.sync_all()).map_err(io(format!("flushing {}", path.display())))
}

pub(super) fn sync_parent_dir(path: &Path) {
    // Makes a rename durable on Unix; directories cannot be opened this way
    // on Windows, where the rename is durable once it returns.
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

/// Moves the complete file `from` to the new name `to` in the same folder,
/// refusing to replace a file at `to` (a hard link then the removal of
/// `from`; where the file system has no hard links, a check and a rename).
pub(super) fn place_without_replacing(from: &Path, to: &Path) -> Result<()> {
    let exists = || VaultError::AlreadyExists { path: to.to_path_buf() };
    match std::fs::hard_link(from, to) {
        Ok(()) => {
            let _ = std::fs::remove_file(from);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(exists()),
        Err(_) if to.symlink_metadata().is_ok() => Err(exists()),
        Err(_) => std::fs::rename(from, to).map_err(io(format!("writing {}", to.display()))),
    }
}

/// Writes an encrypted copy of `conn`'s main database to the new file
/// `dest` with `sqlcipher_export`: pages are encrypted with `passphrase` as
/// they are written, so no plaintext ever reaches the disk.
pub(super) fn export_encrypted(conn: &Connection, dest: &Path, passphrase: &Passphrase) -> Result<()> {
    let absolute = conn::sqlite_path(dest)?;
    let dest_str = absolute.to_str().ok_or_else(|| VaultError::Io {
        context: format!("writing {}", dest.display()),
        source: std::io::Error::new(std::io::ErrorKind::InvalidInput, "the path is not valid Unicode"),
    })?;
    reserve(dest)?;
    let result = (|| {
        conn.execute("ATTACH DATABASE ?1 AS kuzet_export KEY ?2", rusqlite::params![dest_str, passphrase.expose()])
            .map_err(db(format!("creating {}", dest.display())))?;
        let exported = (|| {
            let version: i64 = conn
                .pragma_query_value(None, "user_version", |r| r.get(0))
                .map_err(db("reading the schema version"))?;
            conn.query_row("SELECT sqlcipher_export('kuzet_export')", [], |_| Ok(()))
                .map_err(db(format!("copying the vault to {}", dest.display())))?;
            conn.pragma_update(Some("kuzet_export"), "user_version", version)
                .map_err(db("writing the schema version"))?;
            conn.pragma_update(Some("kuzet_export"), "application_id", conn::APPLICATION_ID)
                .map_err(db("writing the vault id"))?;
            Ok(())
        })();
        let detached = conn.execute("DETACH DATABASE kuzet_export", []).map_err(db("closing the copy"));
        exported.and(detached.map(|_| ()))?;
        sync_file(dest)
    })();
    if result.is_err() {
        remove_quietly(dest);
    }
    result
}

impl Vault {
    /// Re-encrypts the vault with a new passphrase; the old one no longer
    /// opens it.
    ///
    /// Crash-safe: the vault is exported, encrypted with the new passphrase,
    /// to its partial file `.<name>.kuzet-partial` next to it, flushed, and
    /// atomically renamed over the old file. Until the rename the old file
    /// (old passphrase) is intact; after it the new one is complete. A
    /// partial copy left by a crash is removed by the next open
    /// ([`Vault::removed_at_open`]).
    ///
    /// `current` must be the passphrase the vault is open with, compared
    /// in Unicode NFC like every passphrase ([`Passphrase::new`]), so one
    /// typed decomposed on another keyboard is the same passphrase.
    ///
    /// # Errors
    /// [`VaultError::WrongPassphrase`] when `current` is not the vault's
    /// passphrase (nothing changes); [`VaultError::Validation`] for an empty
    /// or raw-key `new` or one with control characters; I/O and DB errors
    /// (the vault then stays under the old passphrase).
    pub fn change_passphrase(&mut self, current: &Passphrase, new: &Passphrase) -> Result<()> {
        if !self.is_passphrase(current) {
            return Err(VaultError::WrongPassphrase);
        }
        check_new_passphrase(new)?;
        // The file itself, not a symlink to it: renaming over a link would
        // replace the link and leave the real vault under the old passphrase.
        let target = std::fs::canonicalize(&self.path).map_err(io(format!("finding {}", self.path.display())))?;
        let tmp = leftover::partial_path(&target);
        // A leftover of an interrupted re-key (encrypted): we hold the lock,
        // so nobody else is using it.
        remove_quietly(&tmp);
        export_encrypted(&self.conn, &tmp, new)?;
        // The file renamed in below is locked before it carries the name.
        let identity = match conn::lock_identity(&tmp, &self.path) {
            Ok(identity) => identity,
            Err(e) => {
                remove_quietly(&tmp);
                return Err(e);
            }
        };
        let placeholder = Connection::open_in_memory().map_err(db("re-keying"))?;
        let old = std::mem::replace(&mut self.conn, placeholder);
        if let Err((c, e)) = old.close() {
            self.conn = c;
            remove_quietly(&tmp);
            return Err(db("closing the vault for re-keying")(e));
        }
        if let Err(e) = std::fs::rename(&tmp, &target) {
            remove_quietly(&tmp);
            self.reopen_after_failure();
            return Err(io(format!("replacing {}", target.display()))(e));
        }
        sync_parent_dir(&target);
        self.lock.replace_identity(identity);
        let (conn, taxonomy) = Self::open_conn(&self.path, new)?;
        self.replace_conn(conn, taxonomy);
        self.passphrase = Some(new.clone());
        Ok(())
    }

    fn reopen_after_failure(&mut self) {
        if let Some(p) = self.passphrase.clone() {
            if let Ok((c, t)) = Self::open_conn(&self.path, &p) {
                self.replace_conn(c, t);
            }
        }
    }

    /// Whether `candidate` is the passphrase the vault was opened (or last
    /// re-keyed) with. Both are in NFC; the comparison takes the same time
    /// wherever the first difference is.
    pub fn is_passphrase(&self, candidate: &Passphrase) -> bool {
        let Some(own) = &self.passphrase else { return false };
        let (a, b) = (own.expose().as_bytes(), candidate.expose().as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }

    /// Writes an encrypted copy of the vault to `dest`, encrypted with
    /// `passphrase`, or with the vault's own passphrase when `None` (the
    /// vault keeps the only copy of it for the session, so callers need
    /// none). Never writes plaintext, not even a temporary file.
    ///
    /// The copy is written to `dest`'s partial file `.<name>.kuzet-partial`
    /// and moved to `dest` only when complete and flushed, never replacing
    /// a file that appeared meanwhile; so a crash never leaves a partial
    /// `dest`, and the partial file an interrupted backup to the same `dest`
    /// left is removed first and returned, for the caller to report.
    ///
    /// # Errors
    /// [`VaultError::AlreadyExists`] when `dest` exists;
    /// [`VaultError::Validation`] for an empty passphrase, or a given one
    /// that is a raw key or has control characters; I/O and DB errors (the
    /// partial copy is removed).
    pub fn backup_to(&self, dest: &Path, passphrase: Option<&Passphrase>) -> Result<Vec<Removed>> {
        let passphrase = match (passphrase, &self.passphrase) {
            (Some(p), _) => {
                check_new_passphrase(p)?;
                p
            }
            (None, Some(p)) => p,
            (None, None) => return Err(VaultError::WrongPassphrase),
        };
        check_passphrase(passphrase)?;
        if dest.symlink_metadata().is_ok() {
            return Err(VaultError::AlreadyExists { path: dest.to_path_buf() });
        }
        let partial = leftover::partial_path(dest);
        let removed: Vec<Removed> = leftover::remove_leftover(&partial, false, false)
            .map_err(io(format!("removing {}", partial.display())))?
            .into_iter()
            .collect();
        export_encrypted(&self.conn, &partial, passphrase)?;
        if let Err(e) = place_without_replacing(&partial, dest) {
            remove_quietly(&partial);
            return Err(e);
        }
        sync_parent_dir(dest);
        Ok(removed)
    }
}
