//! The IPC protocol: the error type and the camelCase transport types that
//! cross between the Rust shell and the web UI.
//!
//! Core types are not wire types: every type here is converted from/into
//! `kuzet-core` types with `From`/`TryFrom`, and its TypeScript twin is
//! generated into `ui/src/lib/bindings/` by [`crate::bindings`].

mod app;
mod case;
mod error;
mod evidence;
mod exchange;
mod find;
mod import;
mod overview;
mod prints;
mod publication;
mod summary;
mod taxonomy;

pub use app::*;
pub use case::*;
pub use error::*;
pub use evidence::*;
pub use exchange::*;
pub use find::*;
pub use import::*;
pub use overview::*;
pub use prints::*;
pub use publication::*;
pub use summary::*;
pub use taxonomy::*;
