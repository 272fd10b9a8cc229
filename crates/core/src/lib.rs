//! `kuzet-core`: everything Kuzet knows about press-freedom monitoring.
//!
//! Cases and developments ([`case`]), the category tree and other code lists
//! ([`taxonomy`]), months in Kazakhstan's calendar ([`month`]), text folding
//! and collation ([`text`]), the encrypted store ([`vault`]), counting
//! ([`summary`]), the monthly overview ([`overview`]) and safe publication
//! ([`publication`]: private names kept out of public documents).
//!
//! This crate knows nothing about Tauri, WebKit, JSON-over-IPC or the command
//! line: the desktop shell and the `kuzet` CLI are thin adapters over it.
#![deny(missing_docs)]

pub mod annual;
pub mod case;
pub mod codes;
pub mod duplicates;
pub mod evidence;
pub mod exchange;
pub mod lang;
pub mod leftover;
pub mod month;
pub mod monthly;
pub mod overview;
pub mod prints;
pub mod problem;
pub mod publication;
pub mod summary;
pub mod taxonomy;
pub mod text;
pub mod transfer;
pub mod vault;
