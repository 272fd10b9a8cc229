//! The kuzet-core integration tests: one binary, one module per area.

mod annual;
mod limits;
mod monthly;
mod overview;
mod prints;
mod problem;
mod publication;
mod seed_month;
mod summary;
mod translations;
mod vault;
mod xlsx_import;
