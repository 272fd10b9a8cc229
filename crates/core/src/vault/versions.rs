//! Per-record versions: the change capture and merge rule of exchange
//! bundles ([`crate::exchange`]).
//!
//! Every history entry about a case, development or attachment gives the
//! record a new version id (the first 32 hex digits of the entry's hash),
//! written by [`advance`] inside [`super::history::append`], the one place
//! every change passes through. So "what changed since the last bundle" is
//! exact: the records whose head has a history seq above the peer's cursor,
//! never a guess from `updated_at`. A record also keeps every version id it
//! has had or merged in (`record_versions`): an incoming version already
//! known is old news, and an incoming version whose ancestors include the
//! local head is a fast-forward; anything else is a conflict.

use super::conn::db;
use super::error::Result;
use super::history::Entity;
use rusqlite::{Connection, OptionalExtension};

/// The current version of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Head {
    pub rev: String,
    pub seq: u64,
    pub from_peer: Option<String>,
}

/// Makes `rev` the record's current version after the local history entry
/// `seq` (a change made here: `from_peer` is cleared).
pub(crate) fn advance(c: &Connection, entity: Entity, id: &str, case_id: &str, rev: &str, seq: i64) -> Result<()> {
    let err = || db("recording a version");
    c.prepare_cached("INSERT OR IGNORE INTO record_versions (entity, entity_id, rev) VALUES (?1, ?2, ?3)")
        .and_then(|mut st| st.execute(rusqlite::params![entity.as_str(), id, rev]))
        .map_err(err())?;
    c.prepare_cached(
        "INSERT INTO record_heads (entity, entity_id, rev, case_id, seq, from_peer) VALUES (?1, ?2, ?3, ?4, ?5, NULL)
         ON CONFLICT (entity, entity_id) DO UPDATE SET rev = excluded.rev, case_id = excluded.case_id, seq = excluded.seq, from_peer = NULL",
    )
    .and_then(|mut st| st.execute(rusqlite::params![entity.as_str(), id, rev, case_id, seq]))
    .map_err(err())?;
    Ok(())
}

/// The record's current version, if it ever existed here.
pub(crate) fn head(c: &Connection, entity: Entity, id: &str) -> Result<Option<Head>> {
    c.prepare_cached("SELECT rev, seq, from_peer FROM record_heads WHERE entity = ?1 AND entity_id = ?2")
        .and_then(|mut st| {
            st.query_row(rusqlite::params![entity.as_str(), id], |r| {
                Ok(Head { rev: r.get(0)?, seq: r.get::<_, i64>(1)?.max(0) as u64, from_peer: r.get(2)? })
            })
            .optional()
        })
        .map_err(db("reading a version"))
}

/// Whether the record has had (or merged in) the version `rev`.
pub(crate) fn knows(c: &Connection, entity: Entity, id: &str, rev: &str) -> Result<bool> {
    c.prepare_cached("SELECT 1 FROM record_versions WHERE entity = ?1 AND entity_id = ?2 AND rev = ?3")
        .and_then(|mut st| st.exists(rusqlite::params![entity.as_str(), id, rev]))
        .map_err(db("reading a version"))
}

/// Every version the record has had or merged in except `head`, sorted:
/// the ancestors a bundle item carries.
pub(crate) fn ancestors(c: &Connection, entity: Entity, id: &str, head: &str) -> Result<Vec<String>> {
    let err = || db("reading the versions");
    let mut st = c
        .prepare_cached(
            "SELECT rev FROM record_versions WHERE entity = ?1 AND entity_id = ?2 AND rev <> ?3 ORDER BY rev",
        )
        .map_err(err())?;
    let rows = st.query_map(rusqlite::params![entity.as_str(), id, head], |r| r.get(0)).map_err(err())?;
    rows.collect::<rusqlite::Result<Vec<String>>>().map_err(err())
}

/// Adds versions known elsewhere to the record's known set (merged-in
/// ancestry), without changing its head.
pub(crate) fn learn<'a>(
    c: &Connection,
    entity: Entity,
    id: &str,
    revs: impl IntoIterator<Item = &'a str>,
) -> Result<()> {
    let mut st = c
        .prepare_cached("INSERT OR IGNORE INTO record_versions (entity, entity_id, rev) VALUES (?1, ?2, ?3)")
        .map_err(db("recording a version"))?;
    for rev in revs {
        st.execute(rusqlite::params![entity.as_str(), id, rev]).map_err(db("recording a version"))?;
    }
    Ok(())
}

/// After a change applied from `peer`'s bundle (recorded in the history,
/// which made a local version id): the record's head becomes the sender's
/// version `rev` instead, so both vaults name the same version the same
/// way, and the local id (known nowhere else) is dropped. `rev` and its
/// ancestors join the known set.
pub(crate) fn adopt(
    c: &Connection,
    entity: Entity,
    id: &str,
    rev: &str,
    ancestors: &[String],
    peer: &str,
) -> Result<()> {
    let err = || db("recording a version");
    if let Some(local) = head(c, entity, id)? {
        if local.rev != rev && !ancestors.contains(&local.rev) {
            // Made by this very apply (the history entry just written).
            c.prepare_cached("DELETE FROM record_versions WHERE entity = ?1 AND entity_id = ?2 AND rev = ?3")
                .and_then(|mut st| st.execute(rusqlite::params![entity.as_str(), id, local.rev]))
                .map_err(err())?;
        }
    }
    learn(c, entity, id, std::iter::once(rev).chain(ancestors.iter().map(String::as_str)))?;
    c.prepare_cached("UPDATE record_heads SET rev = ?3, from_peer = ?4 WHERE entity = ?1 AND entity_id = ?2")
        .and_then(|mut st| st.execute(rusqlite::params![entity.as_str(), id, rev, peer]))
        .map_err(err())?;
    Ok(())
}

/// Marks the record's current version as received from `peer` (it need
/// not be sent back there).
pub(crate) fn mark_from(c: &Connection, entity: Entity, id: &str, peer: &str) -> Result<()> {
    c.prepare_cached("UPDATE record_heads SET from_peer = ?3 WHERE entity = ?1 AND entity_id = ?2")
        .and_then(|mut st| st.execute(rusqlite::params![entity.as_str(), id, peer]))
        .map_err(db("recording a version"))?;
    Ok(())
}
