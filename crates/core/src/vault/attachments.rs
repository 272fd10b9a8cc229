//! Attachments: evidence files of a case (photos, scans, audio, video,
//! documents), stored inside the encrypted vault.
//!
//! **Inside the vault, in chunks.** The bytes live in the SQLCipher file
//! itself, in rows of at most [`CHUNK_BYTES`] (`attachment_chunks`), so a
//! backup, a re-key and a copy of the vault file carry them with no second
//! file to forget, and adding or extracting streams through a buffer of one
//! chunk (memory stays flat for a 2 GB file). Adding is one transaction: a
//! crash midway is rolled back by SQLite on the next open (its journal
//! holds encrypted pages only), leaving no half attachment and no temporary
//! file. The measured cost is in docs/PERFORMANCE.md.
//!
//! **Hashes.** Intake records the SHA-256 of the original bytes, the size,
//! the original name and the media type (from the first bytes). Every read
//! (extraction, a thumbnail, [`Vault::verify`]) hashes the bytes again and
//! refuses with [`VaultError::Corrupt`] when they no longer match.

use super::conn::{db, io};
use super::error::{Result, VaultError};
use super::history::{self, AttachmentProblem, Entity, HistoryAction};
use super::{store, Vault};
use crate::case::{AttachmentId, CaseId};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The largest attachment: 2 GiB.
pub const MAX_ATTACHMENT_BYTES: u64 = 2 << 30;
/// The size of one stored chunk: 1 MiB.
pub const CHUNK_BYTES: usize = 1 << 20;
/// The largest image a thumbnail or a publication copy is made of, in
/// bytes (64 MiB): both are made in memory.
pub const MAX_IMAGE_BYTES: u64 = 64 << 20;
/// The longest side of a thumbnail, in pixels.
pub const THUMBNAIL_PX: u32 = 160;

/// An attachment's record (its bytes are read by [`Vault::extract_attachment`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// Its id.
    pub id: AttachmentId,
    /// The case it belongs to.
    pub case_id: CaseId,
    /// The original file name (NFC).
    pub name: String,
    /// The media type recognised from the first bytes (`image/jpeg`,
    /// `application/pdf`…; `application/octet-stream` when unknown).
    pub media_type: String,
    /// Size in bytes.
    pub size: u64,
    /// Hex SHA-256 of the original bytes, recorded at intake.
    pub sha256: String,
    /// When it was added (UTC).
    pub added_at: DateTime<Utc>,
    /// Who added it (empty when no staff name was set).
    pub added_by: String,
}

impl Attachment {
    /// Whether Kuzet can make a thumbnail and a publication copy of it
    /// (JPEG, PNG, WebP; GIF for thumbnails only).
    pub fn is_image(&self) -> bool {
        matches!(self.media_type.as_str(), "image/jpeg" | "image/png" | "image/webp" | "image/gif")
    }
}

/// What an extraction wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    /// The file written.
    pub path: PathBuf,
    /// Bytes written.
    pub size: u64,
    /// The SHA-256 of the stored original, checked while reading it.
    pub sha256: String,
    /// Whether EXIF/XMP metadata (GPS position, camera, time) was left out
    /// (a copy for publication); the stored original keeps its hash.
    pub metadata_stripped: bool,
}

const COLS: &str = "id, case_id, name, media_type, size, sha256, added_at, added_by";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Attachment> {
    from_row_at(r, 0)
}

/// An attachment from the [`COLS`] starting at column `at`.
fn from_row_at(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Attachment> {
    let conv = |i: usize, e: uuid::Error| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    };
    Ok(Attachment {
        id: r.get::<_, String>(at)?.parse().map_err(|e| conv(at, e))?,
        case_id: r.get::<_, String>(at + 1)?.parse().map_err(|e| conv(at + 1, e))?,
        name: r.get(at + 2)?,
        media_type: r.get(at + 3)?,
        size: r.get::<_, i64>(at + 4)?.max(0) as u64,
        sha256: r.get(at + 5)?,
        added_at: DateTime::from_timestamp_nanos(r.get(at + 6)?),
        added_by: r.get(at + 7)?,
    })
}

fn not_found(id: AttachmentId) -> VaultError {
    VaultError::NotFound { what: format!("attachment {id}") }
}

fn too_large(name: &str) -> VaultError {
    VaultError::TooLarge { what: format!("attachment {name:?}"), max_bytes: MAX_ATTACHMENT_BYTES }
}

fn record_of(c: &Connection, id: AttachmentId) -> Result<(i64, Attachment)> {
    c.query_row(&format!("SELECT seq, {COLS} FROM attachments WHERE id = ?1"), [id.to_string()], |r| {
        Ok((r.get(0)?, from_row_at(r, 1)?))
    })
    .optional()
    .map_err(db("reading an attachment"))?
    .ok_or_else(|| not_found(id))
}

/// Why an extraction (or a bundle's writing) stopped: the file system, or
/// the vault (a corrupt attachment among them).
pub(crate) enum Failed {
    Io(std::io::Error),
    Vault(VaultError),
}

impl From<std::io::Error> for Failed {
    fn from(e: std::io::Error) -> Self {
        Failed::Io(e)
    }
}

impl From<VaultError> for Failed {
    fn from(e: VaultError) -> Self {
        Failed::Vault(e)
    }
}

impl From<crate::exchange::BundleError> for Failed {
    fn from(e: crate::exchange::BundleError) -> Self {
        Failed::Vault(VaultError::Bundle(e))
    }
}

/// Reads up to `buf.len()` bytes, fewer only at the end of `r`.
fn fill(r: &mut dyn Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// The attachment's JSON for the history (no bytes).
fn history_json(a: &Attachment) -> serde_json::Value {
    serde_json::json!({ "name": a.name, "media_type": a.media_type, "size": a.size, "sha256": a.sha256 })
}

/// Who added an attachment and when: here and now, or at another vault
/// (an attachment received in a bundle keeps its id and intake).
pub(crate) struct Intake<'a> {
    pub id: AttachmentId,
    pub added_at: DateTime<Utc>,
    pub added_by: &'a str,
}

/// Streams one attachment into the open transaction `c`.
pub(crate) fn add_in(
    c: &Connection,
    who: &history::Who<'_>,
    case: CaseId,
    name: &str,
    reader: &mut dyn Read,
    now: DateTime<Utc>,
    intake: Option<Intake<'_>>,
) -> Result<Attachment> {
    let name = crate::text::nfc(name.trim());
    let intake = intake.unwrap_or(Intake { id: AttachmentId::new(), added_at: now, added_by: who.actor });
    let id = intake.id;
    let err = || db("adding an attachment");
    c.execute(
        "INSERT INTO attachments (id, case_id, name, media_type, size, sha256, added_at, added_by)
         VALUES (?1, ?2, ?3, '', 0, '', ?4, ?5)",
        rusqlite::params![
            id.to_string(),
            case.to_string(),
            name,
            intake.added_at.timestamp_nanos_opt().unwrap_or(0),
            intake.added_by
        ],
    )
    .map_err(err())?;
    let seq = c.last_insert_rowid();
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; CHUNK_BYTES];
    let (mut size, mut n, mut media_type) = (0u64, 0i64, None);
    let mut insert =
        c.prepare_cached("INSERT INTO attachment_chunks (attachment, n, data) VALUES (?1, ?2, ?3)").map_err(err())?;
    loop {
        let k = fill(reader, &mut buf).map_err(io(format!("reading {name:?}")))?;
        if k == 0 {
            break;
        }
        size += k as u64;
        if size > MAX_ATTACHMENT_BYTES {
            return Err(too_large(&name));
        }
        let chunk = &buf[..k];
        if media_type.is_none() {
            media_type = Some(infer::get(chunk).map_or("application/octet-stream", |t| t.mime_type()));
        }
        hasher.update(chunk);
        insert.execute(rusqlite::params![seq, n, chunk]).map_err(err())?;
        n += 1;
    }
    let attachment = Attachment {
        id,
        case_id: case,
        name,
        media_type: media_type.unwrap_or("application/octet-stream").to_string(),
        size,
        sha256: history::hex(&hasher.finalize()),
        added_at: intake.added_at,
        added_by: intake.added_by.to_string(),
    };
    c.execute(
        "UPDATE attachments SET media_type = ?2, size = ?3, sha256 = ?4 WHERE seq = ?1",
        rusqlite::params![seq, attachment.media_type, size as i64, attachment.sha256],
    )
    .map_err(err())?;
    let json = history_json(&attachment);
    history::record(
        c,
        who,
        now,
        Entity::Attachment,
        id.to_string(),
        Some(case),
        HistoryAction::Created,
        None,
        Some(&json),
        false,
    )?;
    Ok(attachment)
}

/// Streams the chunks of the attachment `seq` to `sink`, hashing them;
/// returns the size and hex SHA-256 of what was read. A missing chunk (a
/// gap in the numbering) is [`VaultError::Corrupt`].
fn read_chunks(
    c: &Connection,
    seq: i64,
    what: &str,
    mut sink: impl FnMut(&[u8]) -> Result<()>,
) -> Result<(u64, String)> {
    let err = || db(format!("reading {what}"));
    let mut st =
        c.prepare_cached("SELECT n, data FROM attachment_chunks WHERE attachment = ?1 ORDER BY n").map_err(err())?;
    let mut rows = st.query([seq]).map_err(err())?;
    let (mut hasher, mut size, mut expected) = (Sha256::new(), 0u64, 0i64);
    while let Some(row) = rows.next().map_err(err())? {
        let n: i64 = row.get(0).map_err(err())?;
        if n != expected {
            return Err(VaultError::Corrupt { what: format!("{what}: part {expected} of its bytes is missing") });
        }
        let data = row.get_ref(1).map_err(err())?.as_blob().map_err(|e| db(format!("reading {what}"))(e.into()))?;
        hasher.update(data);
        size += data.len() as u64;
        sink(data)?;
        expected += 1;
    }
    Ok((size, history::hex(&hasher.finalize())))
}

fn mismatch(a: &Attachment, size: u64, sha: &str) -> Option<String> {
    if size != a.size {
        Some(format!("its stored bytes are {size} bytes long, {} were recorded", a.size))
    } else if sha != a.sha256 {
        Some(format!(
            "its stored bytes no longer match the SHA-256 recorded when it was added ({} ≠ {})",
            short(sha),
            short(&a.sha256)
        ))
    } else {
        None
    }
}

fn short(sha: &str) -> &str {
    sha.get(..12).unwrap_or(sha)
}

fn corrupt(a: &Attachment, why: String) -> VaultError {
    VaultError::Corrupt { what: format!("attachment {:?} of case {}: {why}", a.name, a.case_id) }
}

/// Every attachment's bytes, hashed again: how many were read, and which do
/// not match.
pub(crate) fn verify_all(c: &Connection) -> Result<(u64, Vec<AttachmentProblem>)> {
    let mut st =
        c.prepare(&format!("SELECT seq, {COLS} FROM attachments ORDER BY seq")).map_err(db("reading attachments"))?;
    let list = st
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, from_row_at(r, 1)?)))
        .map_err(db("reading attachments"))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(db("reading attachments"))?;
    let mut problems = Vec::new();
    for (seq, a) in &list {
        let problem = match read_chunks(c, *seq, "an attachment", |_| Ok(())) {
            Ok((size, sha)) => mismatch(a, size, &sha),
            Err(VaultError::Corrupt { what }) => Some(what),
            Err(e) => return Err(e),
        };
        if let Some(problem) = problem {
            problems.push(AttachmentProblem {
                id: a.id.to_string(),
                case_id: a.case_id.to_string(),
                name: a.name.clone(),
                problem,
            });
        }
    }
    Ok((list.len() as u64, problems))
}

impl Vault {
    /// Adds files to a case as attachments, all or none (one transaction),
    /// streaming each in chunks; records each in the history.
    ///
    /// # Errors
    /// [`VaultError::NotFound`] (no such case), [`VaultError::Io`] naming
    /// the file that cannot be read, [`VaultError::TooLarge`] over
    /// [`MAX_ATTACHMENT_BYTES`], DB errors. Nothing is stored then.
    pub fn add_attachments(&mut self, case: CaseId, files: &[PathBuf], now: DateTime<Utc>) -> Result<Vec<Attachment>> {
        let who = history::Who { actor: &self.actor, source: &self.source };
        let before = self.conn.total_changes();
        let tx = self.conn.transaction().map_err(db("adding an attachment"))?;
        if store::case_seq(&tx, case)?.is_none() {
            return Err(store::case_not_found(case));
        }
        let mut added = Vec::with_capacity(files.len());
        for path in files {
            let shown = path.display().to_string();
            let meta = std::fs::metadata(path).map_err(io(format!("reading {shown}")))?;
            if !meta.is_file() {
                return Err(VaultError::Io {
                    context: format!("reading {shown}"),
                    source: std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a regular file"),
                });
            }
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| shown.clone());
            if meta.len() > MAX_ATTACHMENT_BYTES {
                return Err(too_large(&name));
            }
            let mut file = std::fs::File::open(path).map_err(io(format!("reading {shown}")))?;
            added.push(add_in(&tx, &who, case, &name, &mut file, now, None)?);
        }
        tx.commit().map_err(db("adding an attachment"))?;
        self.wrote_outside_cases(before);
        Ok(added)
    }

    /// Adds one attachment named `name` from `reader` (streamed).
    ///
    /// # Errors
    /// As [`Vault::add_attachments`].
    pub fn add_attachment_from(
        &mut self,
        case: CaseId,
        name: &str,
        reader: &mut dyn Read,
        now: DateTime<Utc>,
    ) -> Result<Attachment> {
        let who = history::Who { actor: &self.actor, source: &self.source };
        let before = self.conn.total_changes();
        let tx = self.conn.transaction().map_err(db("adding an attachment"))?;
        if store::case_seq(&tx, case)?.is_none() {
            return Err(store::case_not_found(case));
        }
        let a = add_in(&tx, &who, case, name, reader, now, None)?;
        tx.commit().map_err(db("adding an attachment"))?;
        self.wrote_outside_cases(before);
        Ok(a)
    }

    /// The attachments of a case (also of a case in the trash), in the
    /// order they were added.
    ///
    /// # Errors
    /// DB errors.
    pub fn attachments(&self, case: CaseId) -> Result<Vec<Attachment>> {
        let mut st = self
            .conn
            .prepare_cached(&format!("SELECT {COLS} FROM attachments WHERE case_id = ?1 ORDER BY added_at, seq"))
            .map_err(db("reading attachments"))?;
        let rows = st.query_map([case.to_string()], from_row).map_err(db("reading attachments"))?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db("reading attachments"))
    }

    /// The attachment with `id`.
    ///
    /// # Errors
    /// [`VaultError::NotFound`], DB errors.
    pub fn attachment(&self, id: AttachmentId) -> Result<Attachment> {
        record_of(&self.conn, id).map(|(_, a)| a)
    }

    /// Writes the original bytes of an attachment to `out` (through a
    /// partial file renamed into place, owner-only), hashing them on the
    /// way: the file appears only when its SHA-256 matches the one recorded
    /// at intake. The caller checks `out` first
    /// ([`crate::transfer::check_output_path`]).
    ///
    /// # Errors
    /// [`VaultError::NotFound`]; [`VaultError::Corrupt`] when the stored bytes
    /// no longer match (nothing is left at `out`); [`VaultError::Io`]; DB
    /// errors.
    pub fn extract_attachment(&self, id: AttachmentId, out: &Path) -> Result<Extracted> {
        let (seq, a) = record_of(&self.conn, id)?;
        let what = format!("attachment {:?}", a.name);
        let context = || format!("writing {}", out.display());
        crate::transfer::write_atomically_with(out, |file: &mut std::fs::File| -> std::result::Result<(), Failed> {
            let mut w = std::io::BufWriter::with_capacity(CHUNK_BYTES, file);
            let (size, sha) = read_chunks(&self.conn, seq, &what, |bytes| w.write_all(bytes).map_err(io(context())))?;
            w.flush()?;
            match mismatch(&a, size, &sha) {
                Some(why) => Err(Failed::Vault(corrupt(&a, why))),
                None => Ok(()),
            }
        })
        .map_err(|e| match e {
            Failed::Vault(e) => e,
            Failed::Io(source) => VaultError::Io { context: context(), source },
        })?;
        Ok(Extracted { path: out.to_path_buf(), size: a.size, sha256: a.sha256, metadata_stripped: false })
    }

    /// The verified bytes of an image attachment (at most
    /// [`MAX_IMAGE_BYTES`]), in memory.
    fn image_bytes(&self, id: AttachmentId) -> Result<(Attachment, Vec<u8>)> {
        let (seq, a) = record_of(&self.conn, id)?;
        if !a.is_image() || a.size > MAX_IMAGE_BYTES {
            return Err(VaultError::NotAnImage { what: format!("attachment {:?} ({})", a.name, a.media_type) });
        }
        let mut bytes = Vec::with_capacity(a.size as usize);
        let (size, sha) = read_chunks(&self.conn, seq, "an attachment", |b| {
            bytes.extend_from_slice(b);
            Ok(())
        })?;
        if let Some(why) = mismatch(&a, size, &sha) {
            return Err(corrupt(&a, why));
        }
        Ok((a, bytes))
    }

    /// A PNG thumbnail of an image attachment, at most [`THUMBNAIL_PX`] on
    /// its longest side, made in memory (never written anywhere); `None`
    /// when the attachment is not an image Kuzet reads or cannot be decoded.
    ///
    /// # Errors
    /// [`VaultError::NotFound`], [`VaultError::Corrupt`], DB errors.
    pub fn attachment_thumbnail(&self, id: AttachmentId) -> Result<Option<Vec<u8>>> {
        let (_, bytes) = match self.image_bytes(id) {
            Ok(x) => x,
            Err(VaultError::NotAnImage { .. }) => return Ok(None),
            Err(e) => return Err(e),
        };
        Ok(crate::evidence::thumbnail_png(&bytes, THUMBNAIL_PX))
    }

    /// Writes a copy of an image attachment meant for publication: the same
    /// picture without its EXIF and XMP metadata (GPS position, camera,
    /// time, which can endanger a source), not re-encoded. The stored
    /// original and its SHA-256 stay as they are.
    ///
    /// # Errors
    /// [`VaultError::NotAnImage`] (not JPEG, PNG or WebP, or over
    /// [`MAX_IMAGE_BYTES`]), [`VaultError::Corrupt`], [`VaultError::Io`], DB
    /// errors.
    pub fn extract_attachment_for_publication(&self, id: AttachmentId, out: &Path) -> Result<Extracted> {
        let (a, bytes) = self.image_bytes(id)?;
        let stripped = crate::evidence::strip_metadata(&bytes, &a.media_type)
            .ok_or_else(|| VaultError::NotAnImage { what: format!("attachment {:?} ({})", a.name, a.media_type) })?;
        crate::transfer::write_atomically(out, &stripped).map_err(io(format!("writing {}", out.display())))?;
        Ok(Extracted {
            path: out.to_path_buf(),
            size: stripped.len() as u64,
            sha256: a.sha256,
            metadata_stripped: true,
        })
    }

    /// Removes an attachment for good (its record and bytes); the history
    /// keeps its name, size and SHA-256.
    ///
    /// # Errors
    /// [`VaultError::NotFound`], DB errors.
    pub fn remove_attachment(&mut self, id: AttachmentId, now: DateTime<Utc>) -> Result<()> {
        let who = history::Who { actor: &self.actor, source: &self.source };
        let before = self.conn.total_changes();
        let tx = self.conn.transaction().map_err(db("removing an attachment"))?;
        remove_in(&tx, &who, id, now)?;
        tx.commit().map_err(db("removing an attachment"))?;
        self.wrote_outside_cases(before);
        Ok(())
    }
}

/// Removes the attachment `id` inside the open transaction `c`, recorded.
pub(crate) fn remove_in(c: &Connection, who: &history::Who<'_>, id: AttachmentId, now: DateTime<Utc>) -> Result<()> {
    let (seq, a) = record_of(c, id)?;
    c.execute("DELETE FROM attachments WHERE seq = ?1", [seq]).map_err(db("removing an attachment"))?;
    let json = history_json(&a);
    history::record(
        c,
        who,
        now,
        Entity::Attachment,
        id.to_string(),
        Some(a.case_id),
        HistoryAction::Removed,
        Some(&json),
        None,
        false,
    )?;
    Ok(())
}

/// The attachments of `case` (inside a transaction), in the order added.
pub(crate) fn list_in(c: &Connection, case: CaseId) -> Result<Vec<Attachment>> {
    let err = || db("reading the attachments");
    let mut st =
        c.prepare_cached(&format!("SELECT {COLS} FROM attachments WHERE case_id = ?1 ORDER BY seq")).map_err(err())?;
    let rows = st.query_map([case.to_string()], from_row).map_err(err())?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(err())
}

/// The attachment `id`, if it is stored (inside a transaction).
pub(crate) fn find_in(c: &Connection, id: AttachmentId) -> Result<Option<Attachment>> {
    match record_of(c, id) {
        Ok((_, a)) => Ok(Some(a)),
        Err(VaultError::NotFound { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Streams the bytes of the attachment `id` to `out`, checking them
/// against its recorded SHA-256 and size.
///
/// # Errors
/// [`VaultError::Corrupt`] on a mismatch, I/O errors of `out`, DB errors.
pub(crate) fn copy_bytes(c: &Connection, id: AttachmentId, out: &mut dyn std::io::Write) -> Result<()> {
    let (seq, a) = record_of(c, id)?;
    let what = format!("attachment {:?}", a.name);
    let (size, sha) = read_chunks(c, seq, &what, |chunk| {
        out.write_all(chunk).map_err(io(format!("writing {what} into the bundle")))
    })?;
    match mismatch(&a, size, &sha) {
        Some(why) => Err(corrupt(&a, why)),
        None => Ok(()),
    }
}
