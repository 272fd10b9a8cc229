//! The Kuzet desktop app: a thin Tauri 2 shell over `kuzet-core`.
//!
//! [`run`] starts the app: one window, a single instance, the commands of
//! [`commands`], and the idle auto-lock. The shell knows the IPC protocol
//! ([`ipc`]) and the desktop (dialogs, events); it knows nothing about SQL,
//! counting or PDF drawing, which are the core's.

pub mod bindings;
pub mod commands;
pub mod dialogs;
pub mod ipc;
pub mod state;

use crate::ipc::{LockReason, VaultLockedEvent};
use crate::state::{AppState, LaunchOptions};
use tauri::{Emitter, Manager, Runtime};

/// Adds Kuzet's state, commands and background tasks to a Tauri builder
/// (the real one in [`run`], the mock runtime's in tests).
pub fn app_builder<R: Runtime>(builder: tauri::Builder<R>, launch: LaunchOptions) -> tauri::Builder<R> {
    let check = launch.autolock_check.max(std::time::Duration::from_secs(1));
    builder
        .manage(AppState::new(launch))
        .setup(move |app| {
            let state = app.state::<AppState>();
            if let Ok(dir) = app.path().app_config_dir() {
                state.use_config_dir_if_unset(dir);
            }
            open_main_window(app)?;
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                loop {
                    tokio::time::sleep(check).await;
                    if handle.state::<AppState>().lock_if_idle() {
                        let _ = handle
                            .emit(commands::vault::VAULT_LOCKED_EVENT, VaultLockedEvent { reason: LockReason::Idle });
                    }
                }
            });
            Ok(())
        })
        .invoke_handler(invoke_handler())
}

/// Turns the one command list (`src/commands/list.rs`) into the invoke
/// handler and [`COMMAND_NAMES`].
macro_rules! kuzet_commands {
    ($($module:ident::$name:ident),* $(,)?) => {
        /// The name of every command, in the order of `src/commands/list.rs`
        /// (the same names `build.rs` makes `allow-<name>` permissions for).
        pub const COMMAND_NAMES: &[&str] = &[$(stringify!($name)),*];

        /// The invoke handler of every command of the list.
        fn invoke_handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$(commands::$module::$name),*]
        }
    };
}
include!("commands/list.rs");

/// Opens the main window from its configuration (`tauri.conf.json`,
/// `create: false`), in WebKit's ephemeral (incognito) mode so that no
/// WebView storage — localStorage, IndexedDB, caches — ever reaches the
/// disk. WebDriver automation (tauri-driver sets
/// `TAURI_WEBVIEW_AUTOMATION=true`) cannot drive an ephemeral context, so
/// only end-to-end runs get a normal one; the end-to-end test checks that
/// the UI keeps no case text in WebView storage anyway.
fn open_main_window<R: Runtime>(app: &tauri::App<R>) -> tauri::Result<()> {
    let Some(config) = app.config().app.windows.iter().find(|w| w.label == "main").cloned() else {
        return Ok(()); // the mock runtime of the tests has no window config
    };
    let automation = std::env::var("TAURI_WEBVIEW_AUTOMATION").as_deref() == Ok("true");
    tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?.incognito(!automation).build()?;
    Ok(())
}

/// Replaces the default panic output: a panic message may quote case text
/// (an `expect` on user data), so only the location is printed.
fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let at = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!("kuzet: internal error at {at} (details withheld: they may contain case data)");
    }));
}

/// Starts the desktop app.
///
/// # Panics
/// When the window system cannot be initialised.
pub fn run() {
    quiet_panics();
    app_builder(tauri::Builder::default(), LaunchOptions::from_env())
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            // A second start focuses the running window instead.
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.set_focus();
            }
        }))
        .run(tauri::generate_context!())
        .expect("the Kuzet window could not start");
}
