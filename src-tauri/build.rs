//! Build script of the desktop shell: reads `tauri.conf.json` and the
//! capabilities, and declares the app's own commands so each must be
//! allowed explicitly (capabilities/main.json).

/// Turns the one command list (src/commands/list.rs) into `COMMANDS`.
macro_rules! kuzet_commands {
    ($($module:ident::$name:ident),* $(,)?) => {
        /// Every command of the shell, from src/commands/list.rs.
        const COMMANDS: &[&str] = &[$(stringify!($name)),*];
    };
}
include!("src/commands/list.rs");

fn main() {
    println!("cargo:rerun-if-changed=src/commands/list.rs");
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
