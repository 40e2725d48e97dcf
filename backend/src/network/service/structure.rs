//! The organisation's structure: read, and replaced as a whole.

use chrono::Utc;
use uuid::Uuid;
use varig_types::{OrgStructure, OrgStructureInput, ProblemCode};

use crate::access::Action;
use crate::audit::{self, snapshot, Change};
use crate::auth::Principal;
use crate::entities::organisation;
use crate::error::AppError;
use crate::ids::check_if_match;
use crate::network::{repo, rules, views};
use crate::state::AppState;

/// The organisation `id` if the caller may do `action` on its structure (404 otherwise).
pub async fn org_for(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    action: Action,
) -> Result<organisation::Model, AppError> {
    let org = repo::organisation(&state.db, &id.to_string())
        .await?
        .filter(|o| who.system_admin || who.same_org(&o.id))
        .ok_or(AppError::NotFound)?;
    who.require(action)?;
    Ok(org)
}

/// The structure of organisation `id` as the caller may read it.
pub async fn get(state: &AppState, who: &Principal, id: Uuid) -> Result<OrgStructure, AppError> {
    let org = org_for(state, who, id, Action::StructureRead).await?;
    let (s, version) = repo::structure(&state.db, &org.id).await?;
    Ok(views::structure(s, version))
}

/// Replaces the structure of organisation `id`; a level or dimension value that units still
/// use cannot be dropped (409 naming them).
pub async fn replace(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    if_match: Option<&str>,
    body: &OrgStructureInput,
) -> Result<OrgStructure, AppError> {
    let org = org_for(state, who, id, Action::StructureWrite).await?;
    rules::check_structure(body).map_err(AppError::Validation)?;
    let txn = crate::db::begin_write(&state.db).await?;
    let (before, version) = repo::structure(&txn, &org.id).await?;
    check_if_match(if_match, version)?;
    let units = repo::current_units(&txn, &org.id).await?;
    let used: Vec<_> = units
        .iter()
        .map(|u| (u.level.clone(), views::dims(u)))
        .collect();
    let dropped = rules::dropped_in_use(body, used.iter().map(|(l, d)| (l.as_str(), d.as_slice())));
    if !dropped.is_empty() {
        return Err(AppError::conflict(
            ProblemCode::InUse,
            format!(
                "Units still use {}; move or archive them first.",
                dropped.join(", ")
            ),
        ));
    }
    let text = serde_json::json!(body).to_string();
    let next = version + 1;
    repo::save_structure(&txn, &org.id, text, version, next, Utc::now()).await?;
    let after = views::structure(body.clone(), next);
    audit::record(
        &txn,
        Some(who),
        Change {
            organisation_id: Some(org.id.clone()),
            action: "structure.update",
            entity_type: "structure",
            entity_id: Some(org.id.clone()),
            before: snapshot(&views::structure(before, version)),
            after: snapshot(&after),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}
