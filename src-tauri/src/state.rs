//! What the shell remembers between commands: the open vault (if any), when
//! the user was last active, and how the app was started.
//!
//! The vault's key lives only inside the open [`Vault`]; locking drops it.
//! Nothing here is ever written to disk except the list of recent vault
//! paths ([`RecentVaults`]).

use crate::ipc::{IpcError, IpcResult};
use kuzet_core::vault::Vault;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// An unlocked vault and what belongs to its session.
pub struct Session {
    /// The open vault (it keeps the only copy of the passphrase, for
    /// backups and for checking `current` in a passphrase change).
    pub vault: Vault,
    /// Minutes of inactivity before the vault locks itself.
    pub auto_lock_minutes: u32,
}

/// How the app was started: test and demo switches read from the
/// environment once, at start-up.
#[derive(Debug, Clone, Default)]
pub struct LaunchOptions {
    /// `KUZET_DEMO_VAULT`: a demo vault (passphrase `demo`) to offer on the
    /// unlock screen.
    pub demo_vault: Option<PathBuf>,
    /// `KUZET_TEST_SAVE_PATH`: answer every save dialog with this path.
    pub test_save_path: Option<PathBuf>,
    /// `KUZET_TEST_OPEN_PATH`: answer every open dialog with this path.
    pub test_open_path: Option<PathBuf>,
    /// `KUZET_TEST_ATTACH_PATHS` (a `PATH`-style list): answer every
    /// attachment dialog with these files.
    pub test_attach_paths: Option<Vec<PathBuf>>,
    /// `KUZET_TEST_EXCHANGE_PATHS`: the answer of the exchange file dialog.
    pub test_exchange_paths: Option<Vec<PathBuf>>,
    /// `KUZET_TEST_IMPORT_PATH`: the answer of the import file dialog.
    pub test_import_path: Option<PathBuf>,
    /// Where the list of recent vaults is kept (the app's config dir);
    /// `None` keeps it in memory only.
    pub config_dir: Option<PathBuf>,
    /// `KUZET_AUTOLOCK_CHECK_SECONDS`: how often the idle check runs
    /// (default 15 s; tests shorten it).
    pub autolock_check: Duration,
    /// `KUZET_TEST_AUTOLOCK_MINUTE_SECONDS` (test only, 1–60): how long one
    /// minute of the auto-lock delay lasts, so an end-to-end test can watch
    /// the real idle lock in seconds. `None` (the default, and whenever the
    /// variable is unset or out of range): a real minute. It can only make
    /// the auto-lock come sooner, never later.
    pub test_autolock_minute: Option<Duration>,
}

impl LaunchOptions {
    /// Reads the switches from the environment.
    pub fn from_env() -> Self {
        let path = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
        LaunchOptions {
            demo_vault: path("KUZET_DEMO_VAULT"),
            test_save_path: path("KUZET_TEST_SAVE_PATH"),
            test_open_path: path("KUZET_TEST_OPEN_PATH"),
            test_attach_paths: std::env::var_os("KUZET_TEST_ATTACH_PATHS")
                .filter(|v| !v.is_empty())
                .map(|v| std::env::split_paths(&v).collect()),
            test_exchange_paths: std::env::var_os("KUZET_TEST_EXCHANGE_PATHS")
                .filter(|v| !v.is_empty())
                .map(|v| std::env::split_paths(&v).collect()),
            test_import_path: path("KUZET_TEST_IMPORT_PATH"),
            config_dir: None,
            autolock_check: std::env::var("KUZET_AUTOLOCK_CHECK_SECONDS")
                .ok()
                .and_then(|s| s.parse::<u64>().ok())
                .filter(|s| *s > 0)
                .map_or(Duration::from_secs(15), Duration::from_secs),
            test_autolock_minute: std::env::var("KUZET_TEST_AUTOLOCK_MINUTE_SECONDS")
                .ok()
                .and_then(|s| s.parse::<u64>().ok())
                .filter(|s| (1..=60).contains(s))
                .map(Duration::from_secs),
        }
    }

    /// How long one minute of the auto-lock delay lasts: 60 s, unless a
    /// test shortened it.
    pub fn autolock_minute(&self) -> Duration {
        self.test_autolock_minute.unwrap_or(Duration::from_secs(60)).min(Duration::from_secs(60))
    }
}

/// The managed state of the app.
pub struct AppState {
    session: Mutex<Option<Session>>,
    last_activity: Mutex<Instant>,
    /// How the app was started.
    pub launch: LaunchOptions,
    recent: Mutex<RecentVaults>,
}

/// Takes a lock even if a panicking command poisoned it: the data behind
/// it (an open vault or a timestamp) stays consistent because every write
/// to the vault is a transaction.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl AppState {
    /// A locked app.
    pub fn new(launch: LaunchOptions) -> Self {
        let recent = RecentVaults::load(launch.config_dir.as_deref());
        AppState {
            session: Mutex::new(None),
            last_activity: Mutex::new(Instant::now()),
            launch,
            recent: Mutex::new(recent),
        }
    }

    /// Records user activity: resets the idle timer.
    pub fn touch(&self) {
        *lock(&self.last_activity) = Instant::now();
    }

    /// Runs `f` on the open session; [`IpcError::locked`] when none is open.
    /// Counts as activity.
    pub fn with_session<T>(&self, f: impl FnOnce(&mut Session) -> IpcResult<T>) -> IpcResult<T> {
        self.touch();
        let mut guard = lock(&self.session);
        match guard.as_mut() {
            Some(s) => f(s),
            None => Err(IpcError::locked()),
        }
    }

    /// Runs `f` on the open vault.
    pub fn with_vault<T>(&self, f: impl FnOnce(&mut Vault) -> IpcResult<T>) -> IpcResult<T> {
        self.with_session(|s| f(&mut s.vault))
    }

    /// Runs work that may take long on the open vault (imports and bundles
    /// of thousands of cases, gigabytes of attachments) and counts its end
    /// as activity too, so the idle lock does not strike right after.
    pub fn with_vault_long<T>(&self, f: impl FnOnce(&mut Vault) -> IpcResult<T>) -> IpcResult<T> {
        let done = self.with_vault(f);
        self.touch();
        done
    }

    /// Installs a freshly opened session (replacing and closing any other).
    pub fn unlock(&self, session: Session) {
        self.touch();
        let path = session.vault.path().to_path_buf();
        *lock(&self.session) = Some(session);
        lock(&self.recent).add(&path);
    }

    /// Drops the open vault (and with it the key). Returns whether one was open.
    pub fn lock(&self) -> bool {
        lock(&self.session).take().is_some()
    }

    /// Whether a vault is open, its path and its auto-lock delay.
    pub fn status(&self) -> (Option<PathBuf>, u32) {
        let guard = lock(&self.session);
        match guard.as_ref() {
            Some(s) => (Some(s.vault.path().to_path_buf()), s.auto_lock_minutes),
            None => (None, crate::ipc::DEFAULT_AUTO_LOCK_MINUTES),
        }
    }

    /// Locks the vault when it has been idle longer than its auto-lock
    /// delay (the session's `auto_lock_minutes`, which `vault_open` reads
    /// from the vault and `settings_save` updates). Returns whether it locked.
    pub fn lock_if_idle(&self) -> bool {
        let idle = lock(&self.last_activity).elapsed();
        let mut guard = lock(&self.session);
        let minute = self.launch.autolock_minute();
        let expired = guard.as_ref().is_some_and(|s| idle > minute * s.auto_lock_minutes);
        if expired {
            *guard = None;
        }
        expired
    }

    /// Pretends the last activity was `ago` earlier (tests of auto-lock).
    pub fn backdate_activity(&self, ago: Duration) {
        let mut t = lock(&self.last_activity);
        *t = Instant::now().checked_sub(ago).unwrap_or(*t);
    }

    /// Keeps the recent-vaults list in `dir` unless the launch options
    /// already chose a directory (tests do).
    pub fn use_config_dir_if_unset(&self, dir: PathBuf) {
        if self.launch.config_dir.is_none() {
            *lock(&self.recent) = RecentVaults::load(Some(&dir));
        }
    }

    /// Recently opened vaults, newest first.
    pub fn recent_vaults(&self) -> Vec<String> {
        lock(&self.recent).paths.iter().map(|p| p.display().to_string()).collect()
    }
}

/// Recently opened vault paths (no case data), newest first, kept in
/// `recent-vaults.json` in the app's config dir when there is one.
#[derive(Debug, Default)]
pub struct RecentVaults {
    file: Option<PathBuf>,
    paths: Vec<PathBuf>,
}

impl RecentVaults {
    const MAX: usize = 8;

    fn load(dir: Option<&Path>) -> Self {
        let file = dir.map(|d| d.join("recent-vaults.json"));
        let paths = file
            .as_ref()
            .and_then(|f| std::fs::read(f).ok())
            .and_then(|b| serde_json::from_slice::<Vec<PathBuf>>(&b).ok())
            .unwrap_or_default();
        RecentVaults { file, paths }
    }

    fn add(&mut self, path: &Path) {
        self.paths.retain(|p| p != path);
        self.paths.insert(0, path.to_path_buf());
        self.paths.truncate(Self::MAX);
        if let Some(f) = &self.file {
            // Best effort: failing to remember a path must not fail an unlock.
            if let Some(dir) = f.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            if let Ok(json) = serde_json::to_vec_pretty(&self.paths) {
                let _ = std::fs::write(f, json);
            }
        }
    }
}
