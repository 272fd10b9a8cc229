//! Native file dialogs (rfd, awaited, never blocking the main thread), and
//! their test-mode replacements.
//!
//! On Linux rfd asks the xdg-desktop-portal over D-Bus and falls back to
//! `zenity`. With neither, it answers `None` at once, which would look like
//! the user pressing Cancel; that case is reported as
//! [`ErrorCode::NoDialog`] instead. `KUZET_TEST_SAVE_PATH` /
//! `KUZET_TEST_OPEN_PATH` replace the dialogs in tests.

use crate::ipc::{ErrorCode, IpcError, IpcResult};
use crate::state::LaunchOptions;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Nobody can read a dialog and press Cancel faster than this.
const IMPOSSIBLY_FAST: Duration = Duration::from_millis(400);

fn zenity_on_path() -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file()))
}

fn no_dialog() -> IpcError {
    IpcError::new(
        ErrorCode::NoDialog,
        "no file dialog is available on this system: install xdg-desktop-portal (with a GTK or KDE backend) or zenity",
    )
}

/// Turns an immediate `None` without any dialog program into [`ErrorCode::NoDialog`].
fn judge(answer: Option<PathBuf>, started: Instant) -> IpcResult<Option<PathBuf>> {
    if answer.is_none() && started.elapsed() < IMPOSSIBLY_FAST && !zenity_on_path() {
        return Err(no_dialog());
    }
    Ok(answer)
}

/// Normalises an extension argument: `".pdf"` → `"pdf"`.
fn clean_extension(ext: &str) -> IpcResult<String> {
    let e = ext.trim().trim_start_matches('.').to_ascii_lowercase();
    if e.is_empty() || e.len() > 10 || !e.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(IpcError::invalid("extension", "use a short file extension such as pdf"));
    }
    Ok(e)
}

/// Asks where to save a file named `default_name` with extension `ext`.
/// `None` when the user cancelled. The answer always ends in `.ext`.
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
        let picked = rfd::AsyncFileDialog::new()
            .set_file_name(default_name)
            .add_filter(ext.to_uppercase(), &[ext.as_str()])
            .save_file()
            .await
            .map(|h| h.path().to_path_buf());
        judge(picked, started)?
    };
    Ok(answer
        .map(|p| if p.extension().is_some_and(|e| e.eq_ignore_ascii_case(&ext)) { p } else { p.with_extension(&ext) }))
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
