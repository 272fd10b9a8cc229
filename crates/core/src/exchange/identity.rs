//! Vault identities: the key pair each vault holds and the public half
//! that peers exchange.

use super::BundleError;
use age::secrecy::ExposeSecret;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ed25519_dalek::{SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;
use std::str::FromStr;

/// The prefix of a public identity's text form.
pub const PUBLIC_PREFIX: &str = "kuzet-id1:";

/// The longest display name of a vault, in characters.
pub const MAX_NAME_CHARS: usize = 80;

/// Whether `name` (NFC, trimmed) is a usable display name: 1 to
/// [`MAX_NAME_CHARS`] characters, no control characters and no invisible
/// or direction-changing ones (zero-width spaces, bidi overrides), which
/// would let one peer's name pass for another's on screen.
pub fn valid_name(name: &str) -> bool {
    let hidden = |c: char| {
        c.is_control()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
    };
    !name.is_empty() && name.chars().count() <= MAX_NAME_CHARS && !name.chars().any(hidden)
}

/// What a vault shows the world: its display name, the age recipient
/// bundles for it are encrypted to, and the Ed25519 key its bundles are
/// signed with. Exchanged as one line of text ([`PublicIdentity::encode`]):
/// a small file or a copy-paste string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicIdentity {
    /// The display name ("Shymkent correspondent"); not covered by the
    /// fingerprint, so a rename keeps the trust.
    pub name: String,
    /// The age X25519 recipient (`age1…`).
    pub encrypt: String,
    /// The Ed25519 verifying key, base64url (32 bytes).
    pub sign: String,
}

/// The short form people compare by phone: 24 decimal digits in six groups
/// of four (`0412 9930 …`), from the first 80 bits of the SHA-256 of both
/// public keys. Two identities with the same fingerprint are taken as the
/// same vault.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Fingerprint(pub String);

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PublicIdentity {
    /// The fingerprint of the two keys (see [`Fingerprint`]).
    pub fn fingerprint(&self) -> Fingerprint {
        let mut h = Sha256::new();
        h.update(b"kuzet-identity-v1\0");
        h.update(self.encrypt.as_bytes());
        h.update(b"\0");
        h.update(self.sign.as_bytes());
        let d = h.finalize();
        let mut n: u128 = 0;
        for b in &d[..10] {
            n = (n << 8) | u128::from(*b);
        }
        let digits = format!("{:024}", n % 10u128.pow(24));
        let groups: Vec<&str> = (0..6).map(|i| &digits[i * 4..i * 4 + 4]).collect();
        Fingerprint(groups.join(" "))
    }

    /// One line: `kuzet-id1:` and the base64url of its JSON.
    pub fn encode(&self) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        format!("{PUBLIC_PREFIX}{}", URL_SAFE_NO_PAD.encode(json))
    }

    /// Reads a public identity from its text (surrounding white space and
    /// line breaks inside, as a messenger may add, are ignored).
    ///
    /// # Errors
    /// [`BundleError::BadIdentity`] saying what is wrong: not a Kuzet
    /// identity, damaged, or keys that are not valid.
    pub fn parse(text: &str) -> Result<Self, BundleError> {
        let joined: String = text.trim_start_matches('\u{FEFF}').split_whitespace().collect();
        let bad = |why: &str| BundleError::BadIdentity(why.to_string());
        let body = joined
            .strip_prefix(PUBLIC_PREFIX)
            .ok_or_else(|| bad("it is not a Kuzet public identity (it should start with kuzet-id1:)"))?;
        let json =
            URL_SAFE_NO_PAD.decode(body).map_err(|_| bad("it is damaged (not base64url); copy it again whole"))?;
        let id: PublicIdentity =
            serde_json::from_slice(&json).map_err(|_| bad("it is damaged (not an identity); copy it again whole"))?;
        id.recipient()?;
        id.verifying_key()?;
        let name = crate::text::nfc(id.name.trim());
        if !valid_name(&name) {
            return Err(bad("its name is empty, too long, or has control or invisible characters"));
        }
        Ok(PublicIdentity { name, ..id })
    }

    /// The age recipient.
    pub(crate) fn recipient(&self) -> Result<age::x25519::Recipient, BundleError> {
        age::x25519::Recipient::from_str(&self.encrypt)
            .map_err(|_| BundleError::BadIdentity("its encryption key is not a valid age recipient".into()))
    }

    /// The Ed25519 verifying key.
    pub(crate) fn verifying_key(&self) -> Result<VerifyingKey, BundleError> {
        let bytes = URL_SAFE_NO_PAD
            .decode(&self.sign)
            .ok()
            .and_then(|b| <[u8; 32]>::try_from(b).ok())
            .ok_or_else(|| BundleError::BadIdentity("its signing key is not 32 bytes of base64url".into()))?;
        VerifyingKey::from_bytes(&bytes)
            .map_err(|_| BundleError::BadIdentity("its signing key is not a valid Ed25519 key".into()))
    }
}

/// A vault's own key pair, read from its `identity` table.
pub(crate) struct LocalIdentity {
    pub name: String,
    pub decrypt: age::x25519::Identity,
    pub sign: SigningKey,
}

impl LocalIdentity {
    /// A new key pair from the operating system's random source.
    pub fn generate(name: &str) -> std::io::Result<(LocalIdentity, String, [u8; 32])> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| std::io::Error::other(e.to_string()))?;
        let decrypt = age::x25519::Identity::generate();
        let secret = decrypt.to_string().expose_secret().to_string();
        let sign = SigningKey::from_bytes(&seed);
        Ok((LocalIdentity { name: name.to_string(), decrypt, sign }, secret, seed))
    }

    /// The key pair from its stored form.
    pub fn from_stored(name: String, age_secret: &str, seed: &[u8]) -> Option<LocalIdentity> {
        let decrypt = age::x25519::Identity::from_str(age_secret).ok()?;
        let seed = <[u8; 32]>::try_from(seed).ok()?;
        Some(LocalIdentity { name, decrypt, sign: SigningKey::from_bytes(&seed) })
    }

    /// The public half.
    pub fn public(&self) -> PublicIdentity {
        PublicIdentity {
            name: self.name.clone(),
            encrypt: self.decrypt.to_public().to_string(),
            sign: URL_SAFE_NO_PAD.encode(self.sign.verifying_key().as_bytes()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_identity_round_trips_and_fingerprint_ignores_the_name() {
        let (me, _, _) = LocalIdentity::generate("Шымкент тілшісі").unwrap();
        let public = me.public();
        let text = public.encode();
        assert!(text.starts_with(PUBLIC_PREFIX));
        // A messenger may wrap the line.
        let wrapped = format!("  {}\n{}  ", &text[..20], &text[20..]);
        let back = PublicIdentity::parse(&wrapped).unwrap();
        assert_eq!(back, public);
        let renamed = PublicIdentity { name: "Shymkent".into(), ..public.clone() };
        assert_eq!(renamed.fingerprint(), public.fingerprint());
        let fp = public.fingerprint().0;
        assert_eq!(fp.len(), 29, "{fp}");
        assert!(fp.split(' ').all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_digit())), "{fp}");
        let (other, _, _) = LocalIdentity::generate("x").unwrap();
        assert_ne!(other.public().fingerprint(), public.fingerprint());
    }

    #[test]
    fn damaged_identities_are_refused_with_the_reason() {
        let (me, _, _) = LocalIdentity::generate("HQ").unwrap();
        let text = me.public().encode();
        let cut = &text[..text.len() - 10];
        for (input, why) in [("hello", "start with kuzet-id1:"), (cut, "damaged"), ("kuzet-id1:!!!", "base64url")] {
            match PublicIdentity::parse(input) {
                Err(BundleError::BadIdentity(m)) => assert!(m.contains(why), "{input}: {m}"),
                other => panic!("{input}: {other:?}"),
            }
        }
    }
}
