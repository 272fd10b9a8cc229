//! End-to-end tests of the `kuzet` binary (being written).
