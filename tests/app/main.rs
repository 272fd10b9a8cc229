//! Shell integration tests: the commands through Tauri's IPC on the mock
//! runtime (no WebKit window), the TypeScript bindings drift check and the
//! command surface (capability and generated client follow src/commands/list.rs).

mod bindings;
mod commands;
mod evidence;
mod exchange;
mod fixtures;
mod import;
mod prints;
mod signatures;
mod surface;
