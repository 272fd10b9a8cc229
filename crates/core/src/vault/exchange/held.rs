//! Incoming versions held back: listing them and settling one.

use super::*;

impl Vault {
    /// The incoming versions held back (conflicts first, then by arrival),
    /// each with the local version to compare.
    ///
    /// # Errors
    /// DB errors.
    pub fn held(&self) -> Result<Vec<HeldItem>> {
        held_where(&self.conn, "1", [])
    }

    /// The held versions of the case `id` and its developments (the case is
    /// "marked" while there are any).
    ///
    /// # Errors
    /// DB errors.
    pub fn held_for_case(&self, id: CaseId) -> Result<Vec<HeldItem>> {
        held_where(&self.conn, "x.case_id = ?1", [id.to_string()])
    }

    /// Settles the held version `seq`: keep the local version, take the
    /// incoming one, or take some of its fields. The result is a new local
    /// version that includes both, so the sender's next bundle and this
    /// vault's next bundle to it agree. Recorded in the history with the
    /// source `conflict: <peer>`.
    ///
    /// # Errors
    /// [`VaultError::NotFound`] (no such held version),
    /// [`VaultError::Validation`] (the chosen content is refused here, e.g.
    /// a code the taxonomy lacks; it stays held), DB errors.
    pub fn resolve_held(&mut self, seq: u64, resolution: Resolution, now: DateTime<Utc>) -> Result<()> {
        let item = held_where(&self.conn, "x.seq = ?1", [seq as i64])?
            .pop()
            .ok_or_else(|| VaultError::NotFound { what: format!("held version {seq}") })?;
        let raw: String = self
            .conn
            .query_row("SELECT item FROM exchange_held WHERE seq = ?1", [seq as i64], |r| r.get(0))
            .map_err(db("reading a held version"))?;
        if let Resolution::Fields(fields) = &resolution {
            let known = |f: &String| {
                item.ours.as_ref().is_some_and(|o| o.get(f).is_some())
                    || item.theirs.as_ref().is_some_and(|t| t.get(f).is_some())
            };
            let unknown: Vec<&String> = fields.iter().filter(|f| !known(f)).collect();
            if fields.is_empty() || !unknown.is_empty() || item.ours.is_none() || item.theirs.is_none() {
                let message = if item.ours.is_none() || item.theirs.is_none() {
                    "one side deleted the record: keep ours or take theirs".to_string()
                } else if fields.is_empty() {
                    "name at least one field to take".to_string()
                } else {
                    format!("no field {:?} in either version", unknown.iter().map(|s| s.as_str()).collect::<Vec<_>>())
                };
                return Err(VaultError::Validation(crate::case::ValidationErrors::one(
                    crate::problem::Field::Title,
                    Problem::Invalid { message },
                )));
            }
        }
        let source = format!("conflict: {}", item.peer);
        let who = Who { actor: &self.actor, source: &source };
        let taxonomy = self.taxonomy.clone();
        let tx = self.conn.transaction().map_err(db("settling a held version"))?;
        let ctx = Apply { c: &tx, who: &who, now, peer: &item.peer_fingerprint.0, taxonomy: &taxonomy, any_held: true };
        let fields_of = |fields: &[String]| -> Option<Value> {
            let mut merged = item.ours.clone()?;
            let theirs = item.theirs.as_ref()?;
            for f in fields {
                match theirs.get(f) {
                    Some(v) => merged[f] = v.clone(),
                    None => {
                        merged.as_object_mut()?.remove(f);
                    }
                }
            }
            Some(merged)
        };
        match item.entity {
            Entity::Case => {
                let it: CaseItem = serde_json::from_str(&raw)
                    .map_err(|_| VaultError::Corrupt { what: format!("held version {seq}") })?;
                let content: Option<Option<CaseData>> = match &resolution {
                    Resolution::KeepOurs => None,
                    Resolution::TakeTheirs => Some(it.case.as_ref().map(|c| c.data.clone())),
                    Resolution::Fields(f) => {
                        Some(Some(fields_of(f).and_then(|v| serde_json::from_value(v).ok()).ok_or_else(|| {
                            VaultError::NotFound { what: "both versions of the case, to take fields from".into() }
                        })?))
                    }
                };
                ctx.settle_case(&it, content)?;
            }
            Entity::Development => {
                let it: DevelopmentItem = serde_json::from_str(&raw)
                    .map_err(|_| VaultError::Corrupt { what: format!("held version {seq}") })?;
                let content: Option<Option<DevelopmentData>> = match &resolution {
                    Resolution::KeepOurs => None,
                    Resolution::TakeTheirs => Some(it.development.as_ref().map(|d| d.data.clone())),
                    Resolution::Fields(f) => Some(Some(
                        fields_of(f)
                            .and_then(|v| serde_json::from_value(v).ok())
                            .ok_or_else(|| VaultError::NotFound { what: "both versions of the development".into() })?,
                    )),
                };
                ctx.settle_development(&it, content)?;
            }
            _ => {}
        }
        tx.execute("DELETE FROM exchange_held WHERE seq = ?1", [seq as i64]).map_err(db("settling a held version"))?;
        tx.commit().map_err(db("settling a held version"))?;
        *self.catalogue.get_mut() = None;
        Ok(())
    }
}

fn held_where<P: rusqlite::Params>(c: &Connection, cond: &str, params: P) -> Result<Vec<HeldItem>> {
    let err = || db("reading the held versions");
    let mut st = c
        .prepare(&format!(
            "SELECT x.seq, x.entity, x.entity_id, x.case_id, x.peer, coalesce(p.name, x.peer), x.reason, x.detail,
                    x.received_at, x.item
             FROM exchange_held x LEFT JOIN peers p ON p.fingerprint = x.peer
             WHERE {cond} ORDER BY x.reason <> 'conflict', x.received_at, x.seq"
        ))
        .map_err(err())?;
    let rows = st
        .query_map(params, |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, i64>(8)?,
                r.get::<_, String>(9)?,
            ))
        })
        .map_err(err())?;
    let mut out = Vec::new();
    for row in rows {
        let (seq, entity, entity_id, case_id, fp, peer, reason, detail, at, item) = row.map_err(err())?;
        let corrupt = || VaultError::Corrupt { what: format!("held version {seq}") };
        let case_id = CaseId(case_id.parse().map_err(|_| corrupt())?);
        let (entity, ours, theirs, title) = if entity == "case" {
            let it: CaseItem = serde_json::from_str(&item).map_err(|_| corrupt())?;
            let here = store::case(c, case_id)?;
            let title = it.case.as_ref().or(here.as_ref()).map(|c| c.data.title.clone()).unwrap_or_default();
            let ours = here.map(|c| history::json(&c.data)).transpose()?;
            let theirs = it.case.map(|c| history::json(&c.data)).transpose()?;
            (Entity::Case, ours, theirs, title)
        } else {
            let it: DevelopmentItem = serde_json::from_str(&item).map_err(|_| corrupt())?;
            let here = store::development(c, it.id)?;
            let title = it.development.as_ref().or(here.as_ref()).map(|d| d.data.title.clone()).unwrap_or_default();
            let ours = here.map(|d| history::json(&d.data)).transpose()?;
            let theirs = it.development.map(|d| history::json(&d.data)).transpose()?;
            (Entity::Development, ours, theirs, title)
        };
        let changes = history::diff(ours.as_ref(), theirs.as_ref());
        out.push(HeldItem {
            seq: seq as u64,
            entity,
            entity_id,
            case_id,
            peer,
            peer_fingerprint: Fingerprint(fp),
            reason: HeldReason::parse(&reason),
            detail,
            received_at: DateTime::from_timestamp_nanos(at),
            title,
            ours,
            theirs,
            changes,
        });
    }
    Ok(out)
}
