//! Passphrases: from the environment or a no-echo prompt on the terminal,
//! never from arguments, never printed.

use crate::failure::Failure;
use kuzet_core::vault::Passphrase;
use zeroize::Zeroizing;

/// The environment variable holding the vault passphrase.
pub const PASSPHRASE_ENV: &str = "KUZET_PASSPHRASE";
/// The environment variable holding the new passphrase for `passwd`.
pub const NEW_PASSPHRASE_ENV: &str = "KUZET_NEW_PASSPHRASE";

fn prompt(text: &str, env: &str) -> Result<Zeroizing<String>, Failure> {
    rpassword::prompt_password(text)
        .map(Zeroizing::new)
        .map_err(|_| Failure::Usage(format!("no passphrase: set {env} or run kuzet in a terminal to be asked for it")))
}

/// The passphrase from `env`, if set.
///
/// # Errors
/// [`Failure::Usage`] when it is set but not valid UTF-8 (it is then not
/// missing, and no guess at its encoding would give the same key).
pub fn from_env(env: &str) -> Result<Option<Passphrase>, Failure> {
    match std::env::var(env) {
        Ok(p) => Ok(Some(Passphrase::new(p))),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(Failure::Usage(format!(
            "{env} is set but is not valid UTF-8 text; set it in UTF-8 (or unset it to be asked)"
        ))),
    }
}

/// The passphrase of an existing vault: `KUZET_PASSPHRASE`, or asked once.
///
/// # Errors
/// [`Failure::Usage`] when there is neither the variable nor a terminal, the
/// variable is not UTF-8, or the passphrase is empty (no vault has one, so
/// it is never "wrong").
pub fn current() -> Result<Passphrase, Failure> {
    let p = match from_env(PASSPHRASE_ENV)? {
        Some(p) => p,
        None => prompt("Vault passphrase: ", PASSPHRASE_ENV).map(|mut p| Passphrase::new(std::mem::take(&mut *p)))?,
    };
    if p.is_empty() {
        return Err(Failure::Usage(format!(
            "the passphrase is empty ({PASSPHRASE_ENV} is set but empty, or nothing was typed)"
        )));
    }
    Ok(p)
}

/// A new passphrase: from `env`, or asked twice at the terminal.
///
/// # Errors
/// [`Failure::Invalid`] when the two answers differ; [`Failure::Usage`]
/// when there is neither the variable nor a terminal, or the variable is
/// not UTF-8.
pub fn new(env: &str) -> Result<Passphrase, Failure> {
    if let Some(p) = from_env(env)? {
        return Ok(p);
    }
    let mut first = prompt("New passphrase: ", env)?;
    let again = prompt("Repeat the new passphrase: ", env)?;
    if *first != *again {
        return Err(Failure::Invalid("the two passphrases differ; nothing was changed".into()));
    }
    Ok(Passphrase::new(std::mem::take(&mut *first)))
}
