//! Where a plaintext file the user asked for (an export, a PDF) may be
//! written: one rule for the command line and the desktop app.

use crate::leftover::{create_owner_only, partial_path, remove_leftover, Removed};
use std::path::{Path, PathBuf};

/// Why an output path was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutputRefused {
    /// The path is the vault itself: writing there would replace the
    /// encrypted cases with a plaintext file.
    #[error("{} is the vault itself; choose another output file", .0.display())]
    IsTheVault(PathBuf),
    /// The path is the vault's lock file: replacing it would let a second
    /// program open the vault at the same time.
    #[error("{} is the vault's lock file; choose another output file", .0.display())]
    IsTheLock(PathBuf),
    /// The path exists and is not a regular file (a symlink, device, pipe or
    /// folder): the atomic rename would replace it instead of writing
    /// through it.
    #[error("{} exists and is not a regular file (a link, device, pipe or folder); choose a plain file path", .0.display())]
    NotAFile(PathBuf),
    /// The path is an existing file and replacing was not asked for.
    #[error("{} already exists; pass --force to replace it", .0.display())]
    Exists(PathBuf),
}

/// Whether an existing regular file at the output path may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Refuse an existing file (the command line without `--force`).
    Never,
    /// Replace an existing regular file: the user confirmed it (`--force`,
    /// or the desktop's save dialog, which asks before it returns an
    /// existing file).
    Confirmed,
}

/// Checks that a plaintext output may be written to `out` for the vault at
/// `vault`: never the vault file or its lock file (compared by canonical
/// path, so a link or a relative name to either is caught too), never
/// through a link, device, pipe or folder, and over another existing file
/// only when `replace` is [`Replace::Confirmed`].
///
/// Used by the CLI's `export` / `overview` and the app's PDF export before
/// [`write_file_atomically`](super::write_file_atomically), which refuses
/// non-regular files again at the moment of writing.
///
/// # Errors
/// [`OutputRefused`], naming `out`.
pub fn check_output_path(vault: &Path, out: &Path, replace: Replace) -> Result<(), OutputRefused> {
    if let (Ok(v), Ok(o)) = (vault.canonicalize(), out.canonicalize()) {
        if v == o {
            return Err(OutputRefused::IsTheVault(out.to_path_buf()));
        }
    }
    if let (Ok(lock), Ok(o)) = (crate::vault::lock_path_of(vault), out.canonicalize()) {
        if lock == o {
            return Err(OutputRefused::IsTheLock(out.to_path_buf()));
        }
    }
    match std::fs::symlink_metadata(out) {
        Ok(meta) if !meta.file_type().is_file() => Err(OutputRefused::NotAFile(out.to_path_buf())),
        Ok(_) if replace == Replace::Never => Err(OutputRefused::Exists(out.to_path_buf())),
        _ => Ok(()),
    }
}

/// The prefix of the random temporary names earlier Kuzet versions gave
/// exports; a crash left such a hidden plaintext file behind, which the next
/// write into the same folder removes.
const OLD_TEMP_PREFIX: &str = ".kuzet-export-";

/// Writes `bytes` (an export or a PDF the user asked for) to `out`: first
/// to its partial file `.<name>.kuzet-partial` in the same folder (see
/// [`crate::leftover`]), created owner-only and locked while written, then
/// flushed and renamed over `out`. A failure never leaves a half-written
/// `out`; a failed write removes the partial file, and one left by a crashed
/// earlier write (or an old `.kuzet-export-*` temporary file) is removed
/// first and returned, so the caller can say so.
///
/// # Errors
/// The I/O error; `InvalidInput` when `out` (or its partial file) exists but
/// is not a regular file (a symlink, a device such as `/dev/stdout`, a FIFO,
/// a folder): the rename would silently replace it instead of writing
/// through it; `ResourceBusy` when another program is writing `out` now.
pub(crate) fn write_atomically(out: &Path, bytes: &[u8]) -> std::io::Result<Vec<Removed>> {
    use std::io::Write;
    write_atomically_with(out, |file| file.write_all(bytes))
}

/// [`write_atomically`] with the content written by `fill` into the
/// partial file (streamed: an attachment of 2 GB never sits in memory). An
/// error of `fill` removes the partial file and is returned as it is.
///
/// # Errors
/// As [`write_atomically`], and `fill`'s own.
pub(crate) fn write_atomically_with<E: From<std::io::Error>>(
    out: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> Result<(), E>,
) -> Result<Vec<Removed>, E> {
    if let Ok(meta) = std::fs::symlink_metadata(out) {
        if !meta.file_type().is_file() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "it exists and is not a regular file (a link, device, pipe or folder); choose a plain file path",
            )
            .into());
        }
    }
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut removed = remove_old_temp_files(dir);
    let partial = partial_path(out);
    removed.extend(remove_leftover(&partial, true, true)?);
    let mut file = create_owner_only(&partial)?;
    let written = (|| {
        // Held until the rename: a run that finds this file while it is
        // written leaves it alone.
        file.try_lock().map_err(std::io::Error::from)?;
        fill(&mut file)?;
        file.sync_all()?;
        std::fs::rename(&partial, out)?;
        Ok::<(), E>(())
    })();
    drop(file);
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(removed)
}

/// Removes the `.kuzet-export-*` temporary files earlier versions could
/// leave in `dir` (regular files only; nothing writes that name any more).
fn remove_old_temp_files(dir: &Path) -> Vec<Removed> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let is_old_temp = entry.file_name().to_str().is_some_and(|n| n.starts_with(OLD_TEMP_PREFIX));
        if is_old_temp && entry.file_type().is_ok_and(|t| t.is_file()) {
            if let Ok(Some(r)) = remove_leftover(&entry.path(), true, false) {
                removed.push(r);
            }
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vault_its_lock_and_existing_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("cases.kuzet");
        std::fs::write(&vault, b"vault").unwrap();
        let lock = dir.path().join("cases.kuzet.lock");
        std::fs::write(&lock, b"").unwrap();
        let other = dir.path().join("backup.kuzet");
        std::fs::write(&other, b"backup").unwrap();
        let fresh = dir.path().join("may.pdf");
        let via_dots = dir.path().join(".").join("cases.kuzet");

        let check = |out: &Path, r| check_output_path(&vault, out, r);
        assert_eq!(check(&vault, Replace::Confirmed), Err(OutputRefused::IsTheVault(vault.clone())));
        assert_eq!(check(&via_dots, Replace::Confirmed), Err(OutputRefused::IsTheVault(via_dots.clone())));
        assert_eq!(check(&lock, Replace::Confirmed), Err(OutputRefused::IsTheLock(lock.clone())));
        assert_eq!(check(&other, Replace::Never), Err(OutputRefused::Exists(other.clone())));
        assert_eq!(check(&other, Replace::Confirmed), Ok(()));
        assert_eq!(check(&fresh, Replace::Never), Ok(()));
        assert_eq!(check(dir.path(), Replace::Confirmed), Err(OutputRefused::NotAFile(dir.path().to_path_buf())));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_the_vault_or_elsewhere_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("cases.kuzet");
        std::fs::write(&vault, b"vault").unwrap();
        let to_vault = dir.path().join("export.csv");
        std::os::unix::fs::symlink(&vault, &to_vault).unwrap();
        assert_eq!(
            check_output_path(&vault, &to_vault, Replace::Confirmed),
            Err(OutputRefused::IsTheVault(to_vault.clone()))
        );
        let target = dir.path().join("notes.txt");
        std::fs::write(&target, b"kept").unwrap();
        let to_other = dir.path().join("overview.pdf");
        std::os::unix::fs::symlink(&target, &to_other).unwrap();
        assert_eq!(
            check_output_path(&vault, &to_other, Replace::Confirmed),
            Err(OutputRefused::NotAFile(to_other.clone()))
        );
    }
}
