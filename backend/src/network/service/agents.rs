//! A project's change agents as the API shows them, their moves through the network and
//! their training and coaching.

use std::collections::HashSet;

use chrono::Utc;
use sea_orm::ConnectionTrait;
use uuid::Uuid;
use varig_types::{ChangeAgent, ChangeAgentUpdate, TrainingRecord, TrainingRecordInput};

use crate::access::{project_for, Action};
use crate::audit::{self, snapshot, Change};
use crate::auth::Principal;
use crate::domain::{self, field_error, Check};
use crate::entities::{change_agent as ca, membership, project, training_record as tr};
use crate::error::AppError;
use crate::ids::{check_if_match, new_id, parse_id};
use crate::network::{machine, repo, views};
use crate::plan::store::names;
use crate::state::AppState;

/// Every agent of the project as the API shows them.
pub async fn agent_views<Db: ConnectionTrait>(
    db: &Db,
    p: &project::Model,
) -> Result<Vec<ChangeAgent>, AppError> {
    let agents = repo::agents(db, &p.id).await?;
    let stats = repo::report_stats(db, &p.id).await?;
    let hours = repo::training_hours(db, &p.id).await?;
    let names = names(
        db,
        agents
            .iter()
            .map(|a| a.membership.user_id.clone())
            .collect(),
    )
    .await?;
    let today = crate::reports::rules::today(Utc::now());
    Ok(agents
        .into_iter()
        .map(|a| {
            let (reports, last) = stats
                .get(&a.membership.user_id)
                .copied()
                .unwrap_or((0, None));
            ChangeAgent {
                id: parse_id(&a.membership.id),
                project_id: parse_id(&p.id),
                user_id: parse_id(&a.membership.user_id),
                user_name: names
                    .get(&a.membership.user_id)
                    .cloned()
                    .unwrap_or_default(),
                status: a.status,
                silent: machine::silent(
                    a.status,
                    last,
                    machine::active_since(&a.history),
                    today,
                    p.silent_after_weeks,
                ),
                history: a.history,
                unit_ids: a.unit_ids.iter().map(|u| parse_id(u)).collect(),
                training_hours: hours.get(&a.membership.id).copied().unwrap_or(0.0),
                reports,
                last_report_on: last,
                version: a.version,
            }
        })
        .collect())
}

/// The change-agent membership `id` and its project, checked for `action`.
pub async fn agent_for(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    action: Action,
) -> Result<(membership::Model, project::Model), AppError> {
    let m = repo::agent_membership(&state.db, &id.to_string())
        .await?
        .ok_or(AppError::NotFound)?;
    let (p, _) = project_for(state, who, &m.project_id, action).await?;
    Ok((m, p))
}

/// Moves agent `id` on and sets their units (in the project's scope).
pub async fn update(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    if_match: Option<&str>,
    body: &ChangeAgentUpdate,
) -> Result<ChangeAgent, AppError> {
    let (m, p) = agent_for(state, who, id, Action::NetworkWrite).await?;
    let row = repo::agent_row(&state.db, &m.id).await?;
    let before = views::agent_state(m.clone(), row.as_ref());
    let mut check = Check::new();
    if let Err(e) = machine::check_transition(before.status, body.status) {
        check.push(field_error("status", "illegal_transition", e));
    }
    let scope: HashSet<String> = repo::scope_units(&state.db, &p.id)
        .await?
        .into_iter()
        .filter(|u| u.archived_at.is_none())
        .map(|u| u.id)
        .collect();
    for (i, u) in body.unit_ids.iter().enumerate() {
        if !scope.contains(&u.to_string()) {
            check.push(field_error(
                &format!("unit_ids[{i}]"),
                "not_in_scope",
                "the unit is not in the project's scope",
            ));
        }
    }
    let today = crate::reports::rules::today(Utc::now());
    let on = body.on.unwrap_or(today);
    if on > today {
        check.push(field_error(
            "on",
            "out_of_range",
            "must not lie in the future",
        ));
    }
    check.finish()?;
    let version = check_if_match(if_match, before.version)?;
    crate::api::plan_items::writable(&p)?;
    let history = machine::record(&before.history, before.status, body.status, on);
    let mut units: Vec<String> = vec![];
    for u in &body.unit_ids {
        if !units.contains(&u.to_string()) {
            units.push(u.to_string());
        }
    }
    let history_json = serde_json::json!(history).to_string();
    let units_json = serde_json::json!(units).to_string();
    let now = Utc::now();
    let txn = crate::db::begin_write(&state.db).await?;
    if row.is_some() {
        repo::update_agent(
            &txn,
            &m.id,
            version,
            body.status,
            history_json,
            units_json,
            now,
        )
        .await?;
    } else {
        repo::insert_agent(
            &txn,
            ca::Model {
                id: m.id.clone(),
                project_id: p.id.clone(),
                user_id: m.user_id.clone(),
                status: body.status,
                history: history_json,
                unit_ids: units_json,
                created_at: now,
                updated_at: now,
                version: version + 1,
            },
        )
        .await?;
    }
    let after = agent_views(&txn, &p)
        .await?
        .into_iter()
        .find(|a| a.id.to_string() == m.id)
        .ok_or(AppError::NotFound)?;
    audit::record(
        &txn,
        Some(who),
        Change {
            organisation_id: Some(p.organisation_id.clone()),
            action: "change_agent.update",
            entity_type: "change_agent",
            entity_id: Some(m.id.clone()),
            before: snapshot(
                &serde_json::json!({"status": before.status, "unit_ids": before.unit_ids}),
            ),
            after: snapshot(&after),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Agent `id`'s training and coaching, newest first.
pub async fn training(
    state: &AppState,
    who: &Principal,
    id: Uuid,
) -> Result<Vec<TrainingRecord>, AppError> {
    let (m, _) = agent_for(state, who, id, Action::NetworkRead).await?;
    let rows = repo::training_records(&state.db, &m.id).await?;
    Ok(rows.iter().map(views::training).collect())
}

/// Records training or coaching of agent `id`.
pub async fn add_training(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    body: &TrainingRecordInput,
) -> Result<TrainingRecord, AppError> {
    let (m, p) = agent_for(state, who, id, Action::NetworkWrite).await?;
    let mut check = Check::new();
    let given_by = check.take(domain::name("given_by", &body.given_by));
    let note = check.take(domain::description("note", &body.note));
    if !(body.hours.is_finite() && (0.25..=100.0).contains(&body.hours)) {
        check.push(field_error(
            "hours",
            "out_of_range",
            "must be between 0.25 and 100",
        ));
    }
    if body.date > crate::reports::rules::today(Utc::now()) {
        check.push(field_error(
            "date",
            "out_of_range",
            "must not lie in the future",
        ));
    }
    check.finish()?;
    crate::api::plan_items::writable(&p)?;
    let model = tr::Model {
        id: new_id(),
        agent_id: m.id.clone(),
        project_id: p.id.clone(),
        date: body.date,
        kind: body.kind,
        hours: body.hours,
        given_by: given_by.unwrap_or_default(),
        note: note.unwrap_or_default(),
        created_at: Utc::now(),
    };
    let txn = crate::db::begin_write(&state.db).await?;
    repo::insert_training(&txn, &model).await?;
    let view = views::training(&model);
    audit::record(
        &txn,
        Some(who),
        Change {
            organisation_id: Some(p.organisation_id.clone()),
            action: "training_record.create",
            entity_type: "training_record",
            entity_id: Some(model.id.clone()),
            before: None,
            after: snapshot(&view),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(view)
}
