//! Safe publication: no private person's name in a public document.
//!
//! A case and a development keep the names of private persons they mention
//! in [`CaseData::private_names`](crate::case::CaseData::private_names) /
//! [`DevelopmentData::private_names`](crate::case::DevelopmentData::private_names);
//! the victim's name of a case marked *confidential* is one of them too
//! ([`private_names`]). Every public output — the monthly overview (PDF and
//! preview) and the public copy of an export — replaces each of them, in any
//! declined form, by a pseudonym stable within the document or by "[name
//! withheld]" ([`redact`]). Before an overview is written, the
//! pre-publication check ([`check`]) lists the personal names that remain
//! and are not on the foundation's list of public figures; the user
//! confirms each or marks it private.
//!
//! Names are matched word by word with their declined forms ([`names`]):
//! `Айгерім` hides `Айгерімнің`, `Иванов` hides `Иванова` and `Иванову`.

pub mod check;
pub mod names;
pub mod redact;

pub use check::{find_names, unconfirmed, NameCandidate, NamePlace, PublicFigures, PUBLIC_FIGURES_KEY};
pub use names::NameList;
pub use redact::{pseudonym, source_withheld, withheld, RedactionStyle, Redactor};

use crate::case::{Case, Development};
use crate::overview::{EntryRef, ReportEntry, ReportModel};
use crate::taxonomy::Taxonomy;
use crate::vault::{Vault, VaultError};
use chrono::{DateTime, Utc};

/// The private names of `cases` and `developments`: every marked name, and
/// the victim's name of each confidential case ("the victim is a private
/// person whose name must not be published"). The rule as Rust;
/// [`Vault::all_private_names`] reads the same from the stored JSON
/// without decoding records, and a test keeps the two equal.
pub fn private_names(cases: &[Case], developments: &[Development]) -> NameList {
    let mut list = NameList::default();
    for c in cases {
        for n in &c.data.private_names {
            list.push(n);
        }
        if c.data.confidential {
            list.push(&c.data.victim.name);
        }
    }
    for d in developments {
        for n in &d.data.private_names {
            list.push(n);
        }
    }
    list
}

/// Every private name of the whole vault ([`Vault::all_private_names`]):
/// what public documents hide, so a name marked on an old case is hidden in
/// this month's overview and in a one-month public copy too.
///
/// # Errors
/// DB errors.
pub fn vault_private_names(vault: &Vault) -> Result<NameList, VaultError> {
    Ok(NameList::new(vault.all_private_names()?))
}

/// The names the check lets pass: the public figures, the taxonomy's
/// region names and the month names, in every language.
pub fn allowed_names(figures: &PublicFigures, taxonomy: &Taxonomy) -> NameList {
    let mut list = NameList::new(&figures.names);
    for l in crate::lang::Lang::ALL {
        for r in &taxonomy.regions {
            list.push(r.label.get(l));
        }
        for m in 1..=12 {
            list.push(crate::overview::words::month_name(l, m));
        }
    }
    list
}

/// The free texts of an overview that staff or cases wrote, in print order,
/// with the entry each belongs to: title, intro, each section's title and
/// note, each entry's title, text and details. The generated counts,
/// series and footer hold no personal names and are left out.
fn free_texts_mut(model: &mut ReportModel) -> Vec<&mut String> {
    let mut out: Vec<&mut String> = vec![&mut model.title, &mut model.intro];
    for s in &mut model.sections {
        out.push(&mut s.title);
        out.push(&mut s.note);
        for e in &mut s.entries {
            let ReportEntry { title, text, details, .. } = e;
            out.push(title);
            out.push(text);
            out.extend(details.iter_mut());
        }
    }
    out
}

/// The pre-publication check of an overview as it would be printed:
/// the candidates of [`find_names`] over its free texts.
pub fn check_report(model: &ReportModel, allowed: &NameList, private: &NameList) -> Vec<NameCandidate> {
    let mut texts: Vec<(Option<crate::overview::EntryRef>, &str)> =
        vec![(None, model.title.as_str()), (None, model.intro.as_str())];
    for s in &model.sections {
        texts.push((None, &s.title));
        texts.push((None, &s.note));
        for e in &s.entries {
            texts.push((Some(e.item), &e.title));
            texts.push((Some(e.item), &e.text));
            texts.extend(e.details.iter().map(|d| (Some(e.item), d.as_str())));
        }
    }
    find_names(texts, allowed, private)
}

/// The pre-publication check of a set of records (a public copy's source):
/// the candidates of [`find_names`] over the titles and summaries of
/// `cases` and `developments`, their translations included. A place's `entry` names the record.
pub fn check_records(
    cases: &[Case],
    developments: &[Development],
    allowed: &NameList,
    private: &NameList,
) -> Vec<NameCandidate> {
    let mut texts: Vec<(Option<EntryRef>, &str)> = Vec::new();
    for c in cases {
        let at = Some(EntryRef::Case(c.id));
        texts.push((at, &c.data.title));
        texts.push((at, &c.data.summary));
        texts.extend(c.data.translations.values().flat_map(|t| [(at, t.title.as_str()), (at, t.summary.as_str())]));
    }
    for d in developments {
        let at = Some(EntryRef::Development(d.id));
        texts.push((at, &d.data.title));
        texts.push((at, &d.data.summary));
        texts.extend(d.data.translations.values().flat_map(|t| [(at, t.title.as_str()), (at, t.summary.as_str())]));
    }
    find_names(texts, allowed, private)
}

/// Replaces the private names of `model`'s free texts (see
/// [`check_report`] for which), pseudonyms numbered in print order; words of
/// `allowed` (regions, public figures) are not swallowed by a private
/// name's stem. Returns how many persons were hidden.
pub fn redact_report(model: &mut ReportModel, private: &NameList, allowed: &NameList, style: RedactionStyle) -> usize {
    let mut r = Redactor::new(private.clone(), model.lang, style).with_exceptions(allowed.clone());
    for t in free_texts_mut(model) {
        *t = r.redact(t);
    }
    r.persons()
}

/// The public copy of `set` as the vault's settings make it, with its
/// pre-publication check: every private name of the whole vault
/// ([`vault_private_names`]) replaced by [`transfer::public_copy`] in the
/// organisation's [`RedactionStyle`], and the candidates of
/// [`check_records`] over the set's titles and summaries (checked against
/// the vault's [`PublicFigures`]). The CLI and the app both make public
/// copies through this.
///
/// [`transfer::public_copy`]: crate::transfer::public_copy
///
/// # Errors
/// Vault read errors.
pub fn public_export(
    vault: &Vault,
    set: &crate::transfer::ExportSet,
) -> Result<(crate::transfer::ExportSet, Vec<NameCandidate>), VaultError> {
    use crate::overview::{OrgSettings, ORG_SETTINGS_KEY};
    let org: OrgSettings = vault.get_document(ORG_SETTINGS_KEY)?.unwrap_or_default();
    let figures: PublicFigures = vault.get_document(PUBLIC_FIGURES_KEY)?.unwrap_or_default();
    let private = vault_private_names(vault)?;
    let allowed = allowed_names(&figures, vault.taxonomy());
    let unmarked = check_records(&set.cases, &set.developments, &allowed, &private);
    Ok((crate::transfer::public_copy(set, &private, &allowed, org.redaction), unmarked))
}

/// Marks `name` private on the case or development `item` shows (what the
/// pre-publication check's "hide" does): it is added to the record's
/// `private_names` unless it is there already (by folded form), and the
/// record is saved at `now` (UTC). Returns whether it was added.
///
/// # Errors
/// [`VaultError::NotFound`]; [`VaultError::Validation`] for a blank or
/// too long name (field `private_names`); DB errors.
pub fn mark_private(vault: &mut Vault, item: EntryRef, name: &str, now: DateTime<Utc>) -> Result<bool, VaultError> {
    let name = crate::text::nfc(name);
    if name.is_empty() {
        use crate::case::{Field, Problem, ValidationErrors};
        return Err(VaultError::Validation(ValidationErrors::one(Field::PrivateNames, Problem::Required)));
    }
    let known = |list: &[String]| list.iter().any(|n| crate::text::fold(n) == crate::text::fold(&name));
    match item {
        EntryRef::Case(id) => {
            let mut data = vault.case(id)?.data;
            if known(&data.private_names) {
                return Ok(false);
            }
            data.private_names.push(name);
            vault.update_case(id, data, now)?;
        }
        EntryRef::Development(id) => {
            let mut data = vault.development(id)?.data;
            if known(&data.private_names) {
                return Ok(false);
            }
            data.private_names.push(name);
            vault.update_development(id, data, now)?;
        }
    }
    Ok(true)
}
