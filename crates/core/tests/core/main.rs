//! The kuzet-core integration tests: one binary, one module per area.

mod overview;
mod seed_month;
mod summary;
mod vault;
