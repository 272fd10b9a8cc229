//! The bundle file: what is inside, and how it is sealed and opened.
//!
//! A bundle file is an [age](https://age-encryption.org/v1) file (binary,
//! X25519 recipient: the receiving vault's public identity). Its plaintext,
//! which never touches the disk, is:
//!
//! ```text
//! "KUZET-BUNDLE\0v1\n"           16 bytes
//! manifest length                 u64, little-endian, at most MAX_MANIFEST_BYTES
//! manifest                        JSON (Manifest)
//! signature                       64 bytes, Ed25519 by the sender over
//!                                 "kuzet-bundle-v1\0" ‖ manifest
//! attachment bytes                for each attachment item with a file, in
//!                                 order, exactly its size; checked against
//!                                 its SHA-256 in the (signed) manifest
//! ```
//!
//! age authenticates every 64 KiB chunk and the end of the stream, so a
//! changed or cut byte is caught; the signature names the sender and binds
//! the recipient's fingerprint, so a bundle re-encrypted by someone else to
//! another vault is refused there.

use super::identity::{Fingerprint, LocalIdentity, PublicIdentity};
use super::BundleError;
use crate::case::{AttachmentId, Case, CaseId, Development, DevelopmentId};
use crate::taxonomy::Taxonomy;
use chrono::{DateTime, Utc};
use ed25519_dalek::{Signature, Signer, Verifier};
use serde::{Deserialize, Serialize};
use std::io::{BufReader, Read, Write};

const MAGIC: &[u8; 16] = b"KUZET-BUNDLE\0v1\n";
const SIGN_CONTEXT: &[u8] = b"kuzet-bundle-v1\0";

/// The bundle format this build writes and reads.
pub const FORMAT: u32 = 1;

/// The largest manifest a bundle may carry, in bytes (about 100 000 cases).
pub const MAX_MANIFEST_BYTES: u64 = 512 << 20;

/// The signed table of contents of a bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`FORMAT`].
    pub format: u32,
    /// A random id; applying the same bundle again changes nothing.
    pub id: String,
    /// When it was made (UTC).
    pub created_at: DateTime<Utc>,
    /// The sending vault.
    pub sender: PublicIdentity,
    /// The fingerprint of the vault it is for.
    pub recipient: Fingerprint,
    /// The sender's history seq this bundle covers changes up to.
    pub through_seq: u64,
    /// The seq it covers changes after (the `through_seq` of the sender's
    /// previous bundle to this vault; 0 for a first or full bundle): a
    /// receiver that has not seen a bundle up to it knows one is missing.
    #[serde(default)]
    pub since_seq: u64,
    /// The sender's taxonomy, when headquarters sends it to a correspondent.
    #[serde(default)]
    pub taxonomy: Option<Taxonomy>,
    /// Cases: new, changed or deleted.
    #[serde(default)]
    pub cases: Vec<CaseItem>,
    /// Developments: new, changed or removed.
    #[serde(default)]
    pub developments: Vec<DevelopmentItem>,
    /// Attachments: added (their bytes follow the signature) or removed.
    #[serde(default)]
    pub attachments: Vec<AttachmentItem>,
}

/// One case's current version at the sender.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseItem {
    /// The case (same id in every vault).
    pub id: CaseId,
    /// Its version id at the sender.
    pub rev: String,
    /// Every earlier version the sender's copy includes.
    pub ancestors: Vec<String>,
    /// The case; `None`: deleted at the sender.
    pub case: Option<Case>,
}

/// One development's current version at the sender.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DevelopmentItem {
    /// The development.
    pub id: DevelopmentId,
    /// Its case.
    pub case_id: CaseId,
    /// Its version id at the sender.
    pub rev: String,
    /// Earlier versions.
    pub ancestors: Vec<String>,
    /// The development; `None`: removed at the sender.
    pub development: Option<Development>,
}

/// An attachment added or removed at the sender (attachments never change).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentItem {
    /// The attachment.
    pub id: AttachmentId,
    /// Its case.
    pub case_id: CaseId,
    /// The file; `None`: removed at the sender.
    pub file: Option<AttachmentFile>,
}

/// An attachment's record; its bytes follow in the bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentFile {
    /// Original file name.
    pub name: String,
    /// Media type.
    pub media_type: String,
    /// Size in bytes.
    pub size: u64,
    /// Hex SHA-256 of the bytes.
    pub sha256: String,
    /// When it was added at its origin (UTC).
    pub added_at: DateTime<Utc>,
    /// Who added it there.
    pub added_by: String,
}

/// Writes a sealed bundle to `out`: encrypted to `to`, signed by `me`.
/// `attachment` writes the bytes of the attachment with this id into the
/// given writer (called in manifest order, for items with a file).
pub(crate) fn seal<W: Write, E: From<std::io::Error> + From<BundleError>>(
    out: W,
    me: &LocalIdentity,
    to: &PublicIdentity,
    manifest: &Manifest,
    mut attachment: impl FnMut(&AttachmentItem, &mut dyn Write) -> Result<(), E>,
) -> Result<W, E> {
    let recipient = to.recipient()?;
    let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let mut w = encryptor.wrap_output(out)?;
    let json = serde_json::to_vec(manifest).map_err(std::io::Error::other)?;
    let mut signed = Vec::with_capacity(SIGN_CONTEXT.len() + json.len());
    signed.extend_from_slice(SIGN_CONTEXT);
    signed.extend_from_slice(&json);
    let signature = me.sign.sign(&signed);
    drop(signed);
    w.write_all(MAGIC)?;
    w.write_all(&(json.len() as u64).to_le_bytes())?;
    w.write_all(&json)?;
    w.write_all(&signature.to_bytes())?;
    for item in manifest.attachments.iter().filter(|a| a.file.is_some()) {
        attachment(item, &mut w)?;
    }
    Ok(w.finish()?)
}

/// An opened bundle: the verified manifest, and the decrypting reader
/// positioned at the first attachment's bytes.
pub(crate) struct Opened<R: Read> {
    pub manifest: Manifest,
    pub rest: age::stream::StreamReader<BufReader<R>>,
}

/// A decryption stream's error: an early end is truncation, the rest
/// tampering.
pub(crate) fn stream_error(e: std::io::Error) -> BundleError {
    if e.kind() == std::io::ErrorKind::UnexpectedEof {
        BundleError::Truncated
    } else {
        BundleError::Tampered
    }
}

/// Reads exactly `buf.len()` plaintext bytes.
pub(crate) fn read_exact(r: &mut impl Read, buf: &mut [u8]) -> Result<(), BundleError> {
    r.read_exact(buf).map_err(stream_error)
}

/// Decrypts and verifies a bundle up to its attachments: the file is an
/// age file for `me`, its manifest is signed by the key it names and is for
/// `me`. Whether that sender is trusted is the caller's question.
///
/// # Errors
/// [`BundleError::NotABundle`], [`BundleError::WrongRecipient`],
/// [`BundleError::Tampered`], [`BundleError::Truncated`],
/// [`BundleError::NewerFormat`], I/O errors of `file` as `Io`.
pub(crate) fn open<R: Read>(file: R, me: &LocalIdentity) -> Result<Opened<R>, BundleError> {
    use age::DecryptError as D;
    // age reads its header line by line: a file of zeros (or /dev/zero)
    // would be one endless line. Its first bytes say whether it is an age
    // file at all.
    const AGE_MAGIC: &[u8] = b"age-encryption.org/v1\n";
    let mut input = BufReader::new(file);
    let head = std::io::BufRead::fill_buf(&mut input).map_err(|e| BundleError::Io(e.to_string()))?;
    if !head.starts_with(AGE_MAGIC) {
        return Err(if head.len() < AGE_MAGIC.len() && AGE_MAGIC.starts_with(head) && !head.is_empty() {
            BundleError::Truncated
        } else {
            BundleError::NotABundle
        });
    }
    let decryptor = age::Decryptor::new_buffered(input).map_err(|e| match e {
        D::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => BundleError::Truncated,
        D::Io(e) => BundleError::Io(e.to_string()),
        D::UnknownFormat => BundleError::NotABundle,
        _ => BundleError::NotABundle,
    })?;
    let mut rest = decryptor.decrypt(std::iter::once(&me.decrypt as &dyn age::Identity)).map_err(|e| match e {
        D::NoMatchingKeys => BundleError::WrongRecipient,
        D::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => BundleError::Truncated,
        _ => BundleError::Tampered,
    })?;
    let mut magic = [0u8; 16];
    read_exact(&mut rest, &mut magic)?;
    if &magic != MAGIC {
        return Err(if magic.starts_with(b"KUZET-BUNDLE\0v") {
            BundleError::NewerFormat
        } else {
            BundleError::NotABundle
        });
    }
    let mut len = [0u8; 8];
    read_exact(&mut rest, &mut len)?;
    let len = u64::from_le_bytes(len);
    if len > MAX_MANIFEST_BYTES {
        return Err(BundleError::Tampered);
    }
    let mut signed = Vec::with_capacity(SIGN_CONTEXT.len() + len as usize);
    signed.extend_from_slice(SIGN_CONTEXT);
    signed.resize(SIGN_CONTEXT.len() + len as usize, 0);
    read_exact(&mut rest, &mut signed[SIGN_CONTEXT.len()..])?;
    let mut sig = [0u8; 64];
    read_exact(&mut rest, &mut sig)?;
    let json = &signed[SIGN_CONTEXT.len()..];
    // Only the sender's key is read before the signature is checked.
    #[derive(Deserialize)]
    struct Head {
        format: u32,
        sender: PublicIdentity,
    }
    let head: Head = serde_json::from_slice(json).map_err(|_| BundleError::Tampered)?;
    if head.format > FORMAT {
        return Err(BundleError::NewerFormat);
    }
    let key = head.sender.verifying_key().map_err(|_| BundleError::Tampered)?;
    key.verify(&signed, &Signature::from_bytes(&sig)).map_err(|_| BundleError::Tampered)?;
    let manifest: Manifest = serde_json::from_slice(json).map_err(|_| BundleError::Tampered)?;
    if manifest.recipient != me.public().fingerprint() {
        return Err(BundleError::WrongRecipient);
    }
    Ok(Opened { manifest, rest })
}

/// Reads the end of the plaintext: nothing may follow the last attachment,
/// and reaching the end is what lets age check the final chunk (a bundle
/// cut at a chunk boundary fails here).
pub(crate) fn finish(rest: &mut impl Read) -> Result<(), BundleError> {
    let mut byte = [0u8; 1];
    match rest.read(&mut byte) {
        Ok(0) => Ok(()),
        Ok(_) => Err(BundleError::Tampered),
        Err(e) => Err(stream_error(e)),
    }
}
