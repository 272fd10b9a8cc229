//! The demo vault: a vault filled from the May 2024 fixture
//! (`tests/fixtures/may-2024.csv`, built from the foundation's published
//! overview of May 2024), so the app and the overview can be tried without
//! real case files. `kuzet demo` and the app's run command use it.

use super::{import_csv, ImportOptions, TransferError};
use crate::vault::{ImportSummary, Passphrase, Vault};
use chrono::{DateTime, Utc};
use std::path::Path;

/// The passphrase of demo vaults created by `kuzet demo` unless
/// `KUZET_PASSPHRASE` is set: `demo`. Never use a demo vault for real cases.
pub const DEMO_PASSPHRASE: &str = "demo";

/// The fixture, compiled in: May 2024 with the published headline counts
/// (journalists 22, information 13 of which 10 refusals, claims 10: 1
/// criminal, 6 civil, 3 administrative), plus April 2024 and May 2023 cases,
/// context events and uncounted developments. See `tests/fixtures/README.md`.
pub const FIXTURE_CSV: &str = include_str!("../../../../tests/fixtures/may-2024.csv");

/// Creates a vault at `path` encrypted with `passphrase` and imports
/// [`FIXTURE_CSV`] into it; `now` (UTC) is recorded as the records' creation
/// time. Returns the open vault and what was imported.
///
/// # Errors
/// [`crate::vault::VaultError::AlreadyExists`] (as [`TransferError::Vault`])
/// when something exists at `path`; other vault errors. If the import fails
/// the new vault file is removed again.
pub fn create_demo_vault(
    path: &Path,
    passphrase: &Passphrase,
    now: DateTime<Utc>,
) -> Result<(Vault, ImportSummary), TransferError> {
    let mut vault = Vault::create(path, passphrase)?;
    match import_csv(
        &mut vault,
        FIXTURE_CSV.as_bytes(),
        ImportOptions { origin: "the May 2024 demo fixture".into(), ..Default::default() },
        now,
    ) {
        Ok(summary) => Ok((vault, summary)),
        Err(e) => {
            drop(vault);
            let _ = std::fs::remove_file(path);
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxonomy::Taxonomy;
    use crate::vault::ImportItem;

    #[test]
    fn the_fixture_parses_against_the_bundled_taxonomy() {
        let items = super::super::parse_csv(FIXTURE_CSV.as_bytes(), &Taxonomy::bundled())
            .unwrap_or_else(|e| panic!("the fixture must be valid: {e}"));
        let count = |cat: &str| {
            items
                .iter()
                .filter(|(_, i)| {
                    matches!(i, ImportItem::Case(c) if c.category.as_str().starts_with(cat)
                    && c.event_date.format("%Y-%m").to_string() == "2024-05")
                })
                .count()
        };
        assert_eq!(count("journalists."), 22, "published: 22 violations of journalists' rights in May 2024");
        assert_eq!(count("information."), 13, "published: 13 on the right to information");
        assert_eq!(count("information.refusal"), 10, "published: 10 refusals");
        assert_eq!(count("claims."), 10, "published: 10 claims");
        assert_eq!(count("claims.criminal"), 1);
        assert_eq!(count("claims.civil"), 6);
        assert_eq!(count("claims.administrative"), 3);
        assert_eq!(count("journalists.interference"), 5, "published: 5 interference cases");
    }
}
