//! Native file dialogs (rfd, awaited, never blocking the main thread), and
//! their test-mode replacements.
//!
//! On Linux rfd asks the xdg-desktop-portal over D-Bus and falls back to
//! `zenity`. With neither, it answers `None` at once, which would look like
//! the user pressing Cancel; that case is reported as
//! [`ErrorCode::NoDialog`] instead. `KUZET_TEST_SAVE_PATH` /
//! `KUZET_TEST_OPEN_PATH` / `KUZET_TEST_ATTACH_PATHS` /
//! `KUZET_TEST_EXCHANGE_PATHS` / `KUZET_TEST_IMPORT_PATH` replace the
//! dialogs in tests.

use crate::ipc::{ErrorCode, IpcError, IpcResult};
use crate::state::LaunchOptions;
use std::ffi::OsStr;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Nobody can read a dialog and press Cancel faster than this.
const IMPOSSIBLY_FAST: Duration = Duration::from_millis(400);

/// Whether a `zenity` program is in one of the directories of `path` (a
/// `PATH`-style list).
fn zenity_in(path: Option<&OsStr>) -> bool {
    path.is_some_and(|paths| std::env::split_paths(paths).any(|dir| dir.join("zenity").is_file()))
}

fn zenity_on_path() -> bool {
    zenity_in(std::env::var_os("PATH").as_deref())
}

fn no_dialog() -> IpcError {
    IpcError::new(
        ErrorCode::NoDialog,
        "no file dialog is available on this system: install xdg-desktop-portal (with a GTK or KDE backend) or zenity",
    )
}

/// Turns an immediate `None` without any dialog program into [`ErrorCode::NoDialog`].
fn judge(answer: Option<PathBuf>, started: Instant) -> IpcResult<Option<PathBuf>> {
    judge_answer(answer, started.elapsed(), zenity_on_path())
}

/// The rule of [`judge`]: `None` after less than [`IMPOSSIBLY_FAST`] with
/// no zenity to fall back on means no dialog was shown (rfd's portal call
/// failed and its zenity fallback could not start); anything else is the
/// user's answer.
fn judge_answer(answer: Option<PathBuf>, took: Duration, zenity: bool) -> IpcResult<Option<PathBuf>> {
    if answer.is_none() && took < IMPOSSIBLY_FAST && !zenity {
        return Err(no_dialog());
    }
    Ok(answer)
}

/// Normalises an extension argument: `".pdf"` → `"pdf"`; `""` → none (a
/// file without extension, such as an attachment named so).
fn clean_extension(ext: &str) -> IpcResult<Option<String>> {
    if ext.trim().is_empty() {
        return Ok(None);
    }
    let e = ext.trim().trim_start_matches('.').to_ascii_lowercase();
    if e.is_empty() || e.len() > 16 || !e.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(IpcError::invalid("extension", "use a short file extension such as pdf"));
    }
    Ok(Some(e))
}

/// Asks where to save a file named `default_name` with extension `ext`
/// (`""`: any name). `None` when the user cancelled. The answer always ends
/// in `.ext`.
///
/// # Errors
/// [`ErrorCode::NoDialog`] when no dialog can be shown; a validation error
/// for a bad extension.
pub async fn save_path(launch: &LaunchOptions, default_name: &str, ext: &str) -> IpcResult<Option<PathBuf>> {
    let ext = clean_extension(ext)?;
    let answer = if let Some(p) = &launch.test_save_path {
        Some(p.clone())
    } else {
        let started = Instant::now();
        let mut dialog = rfd::AsyncFileDialog::new().set_file_name(default_name);
        if let Some(ext) = &ext {
            dialog = dialog.add_filter(ext.to_uppercase(), &[ext.as_str()]);
        }
        let picked = dialog.save_file().await.map(|h| h.path().to_path_buf());
        judge(picked, started)?
    };
    Ok(answer.map(|p| match &ext {
        Some(ext) if !p.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext)) => p.with_extension(ext),
        _ => p,
    }))
}

/// Asks which vault to open. `None` when the user cancelled.
///
/// # Errors
/// [`ErrorCode::NoDialog`] when no dialog can be shown.
pub async fn open_path(launch: &LaunchOptions) -> IpcResult<Option<PathBuf>> {
    if let Some(p) = &launch.test_open_path {
        return Ok(Some(p.clone()));
    }
    let started = Instant::now();
    let picked = rfd::AsyncFileDialog::new()
        .add_filter("Kuzet vault", &["kuzet"])
        .pick_file()
        .await
        .map(|h| h.path().to_path_buf());
    judge(picked, started)
}

/// Asks which CSV or XLSX file to import. `None` when the user cancelled.
/// `KUZET_TEST_IMPORT_PATH` answers in tests.
///
/// # Errors
/// [`ErrorCode::NoDialog`] when no dialog can be shown.
pub async fn import_path(launch: &LaunchOptions) -> IpcResult<Option<PathBuf>> {
    if let Some(p) = &launch.test_import_path {
        return Ok(Some(p.clone()));
    }
    let started = Instant::now();
    let picked = rfd::AsyncFileDialog::new()
        .add_filter("CSV, XLSX", &["csv", "xlsx", "CSV", "XLSX"])
        .pick_file()
        .await
        .map(|h| h.path().to_path_buf());
    judge(picked, started)
}

/// Asks which files to attach to a case (any type, several at once);
/// empty when the user cancelled. `KUZET_TEST_ATTACH_PATHS` (a `PATH`-style
/// list) answers in tests.
///
/// # Errors
/// [`ErrorCode::NoDialog`] when no dialog can be shown.
pub async fn attachment_paths(launch: &LaunchOptions) -> IpcResult<Vec<PathBuf>> {
    if let Some(list) = &launch.test_attach_paths {
        return Ok(list.clone());
    }
    let started = Instant::now();
    let picked = rfd::AsyncFileDialog::new().pick_files().await;
    let first = picked.as_ref().and_then(|p| p.first()).map(|h| h.path().to_path_buf());
    judge(first, started)?;
    Ok(picked.unwrap_or_default().iter().map(|h| h.path().to_path_buf()).collect())
}

/// Asks which exchange files to open (`kuzetbundle` bundles, several at
/// once, or one `kuzetid` identity); empty when the user cancelled.
/// `KUZET_TEST_EXCHANGE_PATHS` (a `PATH`-style list) answers in tests.
///
/// # Errors
/// [`ErrorCode::NoDialog`] when no dialog can be shown.
pub async fn exchange_paths(launch: &LaunchOptions, identity: bool) -> IpcResult<Vec<PathBuf>> {
    if let Some(list) = &launch.test_exchange_paths {
        return Ok(list.clone());
    }
    let started = Instant::now();
    let dialog = rfd::AsyncFileDialog::new();
    let picked = if identity {
        dialog.add_filter("Kuzet identity", &["kuzetid", "txt"]).pick_file().await.map(|h| vec![h])
    } else {
        dialog.add_filter("Kuzet bundle", &["kuzetbundle"]).pick_files().await
    };
    let first = picked.as_ref().and_then(|p| p.first()).map(|h| h.path().to_path_buf());
    judge(first, started)?;
    Ok(picked.unwrap_or_default().iter().map(|h| h.path().to_path_buf()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsString;

    #[test]
    fn an_instant_none_without_zenity_is_no_dialog() {
        let e = judge_answer(None, Duration::from_millis(5), false).expect_err("no dialog was shown");
        assert_eq!(e.code, ErrorCode::NoDialog);
    }

    #[test]
    fn a_slow_none_or_one_with_zenity_is_a_cancel() {
        assert_eq!(judge_answer(None, Duration::from_secs(2), false).expect("a person cancelled"), None);
        assert_eq!(judge_answer(None, Duration::from_millis(5), true).expect("zenity may answer fast"), None);
        assert_eq!(judge_answer(None, IMPOSSIBLY_FAST, false).expect("the limit itself is a cancel"), None);
    }

    #[test]
    fn a_chosen_path_is_passed_on_however_fast() {
        let p = PathBuf::from("/tmp/шолу-2024-05.pdf");
        assert_eq!(judge_answer(Some(p.clone()), Duration::ZERO, false).expect("chosen"), Some(p));
    }

    #[test]
    fn zenity_is_found_only_as_a_file_in_a_path_directory() {
        let with = tempfile::tempdir().expect("temp dir");
        let without = tempfile::tempdir().expect("temp dir");
        std::fs::write(with.path().join("zenity"), b"#!/bin/sh\n").expect("fake zenity");
        std::fs::create_dir(without.path().join("zenity-dir")).expect("dir");
        std::fs::create_dir(without.path().join("sub")).expect("dir");
        std::fs::create_dir(without.path().join("sub").join("zenity")).expect("a directory named zenity");
        let list = |dirs: &[&std::path::Path]| std::env::join_paths(dirs).expect("path list");
        let w: OsString = list(&[without.path(), with.path()]);
        assert!(zenity_in(Some(&w)));
        let wo: OsString = list(&[without.path(), &without.path().join("sub")]);
        assert!(!zenity_in(Some(&wo)), "a directory called zenity is not the program");
        assert!(!zenity_in(Some(OsStr::new(""))));
        assert!(!zenity_in(None));
    }

    #[test]
    fn extensions_are_normalised_or_refused() {
        assert_eq!(clean_extension(".PDF").expect("ok").as_deref(), Some("pdf"));
        assert_eq!(clean_extension(" kuzet ").expect("ok").as_deref(), Some("kuzet"));
        assert_eq!(clean_extension("kuzetbundle").expect("ok").as_deref(), Some("kuzetbundle"));
        assert_eq!(clean_extension("").expect("none"), None);
        for bad in [".", "p/df", "a.b", "verylongextension"] {
            assert_eq!(clean_extension(bad).expect_err(bad).code, ErrorCode::Validation, "{bad}");
        }
    }
}
