//! A project's network settings (its scope of units, when agents count as silent) and its
//! coverage.

use std::collections::HashSet;

use sea_orm::ConnectionTrait;
use varig_types::{AgentStatus, Coverage, NetworkSettings, NetworkSettingsInput};

use crate::audit::{self, snapshot, Change};
use crate::auth::Principal;
use crate::domain::{self, field_error};
use crate::entities::project;
use crate::error::AppError;
use crate::ids::{check_if_match, parse_id};
use crate::network::repo;
use crate::network::views::AgentState;
use crate::network::{coverage, views};
use crate::state::AppState;

/// At most this many units in a project's scope.
pub const MAX_SCOPE: usize = 5000;

/// The project's scope and settings.
pub async fn settings(state: &AppState, p: &project::Model) -> Result<NetworkSettings, AppError> {
    let units = repo::scope_units(&state.db, &p.id).await?;
    Ok(NetworkSettings {
        unit_ids: units.iter().map(|u| parse_id(&u.id)).collect(),
        silent_after_weeks: p.silent_after_weeks,
        version: p.network_version,
    })
}

/// The project's settings replaced by `body`: units must be current units of the project's
/// organisation.
pub async fn update(
    state: &AppState,
    who: &Principal,
    p: &project::Model,
    if_match: Option<&str>,
    body: &NetworkSettingsInput,
) -> Result<NetworkSettings, AppError> {
    let mut check = domain::Check::new();
    check.take(domain::in_range(
        "silent_after_weeks",
        body.silent_after_weeks,
        1..=52,
    ));
    if body.unit_ids.len() > MAX_SCOPE {
        check.push(field_error("unit_ids", "too_many", "at most 5000 units"));
    }
    check.finish()?;
    let wanted: Vec<String> = {
        let mut seen = HashSet::new();
        body.unit_ids
            .iter()
            .map(|u| u.to_string())
            .filter(|u| seen.insert(u.clone()))
            .collect()
    };
    let found = repo::current_units_of(&state.db, &p.organisation_id, &wanted).await?;
    let missing: Vec<_> = body
        .unit_ids
        .iter()
        .enumerate()
        .filter(|(_, u)| !found.contains(&u.to_string()))
        .map(|(i, _)| {
            field_error(
                &format!("unit_ids[{i}]"),
                "not_found",
                "no current unit of the organisation has this id",
            )
        })
        .collect();
    if !missing.is_empty() {
        return Err(AppError::Validation(missing));
    }
    let version = check_if_match(if_match, p.network_version)?;
    crate::api::plan_items::writable(p)?;
    let before = settings(state, p).await?;
    let txn = crate::db::begin_write(&state.db).await?;
    repo::save_scope(&txn, &p.id, version, body.silent_after_weeks, &wanted).await?;
    let after = NetworkSettings {
        unit_ids: wanted.iter().map(|u| parse_id(u)).collect(),
        silent_after_weeks: body.silent_after_weeks,
        version: version + 1,
    };
    audit::record(
        &txn,
        Some(who),
        Change {
            organisation_id: Some(p.organisation_id.clone()),
            action: "network.update",
            entity_type: "network",
            entity_id: Some(p.id.clone()),
            before: snapshot(&before),
            after: snapshot(&after),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// The project's coverage now: its structure, scope and agents (four queries).
pub async fn coverage_of<Db: ConnectionTrait>(
    db: &Db,
    organisation_id: &str,
    project_id: &str,
) -> Result<(Coverage, Vec<AgentState>), AppError> {
    let (structure, _) = repo::structure(db, organisation_id).await?;
    let scope: Vec<coverage::ScopeUnit> = repo::scope_units(db, project_id)
        .await?
        .iter()
        .filter(|u| u.archived_at.is_none())
        .map(|u| coverage::ScopeUnit {
            id: parse_id(&u.id),
            name: u.name.clone(),
            level: u.level.clone(),
            dimensions: views::dims(u),
        })
        .collect();
    let all = repo::agents(db, project_id).await?;
    let units: Vec<coverage::AgentUnits> = all
        .iter()
        .map(|a| coverage::AgentUnits {
            active: a.status == AgentStatus::Active,
            unit_ids: a.unit_ids.iter().map(|u| parse_id(u)).collect(),
        })
        .collect();
    Ok((coverage::coverage(&structure, &scope, &units), all))
}
