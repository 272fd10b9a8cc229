//! Shell integration tests: the commands through Tauri's IPC on the mock
//! runtime (no WebKit window), and the TypeScript bindings drift check.

mod bindings;
mod commands;
