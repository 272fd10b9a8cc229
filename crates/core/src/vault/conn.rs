//! Opening the SQLCipher file: lock, header checks, key, schema.

use super::error::{Result, VaultError};
use super::Passphrase;
use rusqlite::{Connection, ErrorCode, OpenFlags};
use rusqlite_migration::{Migrations, M};
use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// `PRAGMA application_id` of a Kuzet vault: "KUZT".
pub(crate) const APPLICATION_ID: i32 = 0x4B55_5A54;

/// SQLCipher 4's page size; a vault file is always a whole number of pages.
const PAGE_SIZE: u64 = 4096;

/// The schema migrations, append-only. The schema version of a vault
/// (`PRAGMA user_version`) is the number of migrations applied.
const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("../../migrations/0001_initial.sql")),
    M::up(include_str!("../../migrations/0002_evidence.sql")),
    M::up(include_str!("../../migrations/0003_exchange.sql")),
];

/// The newest schema version this build knows.
pub(crate) fn supported_version() -> i64 {
    MIGRATIONS.len() as i64
}

pub(crate) fn db(context: impl Into<String>) -> impl FnOnce(rusqlite::Error) -> VaultError {
    let context = context.into();
    move |source| VaultError::Db { context, source }
}

pub(crate) fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> VaultError {
    let context = context.into();
    move |source| VaultError::Io { context, source }
}

/// The advisory locks held while a vault is open: one on its name, one on
/// the file itself.
///
/// The name lock is `<vault>.lock` next to the vault's canonical path: a
/// sidecar (holding no data) rather than the database file itself, so it
/// never interferes with SQLite's own byte-range locks (on Windows a
/// whole-file lock on the database would block SQLite's reads), survives the
/// file being replaced by a re-key, and works within one process too (each
/// open has its own file handle, and `flock`/`LockFileEx` locks belong to the
/// handle). The lock file is never deleted: deleting lock files races with
/// another program that is just opening it.
///
/// The identity lock ([`lock_identity`]) catches a second name of the same
/// file (a hard link, which the canonical path does not reveal).
pub(crate) struct VaultLock {
    _file: File,
    identity: Option<File>,
}

impl VaultLock {
    /// Takes the identity lock of the file that now carries the vault's
    /// name (after a re-key renamed a new file in), releasing the old one.
    pub(crate) fn replace_identity(&mut self, identity: Option<File>) {
        self.identity = identity;
    }
}

/// Locks the identity of the file at `path` (not its name), so a hard link
/// to a vault in use is in use too.
///
/// On Linux, an `flock` on the database file itself: Linux keeps `flock`
/// locks apart from the POSIX byte-range locks SQLite takes, so neither
/// disturbs the other. On other Unix systems (where the two kinds of lock
/// may interact), an `flock` on `kuzet-<device>-<inode>.lock` in the user's
/// temporary folder, named by the file's identity. On Windows there is no
/// identity lock (only the name lock): hard links there are rare and
/// `LockFileEx` on the database would block SQLite.
///
/// # Errors
/// [`VaultError::InUse`] when another open holds it; a file system that
/// cannot lock at all gives no identity lock (`None`), never an error.
pub(crate) fn lock_identity(path: &Path, shown: &Path) -> Result<Option<File>> {
    #[cfg(unix)]
    {
        let file = if cfg!(target_os = "linux") { File::open(path) } else { identity_lock_file(path) };
        let Ok(file) = file else { return Ok(None) };
        match file.try_lock() {
            Ok(()) => Ok(Some(file)),
            Err(std::fs::TryLockError::WouldBlock) => Err(VaultError::InUse { path: shown.to_path_buf() }),
            Err(std::fs::TryLockError::Error(_)) => Ok(None),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (path, shown);
        Ok(None)
    }
}

/// The lock file named by the identity (device and inode) of the file at
/// `path`, in the user's temporary folder; created owner-only, never
/// deleted (like the name lock).
#[cfg(unix)]
fn identity_lock_file(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path)?;
    let lp = std::env::temp_dir().join(format!("kuzet-{}-{}.lock", meta.dev(), meta.ino()));
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
    // Never through a link another user planted in a shared temporary folder.
    options.open(lp)
}

/// The lock file of the vault at `path`, named after the vault's canonical
/// path, so a symlink to a vault locks the same file as the vault itself.
pub(crate) fn lock_path(path: &Path) -> Result<PathBuf> {
    let canonical = std::fs::canonicalize(path).ok().or_else(|| {
        // A vault being created does not exist yet: resolve its folder.
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        Some(std::fs::canonicalize(dir).ok()?.join(path.file_name()?))
    });
    let path = canonical.as_deref().unwrap_or(path);
    let name = path.file_name().ok_or_else(|| VaultError::NotAVault { path: path.to_path_buf() })?;
    let mut lock_name = name.to_os_string();
    lock_name.push(".lock");
    Ok(path.with_file_name(lock_name))
}

/// Takes the name lock of the vault at `path` and, when the file exists,
/// its identity lock.
///
/// # Errors
/// [`VaultError::InUse`] when another open holds either; I/O errors.
pub(crate) fn acquire_lock(path: &Path) -> Result<VaultLock> {
    let lp = lock_path(path)?;
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(&lp).map_err(io(format!("opening the lock file {}", lp.display())))?;
    match file.try_lock() {
        Ok(()) => {
            let mut lock = VaultLock { _file: file, identity: None };
            if path.exists() {
                lock.replace_identity(lock_identity(path, path)?);
            }
            Ok(lock)
        }
        Err(std::fs::TryLockError::WouldBlock) => Err(VaultError::InUse { path: path.to_path_buf() }),
        Err(std::fs::TryLockError::Error(e)) => Err(io(format!("locking {}", lp.display()))(e)),
    }
}

/// Cheap checks on the raw bytes, before SQLite sees the file: an empty
/// file (SQLCipher would treat it as a new empty database), a plain SQLite
/// file, or a size that is not a whole number of pages (truncated, random
/// bytes) is not a vault.
///
/// A file of random bytes that happens to be a whole number of pages cannot
/// be told apart from a vault under another passphrase (that is the point of
/// the encryption): it is reported as [`VaultError::WrongPassphrase`].
pub(crate) fn check_header(path: &Path) -> Result<()> {
    let not_a_vault = || VaultError::NotAVault { path: path.to_path_buf() };
    let mut f = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(VaultError::Missing { path: path.to_path_buf() })
        }
        Err(e) => return Err(io(format!("opening {}", path.display()))(e)),
    };
    let meta = f.metadata().map_err(io(format!("reading {}", path.display())))?;
    if !meta.is_file() {
        return Err(not_a_vault());
    }
    let len = meta.len();
    if len < PAGE_SIZE || len % PAGE_SIZE != 0 {
        return Err(not_a_vault());
    }
    let mut head = [0u8; 16];
    f.read_exact(&mut head).map_err(io(format!("reading {}", path.display())))?;
    if &head == b"SQLite format 3\0" {
        return Err(not_a_vault());
    }
    Ok(())
}

/// The path as SQLite must see it: absolute, so that a relative name
/// starting with `file:` is a file of that name and not an SQLite URI
/// (`file:copy.kuzet?mode=memory` would otherwise write to memory).
pub(crate) fn sqlite_path(path: &Path) -> Result<PathBuf> {
    std::path::absolute(path).map_err(io(format!("finding {}", path.display())))
}

/// `PRAGMA key = '…'` with the passphrase as an SQL string literal (every
/// `'` doubled, so no passphrase can end the literal), in memory that is
/// wiped when dropped. (rusqlite's `pragma_update` would build the same text
/// in a buffer that is freed without wiping; PRAGMA cannot take a bound
/// parameter.) Reserved up front: growing would leave unwiped copies.
fn key_statement(p: &Passphrase) -> Zeroizing<String> {
    let raw = p.expose();
    let mut sql = Zeroizing::new(String::with_capacity(raw.len() * 2 + 16));
    sql.push_str("PRAGMA key = '");
    for ch in raw.chars() {
        if ch == '\'' {
            sql.push('\'');
        }
        sql.push(ch);
    }
    sql.push('\'');
    sql
}

/// Opens the file and applies the key, before anything reads it.
///
/// # Errors
/// A DB error; [`VaultError::Migration`] if the linked SQLite is not
/// SQLCipher (then nothing would be encrypted: refuse).
pub(crate) fn open_keyed(path: &Path, passphrase: Option<&Passphrase>, flags: OpenFlags) -> Result<Connection> {
    let conn =
        Connection::open_with_flags(sqlite_path(path)?, flags).map_err(db(format!("opening {}", path.display())))?;
    // SQLCipher logs failed page decryption (a wrong passphrase) to stderr;
    // the messages hold no data but alarm users. Errors are reported as
    // VaultError instead.
    let _ = conn.pragma_update(None, "cipher_log_level", "NONE");
    if let Some(p) = passphrase {
        conn.execute_batch(&key_statement(p)).map_err(db("applying the key"))?;
    }
    let version: String = conn.pragma_query_value(None, "cipher_version", |r| r.get(0)).unwrap_or_default();
    if version.trim().is_empty() {
        return Err(VaultError::Migration(
            "this build of Kuzet is linked against SQLite without SQLCipher and cannot encrypt".into(),
        ));
    }
    // No temporary files: sorting and temporary tables stay in memory.
    conn.pragma_update(None, "temp_store", "MEMORY").map_err(db("setting temp_store"))?;
    Ok(conn)
}

/// Proves the key: reads the schema. A wrong key (or bytes that are not a
/// SQLCipher file) fails here with SQLITE_NOTADB, before anything is written.
pub(crate) fn verify_key(conn: &Connection, path: &Path) -> Result<()> {
    match conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0)) {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == ErrorCode::NotADatabase => {
            Err(VaultError::WrongPassphrase)
        }
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == ErrorCode::DatabaseCorrupt => {
            Err(VaultError::NotAVault { path: path.to_path_buf() })
        }
        Err(e) => Err(db("reading the vault")(e)),
    }
}

/// Settings of every session: the rollback journal, durable commits,
/// foreign keys, a page cache large enough to keep a 100 000-case vault's
/// indexes decrypted in memory.
pub(crate) fn configure(conn: &Connection) -> Result<()> {
    // DELETE journal: between commits the vault is exactly one file, which a
    // user may copy; the journal that exists during a commit holds encrypted
    // pages only. (WAL's -wal is encrypted as well, but a copied vault file
    // without its -wal would silently lack the latest cases.)
    let mode: String = conn
        .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))
        .map_err(db("setting the journal mode"))?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(VaultError::Migration(format!("could not set journal mode (got {mode})")));
    }
    conn.pragma_update(None, "synchronous", "FULL").map_err(db("setting synchronous"))?;
    // A bundle's or an import's per-record statements stay prepared.
    conn.set_prepared_statement_cache_capacity(64);
    conn.pragma_update(None, "foreign_keys", "ON").map_err(db("enabling foreign keys"))?;
    // Deleted content is overwritten, not just unlinked: a case removed by
    // emptying the trash, or a removed attachment, cannot be read back from
    // free pages even by someone with the passphrase.
    conn.pragma_update(None, "secure_delete", "ON").map_err(db("enabling secure delete"))?;
    // Negative: KiB. 64 MiB of decrypted pages at most.
    conn.pragma_update(None, "cache_size", -65536).map_err(db("setting the cache size"))?;
    check_fts5(conn)
}

/// Refuses a SQLite built without FTS5 (search needs it).
fn check_fts5(conn: &Connection) -> Result<()> {
    let fts5: bool = conn
        .query_row("SELECT sqlite_compileoption_used('ENABLE_FTS5')", [], |r| r.get(0))
        .map_err(db("checking for FTS5"))?;
    if !fts5 {
        return Err(VaultError::Migration("this build's SQLite lacks FTS5 full-text search".into()));
    }
    Ok(())
}

/// The settings of a read-only session: foreign keys (for the query
/// planner), the page cache, and the FTS5 check; the journal mode is the
/// file's own and stays as it is.
pub(crate) fn configure_read_only(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "foreign_keys", "ON").map_err(db("enabling foreign keys"))?;
    conn.pragma_update(None, "cache_size", -65536).map_err(db("setting the cache size"))?;
    check_fts5(conn)
}

/// Checks that a keyed, verified connection is a Kuzet vault this build can
/// use, without writing anything.
pub(crate) fn check_identity(conn: &Connection, path: &Path) -> Result<()> {
    let app: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).map_err(db("reading the vault id"))?;
    let version: i64 =
        conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(db("reading the schema version"))?;
    // A keyed database marked as Kuzet's but without a schema yet (version
    // 0) is an empty vault: migrations bring it up to date.
    if app != APPLICATION_ID || version < 0 {
        return Err(VaultError::NotAVault { path: path.to_path_buf() });
    }
    if version > supported_version() {
        return Err(VaultError::TooNew { found: version, supported: supported_version() });
    }
    Ok(())
}

/// Brings the schema up to date (each run of migrations in a transaction).
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    let version: i64 =
        conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(db("reading the schema version"))?;
    if version > supported_version() {
        return Err(VaultError::TooNew { found: version, supported: supported_version() });
    }
    if version < supported_version() {
        Migrations::from_slice(MIGRATIONS).to_latest(conn).map_err(|e| VaultError::Migration(e.to_string()))?;
    }
    Ok(())
}

#[cfg(all(test, unix))]
mod identity_tests {
    #[test]
    fn every_name_of_a_file_has_the_same_identity_lock_file() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.kuzet");
        std::fs::write(&a, b"vault").unwrap();
        let b = dir.path().join("b.kuzet");
        std::fs::hard_link(&a, &b).unwrap();
        let held = super::identity_lock_file(&a).unwrap();
        held.try_lock().unwrap();
        let other = super::identity_lock_file(&b).unwrap();
        assert!(matches!(other.try_lock(), Err(std::fs::TryLockError::WouldBlock)), "the link's lock is the same");
        let c = dir.path().join("c.kuzet");
        std::fs::write(&c, b"another vault").unwrap();
        super::identity_lock_file(&c).unwrap().try_lock().expect("another file, another lock");
    }
}

#[cfg(test)]
mod key_tests {
    use super::{key_statement, Passphrase};

    #[test]
    fn the_key_literal_doubles_quotes_and_never_grows() {
        let s = key_statement(&Passphrase::new("Әлия's ''key"));
        assert_eq!(s.as_str(), "PRAGMA key = 'Әлия''s ''''key'");
        let worst = "'".repeat(40);
        let s = key_statement(&Passphrase::new(worst.clone()));
        assert!(s.len() <= worst.len() * 2 + 16, "fits the reserved capacity");
        assert_eq!(s.capacity(), worst.len() * 2 + 16, "no reallocation");
    }
}
