//! Partial files: what a write in progress is called, and how the next run
//! finds and removes what an interrupted one left behind.
//!
//! Every file Kuzet writes in steps (an export or PDF, a backup, the copy a
//! re-key makes) is first written as `.<name>.kuzet-partial` in the folder
//! of its final name `<name>`, and renamed into place only when complete.
//! A crash or `kill -9` in between leaves that one file, under a name a
//! person can recognise, and the next run of the same command (or, for a
//! re-key, the next open of the vault) removes it and says so.

use std::ffi::OsString;
use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

/// The suffix of every partial file.
pub const PARTIAL_SUFFIX: &str = ".kuzet-partial";

/// The partial file of `target`: `.<name>.kuzet-partial` in the same folder.
pub fn partial_path(target: &Path) -> PathBuf {
    let mut name = OsString::from(".");
    name.push(target.file_name().unwrap_or_default());
    name.push(PARTIAL_SUFFIX);
    target.with_file_name(name)
}

/// A file removed because an earlier, interrupted run left it behind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// The file removed.
    pub path: PathBuf,
    /// Whether it held plaintext (an export or PDF) rather than encrypted
    /// pages (a backup or re-key copy).
    pub plaintext: bool,
}

impl Removed {
    /// The notice to show: `removed <path>, left by an earlier interrupted
    /// run (plaintext|encrypted)`.
    pub fn notice(&self) -> String {
        let what = if self.plaintext { "a plaintext partial file" } else { "an encrypted partial copy" };
        format!("removed {}, {what} left by an earlier interrupted run", self.path.display())
    }
}

/// Opens a file for writing with `create_new` (never an existing file,
/// never through a link), readable by its owner only on Unix.
pub(crate) fn create_owner_only(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Removes `path` if it exists as a regular file (a link or folder of that
/// name is an error: it was not made by Kuzet), and SQLite's journal of it
/// (`<path>-journal`, encrypted like the copy it belongs to). With `locked`, the file is
/// first locked: a lock held by another run means that run is writing it
/// now, and the file is left alone (`ResourceBusy`).
pub(crate) fn remove_leftover(path: &Path, plaintext: bool, locked: bool) -> io::Result<Option<Removed>> {
    let mut journal = path.as_os_str().to_os_string();
    journal.push("-journal");
    let journal = PathBuf::from(journal);
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            // SQLite's journal of a partial copy, if the crash came after
            // the copy itself was gone.
            let _ = std::fs::remove_file(&journal);
            return Ok(None);
        }
        Err(e) => return Err(e),
    };
    if !meta.file_type().is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} exists and is not a regular file; remove it", path.display()),
        ));
    }
    let _held = if locked {
        let f = OpenOptions::new().read(true).write(true).open(path)?;
        match f.try_lock() {
            Ok(()) => Some(f),
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(io::Error::new(
                    io::ErrorKind::ResourceBusy,
                    format!("another program is writing {} now", path.display()),
                ))
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(e),
        }
    } else {
        None
    };
    std::fs::remove_file(path)?;
    let _ = std::fs::remove_file(&journal);
    Ok(Some(Removed { path: path.to_path_buf(), plaintext }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_partial_file_is_hidden_beside_its_target() {
        assert_eq!(partial_path(Path::new("out/may.csv")), Path::new("out/.may.csv.kuzet-partial"));
        assert_eq!(partial_path(Path::new("may.pdf")), Path::new(".may.pdf.kuzet-partial"));
    }

    #[test]
    fn a_partial_file_being_written_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(".x.kuzet-partial");
        let f = create_owner_only(&p).unwrap();
        f.try_lock().unwrap();
        let e = remove_leftover(&p, true, true).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::ResourceBusy);
        assert!(p.exists());
        drop(f);
        assert_eq!(remove_leftover(&p, true, true).unwrap().map(|r| r.path), Some(p.clone()));
        assert!(!p.exists());
        assert_eq!(remove_leftover(&p, true, true).unwrap(), None);
    }
}
