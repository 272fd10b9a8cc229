//! JSON documents stored in the vault (settings, drafts, preferences).

use super::conn::db;
use super::error::{Result, VaultError};
use super::history::{self, Entity, HistoryAction};
use super::Vault;
use chrono::Utc;
use rusqlite::OptionalExtension;
use serde::de::DeserializeOwned;
use serde::Serialize;

impl Vault {
    /// Reads the JSON document stored under `key` (org settings,
    /// `overview-draft/2024-05`, UI preferences, editor drafts…).
    ///
    /// # Errors
    /// DB errors; a stored document that does not deserialize into `T` is a
    /// [`VaultError::Db`] naming the key.
    pub fn get_document<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        let raw: Option<String> = self
            .conn
            .query_row("SELECT value FROM documents WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(db(format!("reading document {key:?}")))?;
        raw.map(|s| {
            serde_json::from_str(&s).map_err(|e| VaultError::Db {
                context: format!("reading document {key:?}"),
                source: rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)),
            })
        })
        .transpose()
    }

    /// Stores `value` as JSON under `key`, replacing what was there.
    ///
    /// # Errors
    /// DB errors (also when `value` cannot be serialized).
    pub fn put_document<T: Serialize>(&mut self, key: &str, value: &T) -> Result<()> {
        let json = document_json(key, value)?;
        self.put_documents(&[(key, json)])
    }

    /// Removes the document stored under `key`, returning whether there was
    /// one (e.g. a month's overview draft reset to the default).
    ///
    /// # Errors
    /// DB errors.
    pub fn delete_document(&mut self, key: &str) -> Result<bool> {
        let who = history::Who { actor: &self.actor, source: &self.source };
        let before = self.conn.total_changes();
        let tx = self.conn.transaction().map_err(db(format!("removing document {key:?}")))?;
        let old = stored(&tx, key)?;
        let n = tx
            .execute("DELETE FROM documents WHERE key = ?1", [key])
            .map_err(db(format!("removing document {key:?}")))?;
        if n > 0 && history::records_document(key) {
            let action = history::HistoryAction::Removed;
            history::record(
                &tx,
                &who,
                Utc::now(),
                Entity::Document,
                key.into(),
                None,
                action,
                old.as_ref(),
                None,
                false,
            )?;
        }
        tx.commit().map_err(db(format!("removing document {key:?}")))?;
        self.wrote_outside_cases(before);
        Ok(n > 0)
    }

    /// Stores several JSON documents (`(key, value)`, as made by
    /// `serde_json::to_value`) in one transaction: all of them or none, so
    /// settings spread over two documents are never half-saved.
    ///
    /// # Errors
    /// DB errors; nothing is written then.
    pub fn put_documents(&mut self, docs: &[(&str, serde_json::Value)]) -> Result<()> {
        let who = history::Who { actor: &self.actor, source: &self.source };
        let before = self.conn.total_changes();
        let at = Utc::now();
        let now = at.timestamp_nanos_opt().unwrap_or(0);
        let tx = self.conn.transaction().map_err(db("writing documents"))?;
        for (key, value) in docs {
            if history::records_document(key) {
                let old = stored(&tx, key)?;
                if old.as_ref() != Some(value) {
                    let action = if old.is_some() { HistoryAction::Updated } else { HistoryAction::Created };
                    let (entity, id) = (Entity::Document, key.to_string());
                    history::record(&tx, &who, at, entity, id, None, action, old.as_ref(), Some(value), false)?;
                }
            }
            tx.execute(
                "INSERT INTO documents (key, value, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                rusqlite::params![key, value.to_string(), now],
            )
            .map_err(db(format!("writing document {key:?}")))?;
        }
        tx.commit().map_err(db("writing documents"))?;
        self.wrote_outside_cases(before);
        Ok(())
    }
}

/// The JSON stored under `key`, if any (unreadable JSON counts as none).
fn stored(c: &rusqlite::Connection, key: &str) -> Result<Option<serde_json::Value>> {
    let raw: Option<String> = c
        .query_row("SELECT value FROM documents WHERE key = ?1", [key], |r| r.get(0))
        .optional()
        .map_err(db(format!("reading document {key:?}")))?;
    Ok(raw.and_then(|s| serde_json::from_str(&s).ok()))
}

/// `value` as a JSON document for [`Vault::put_documents`].
///
/// # Errors
/// [`VaultError::Db`] naming `key` when `value` cannot be serialized.
pub fn document_json<T: Serialize>(key: &str, value: &T) -> Result<serde_json::Value> {
    serde_json::to_value(value).map_err(|e| VaultError::Db {
        context: format!("writing document {key:?}"),
        source: rusqlite::Error::ToSqlConversionFailure(Box::new(e)),
    })
}
