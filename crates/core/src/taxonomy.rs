//! The category tree and the other code lists the foundation monitors by.
//!
//! Groups hold categories; every code is stable and carries kk/ru/en labels.
//! A new vault is seeded from the files in `crates/core/data/taxonomy/`
//! (copied from the foundation's lists); after that the taxonomy lives in the
//! vault, so staff can add a category, relabel one or retire one without a
//! code change. A retired category stays valid on the cases that already use
//! it but is not offered for new ones.

use crate::codes::{CategoryCode, GroupCode, LegalBasisCode, PerpetratorTypeCode, RegionCode, VictimTypeCode};
use crate::lang::{Labels, Lang};
use serde::{Deserialize, Serialize};

/// A category of violation inside a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    /// Stable code, `<group>.<name>`.
    pub code: CategoryCode,
    /// Labels in kk/ru/en.
    pub label: Labels,
    /// A law the category refers to, e.g. "Penal Code …, Art. 158".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_reference: Option<String>,
    /// A note for monitors on what the category includes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Retired categories stay valid on old cases but are not offered for new ones.
    #[serde(default)]
    pub retired: bool,
}

impl Category {
    /// Whether this is a catch-all ("other …") category, which the monthly
    /// overview folds into "and others".
    pub fn is_other(&self) -> bool {
        self.code.as_str().ends_with(".other")
    }
}

/// A group of categories; the monthly overview gives one count line per
/// counted group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// Stable code.
    pub code: GroupCode,
    /// Whether cases in this group are counted (`context`, events in the
    /// country, is not).
    pub counted: bool,
    /// The group's own counting rule, as the foundation states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counting_rule: Option<String>,
    /// Labels in kk/ru/en.
    pub label: Labels,
    /// Categories in the order the foundation lists them.
    pub categories: Vec<Category>,
}

/// An entry of a flat code list (legal bases, victim and perpetrator types).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term<C> {
    /// Stable code.
    pub code: C,
    /// Labels in kk/ru/en.
    pub label: Labels,
    /// Articles of law, for legal bases.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<String>,
}

/// What kind of place a region code stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RegionKind {
    /// A city of republican significance (Astana, Almaty, Shymkent).
    City,
    /// One of the 17 regions (oblys).
    Region,
    /// Online, nationwide, abroad, unknown.
    Other,
}

/// A region of Kazakhstan or a pseudo-region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    /// Stable code.
    pub code: RegionCode,
    /// City, region or other.
    pub kind: RegionKind,
    /// Labels in kk/ru/en.
    pub label: Labels,
}

/// The whole taxonomy of a vault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Taxonomy {
    /// Version of the taxonomy data; bumped by every edit.
    pub version: u32,
    /// Groups in print order.
    pub groups: Vec<Group>,
    /// Legal bases of claims.
    pub legal_bases: Vec<Term<LegalBasisCode>>,
    /// Victim / target types.
    pub victim_types: Vec<Term<VictimTypeCode>>,
    /// Perpetrator types.
    pub perpetrator_types: Vec<Term<PerpetratorTypeCode>>,
    /// Regions in list order.
    pub regions: Vec<Region>,
}

#[derive(Deserialize)]
struct CategoriesFile {
    version: u32,
    groups: Vec<Group>,
    legal_bases: Vec<Term<LegalBasisCode>>,
    victim_types: Vec<Term<VictimTypeCode>>,
    perpetrator_types: Vec<Term<PerpetratorTypeCode>>,
}

#[derive(Deserialize)]
struct RegionsFile {
    regions: Vec<Region>,
}

/// Errors of taxonomy edits.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TaxonomyError {
    /// The code is already used by another category.
    #[error("category {0} already exists")]
    Duplicate(String),
    /// No such group or category.
    #[error("unknown {kind} {code}")]
    Unknown {
        /// "group" or "category".
        kind: &'static str,
        /// The code asked for.
        code: String,
    },
    /// The category code does not start with its group's code.
    #[error("category {code} must start with \"{group}.\"")]
    WrongGroup {
        /// The category code.
        code: String,
        /// The group it was added to.
        group: String,
    },
    /// A label is empty in every language.
    #[error("category {0} needs a label in at least one language")]
    EmptyLabel(String),
}

impl Taxonomy {
    /// The foundation's lists as shipped with Kuzet; a new vault starts with these.
    pub fn bundled() -> Taxonomy {
        let cats: CategoriesFile = serde_json::from_str(include_str!("../data/taxonomy/categories.json"))
            .expect("bundled categories.json is valid");
        let regions: RegionsFile =
            serde_json::from_str(include_str!("../data/taxonomy/regions.json")).expect("bundled regions.json is valid");
        Taxonomy {
            version: cats.version,
            groups: cats.groups,
            legal_bases: cats.legal_bases,
            victim_types: cats.victim_types,
            perpetrator_types: cats.perpetrator_types,
            regions: regions.regions,
        }
    }

    /// The group with `code`.
    pub fn group(&self, code: &GroupCode) -> Option<&Group> {
        self.groups.iter().find(|g| &g.code == code)
    }

    /// The category with `code`, retired or not.
    pub fn category(&self, code: &CategoryCode) -> Option<&Category> {
        self.groups.iter().flat_map(|g| &g.categories).find(|c| &c.code == code)
    }

    /// The group a category belongs to.
    pub fn group_of(&self, code: &CategoryCode) -> Option<&Group> {
        self.groups.iter().find(|g| g.categories.iter().any(|c| &c.code == code))
    }

    /// Whether cases of this category are counted in the monthly overview.
    pub fn is_counted(&self, code: &CategoryCode) -> bool {
        self.group_of(code).is_some_and(|g| g.counted)
    }

    /// The region with `code`.
    pub fn region(&self, code: &RegionCode) -> Option<&Region> {
        self.regions.iter().find(|r| &r.code == code)
    }

    /// The victim type with `code`.
    pub fn victim_type(&self, code: &VictimTypeCode) -> Option<&Term<VictimTypeCode>> {
        self.victim_types.iter().find(|t| &t.code == code)
    }

    /// The perpetrator type with `code`.
    pub fn perpetrator_type(&self, code: &PerpetratorTypeCode) -> Option<&Term<PerpetratorTypeCode>> {
        self.perpetrator_types.iter().find(|t| &t.code == code)
    }

    /// The legal basis with `code`.
    pub fn legal_basis(&self, code: &LegalBasisCode) -> Option<&Term<LegalBasisCode>> {
        self.legal_bases.iter().find(|t| &t.code == code)
    }

    /// The label of a category in `lang`, or the code itself when unknown.
    pub fn category_label(&self, code: &CategoryCode, lang: Lang) -> String {
        self.category(code).map_or_else(|| code.to_string(), |c| c.label.get(lang).to_string())
    }

    /// Adds a category at the end of `group`.
    ///
    /// # Errors
    /// [`TaxonomyError`] for an unknown group, a code outside the group, a
    /// code already used, or labels empty in every language.
    pub fn add_category(&mut self, group: &GroupCode, category: Category) -> Result<(), TaxonomyError> {
        if self.category(&category.code).is_some() {
            return Err(TaxonomyError::Duplicate(category.code.to_string()));
        }
        if &category.code.group() != group {
            return Err(TaxonomyError::WrongGroup { code: category.code.to_string(), group: group.to_string() });
        }
        if Lang::ALL.iter().all(|l| category.label.get(*l).trim().is_empty()) {
            return Err(TaxonomyError::EmptyLabel(category.code.to_string()));
        }
        let g = self
            .groups
            .iter_mut()
            .find(|g| &g.code == group)
            .ok_or_else(|| TaxonomyError::Unknown { kind: "group", code: group.to_string() })?;
        g.categories.push(category);
        self.version += 1;
        Ok(())
    }

    fn category_mut(&mut self, code: &CategoryCode) -> Result<&mut Category, TaxonomyError> {
        self.groups
            .iter_mut()
            .flat_map(|g| g.categories.iter_mut())
            .find(|c| &c.code == code)
            .ok_or_else(|| TaxonomyError::Unknown { kind: "category", code: code.to_string() })
    }

    /// Replaces a category's labels; its code, and so every case filed under
    /// it, stays as it is.
    ///
    /// # Errors
    /// [`TaxonomyError::Unknown`] or [`TaxonomyError::EmptyLabel`].
    pub fn relabel_category(&mut self, code: &CategoryCode, label: Labels) -> Result<(), TaxonomyError> {
        if Lang::ALL.iter().all(|l| label.get(*l).trim().is_empty()) {
            return Err(TaxonomyError::EmptyLabel(code.to_string()));
        }
        self.category_mut(code)?.label = label;
        self.version += 1;
        Ok(())
    }

    /// Retires (or, with `retired == false`, restores) a category.
    ///
    /// # Errors
    /// [`TaxonomyError::Unknown`].
    pub fn set_retired(&mut self, code: &CategoryCode, retired: bool) -> Result<(), TaxonomyError> {
        self.category_mut(code)?.retired = retired;
        self.version += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_taxonomy_has_the_published_groups_and_regions() {
        let t = Taxonomy::bundled();
        let groups: Vec<_> = t.groups.iter().map(|g| g.code.as_str()).collect();
        assert_eq!(groups, ["journalists", "information", "claims", "context"]);
        assert!(!t.group(&GroupCode::new("context").unwrap()).unwrap().counted);
        assert_eq!(t.regions.len(), 24, "17 regions, 3 cities and 4 pseudo-regions");
        let refusal = CategoryCode::new("information.refusal").unwrap();
        assert_eq!(t.group_of(&refusal).unwrap().code.as_str(), "information");
        assert!(t.is_counted(&refusal));
        assert_eq!(t.category_label(&refusal, Lang::Kk), "Қоғамдық маңызы бар ақпаратты беруден бас тарту және шектеу");
    }

    #[test]
    fn add_relabel_and_retire_a_category() {
        let mut t = Taxonomy::bundled();
        let g = GroupCode::new("information").unwrap();
        let code = CategoryCode::new("information.deepfake").unwrap();
        let cat = Category {
            code: code.clone(),
            label: Labels { kk: "Дипфейк".into(), ru: "Дипфейк".into(), en: "Deepfake".into() },
            legal_reference: None,
            note: None,
            retired: false,
        };
        t.add_category(&g, cat.clone()).unwrap();
        assert_eq!(t.add_category(&g, cat.clone()), Err(TaxonomyError::Duplicate(code.to_string())));
        let wrong = GroupCode::new("claims").unwrap();
        let mut other = cat.clone();
        other.code = CategoryCode::new("information.x").unwrap();
        assert!(matches!(t.add_category(&wrong, other), Err(TaxonomyError::WrongGroup { .. })));
        t.relabel_category(&code, Labels { kk: "".into(), ru: "Фейк".into(), en: "Fake".into() }).unwrap();
        assert_eq!(t.category_label(&code, Lang::Kk), "Фейк", "an empty kk label falls back to ru");
        t.set_retired(&code, true).unwrap();
        assert!(t.category(&code).unwrap().retired, "retired stays findable for old cases");
    }
}
