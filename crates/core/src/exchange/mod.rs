//! Exchange between vaults: correspondents in the regions send headquarters
//! what it has not seen yet, and headquarters sends back corrections and
//! the current taxonomy, as encrypted, signed bundle files
//! ([`bundle`]; the vault side is in [`crate::vault::Vault::export_bundle`]
//! and [`crate::vault::Vault::import_bundle`]).
//!
//! # Trust
//! Each vault holds a key pair ([`identity`]) made when it is created. Its
//! public half ([`PublicIdentity`]) is given to the other side as a line of
//! text; staff compare its [`Fingerprint`] by phone before adding it as a
//! peer, with a role: `headquarters` or `correspondent`. A bundle is applied
//! only when its signature is by a peer's key; headquarters' taxonomy is
//! taken only from a peer added as headquarters; headquarters sends a
//! correspondent only the cases that correspondent already has.
//!
//! # Merging
//! Records carry version ids ([`crate::vault::Vault`]'s `record_versions`):
//! an incoming version this vault already has (or has merged in) is old
//! news; one whose ancestors include the local version replaces it; any
//! other is a *conflict*, held with the local version kept until staff
//! choose field by field ([`crate::vault::Vault::resolve_held`]).

pub mod bundle;
pub mod identity;

pub use bundle::{AttachmentFile, AttachmentItem, CaseItem, DevelopmentItem, Manifest};
pub use identity::{Fingerprint, PublicIdentity};

/// Why a bundle or an identity was refused. Nothing was written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BundleError {
    /// Not a Kuzet bundle at all (another file, or not age-encrypted).
    #[error("this file is not a Kuzet exchange bundle")]
    NotABundle,
    /// Encrypted to another vault: this vault's key does not open it, or
    /// its signed recipient is another vault.
    #[error("this bundle is for another vault, not this one; ask the sender to export it for this vault")]
    WrongRecipient,
    /// A byte was changed, or the signature does not match.
    #[error("this bundle is damaged: changed or cut short after it was made (an interrupted or damaged copy, or tampering); nothing was applied; copy it again or ask for it again")]
    Tampered,
    /// The file ends early (an interrupted copy or download).
    #[error("this bundle is cut short (an interrupted copy or download); nothing was applied; copy it again")]
    Truncated,
    /// Signed by a vault that is not among the peers.
    #[error("this bundle comes from {name:?} (fingerprint {fingerprint}), which is not among this vault's peers; add its identity after confirming the fingerprint")]
    UntrustedSender {
        /// The name the bundle gives its sender.
        name: String,
        /// The sender's fingerprint.
        fingerprint: Fingerprint,
    },
    /// Signed by a vault that staff removed from the peers.
    #[error("this bundle comes from {name:?}, which was removed from this vault's peers on {removed} (Almaty time); its bundles are refused; add it again only once you trust its key again")]
    RemovedPeer {
        /// Its name.
        name: String,
        /// When it was removed, local time in Kazakhstan.
        removed: String,
    },
    /// Made by a newer Kuzet.
    #[error("this bundle was made by a newer Kuzet; update Kuzet to read it")]
    NewerFormat,
    /// A public identity that cannot be read.
    #[error("this public identity cannot be used: {0}")]
    BadIdentity(String),
    /// No peer with this name or fingerprint.
    #[error("no peer {0:?}; `kuzet peers list` shows them")]
    UnknownPeer(String),
    /// Several peers have this name.
    #[error("several peers are called {0:?}; name the one you mean by its fingerprint")]
    AmbiguousPeer(String),
    /// The identity is already a peer with another role.
    #[error("{name:?} is already a peer as {role}; remove it first to give it another role")]
    RoleChange {
        /// The peer's name.
        name: String,
        /// Its current role.
        role: String,
    },
    /// The vault's own identity given where a peer's is expected.
    #[error("this is this vault's own identity; add the other vault's")]
    OwnIdentity,
    /// Reading the file failed.
    #[error("reading the bundle: {0}")]
    Io(String),
}
