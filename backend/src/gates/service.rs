//! Transitions as the roles make them: checked against the state machine, written in one
//! transaction each with their audit record (and so their outbox event).

use chrono::Utc;
use sea_orm::DatabaseTransaction;
use uuid::Uuid;
use varig_types::{
    GateDecisionInput, GateRequest, GateRequestPage, GateStatus, NewGateRequest, NewRecommendation,
    PhaseHistory, ProblemCode,
};

use super::machine::{self, GateError};
use super::{repo, rules, views};
use crate::access::{project_for, Action};
use crate::audit::{self, snapshot, Change};
use crate::auth::Principal;
use crate::domain::{self, field_error, Check};
use crate::entities::{gate_recommendation as rec, gate_request as gate, project};
use crate::error::AppError;
use crate::ids::{page_request, Id};
use crate::state::AppState;

fn closed() -> AppError {
    AppError::conflict(
        ProblemCode::GateClosed,
        "The request was already decided or withdrawn.",
    )
}

fn stale() -> AppError {
    AppError::conflict(
        ProblemCode::GateStale,
        "The project's phase changed since the request was made; submit a new request.",
    )
}

fn not_active(detail: &str) -> AppError {
    AppError::conflict(ProblemCode::ProjectNotActive, detail)
}

/// A request and its project, checked for `action` on that project.
async fn gate_for(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    action: Action,
) -> Result<(gate::Model, project::Model), AppError> {
    let g = repo::find(&state.db, id.into()).await?;
    let (p, _) = project_for(state, who, &g.project_id.to_string(), action).await?;
    Ok((g, p))
}

fn change(
    action: &'static str,
    g: &gate::Model,
    before: Option<&GateRequest>,
    after: &GateRequest,
) -> Change<'static> {
    Change {
        organisation_id: Some(g.organisation_id.to_string()),
        action,
        entity_type: "gate_request",
        entity_id: Some(g.id.to_string()),
        before: before.and_then(snapshot),
        after: snapshot(after),
    }
}

/// Records `action` on request `g` in the audit log, commits, and answers with the request
/// as it is now.
async fn commit_with_audit(
    txn: DatabaseTransaction,
    who: &Principal,
    action: &'static str,
    g: &gate::Model,
    before: &GateRequest,
) -> Result<GateRequest, AppError> {
    let after = views::request(&txn, &repo::find(&txn, g.id).await?).await?;
    audit::record(&txn, Some(who), change(action, g, Some(before), &after)).await?;
    txn.commit().await?;
    Ok(after)
}

pub async fn create(
    state: &AppState,
    who: &Principal,
    project_id: Uuid,
    body: &NewGateRequest,
) -> Result<GateRequest, AppError> {
    let (p, _) = project_for(state, who, &project_id.to_string(), Action::GateRequest).await?;
    let mut check = Check::new();
    let summary = check.take(domain::required_text("summary", &body.summary));
    check.finish()?;
    let current = crate::views::phase(&p.phase);
    if p.archived_at.is_some() {
        return Err(not_active("The project is archived."));
    }
    match machine::check_request(current, p.state, rules::target_of(body.target)) {
        Ok(()) => {}
        Err(GateError::ProjectNotActive) => return Err(not_active("The project is finished.")),
        Err(e) => {
            return Err(AppError::Validation(vec![field_error(
                "target",
                "illegal_target",
                e.to_string(),
            )]))
        }
    }
    if repo::open_request(&state.db, &p.id).await?.is_some() {
        return Err(AppError::conflict(
            ProblemCode::GateOpenExists,
            "The project already has an open request.",
        ));
    }
    let members = repo::members(&state.db, &p.id, None).await?;
    let users = repo::users(
        &state.db,
        members.iter().map(|m| m.user_id.clone()).collect(),
    )
    .await?;
    let mut evidence = crate::plan::store::evidence(&state.db, &p.id, current, Utc::now()).await?;
    evidence["project"] = serde_json::json!(crate::views::project(&p, None));
    evidence["members"] = serde_json::json!(members
        .iter()
        .map(|m| crate::views::membership(m, users.get(&m.user_id)))
        .collect::<Vec<_>>());
    let model = gate::Model {
        id: Id::new(),
        project_id: Id::stored(&p.id)?,
        organisation_id: Id::stored(&p.organisation_id)?,
        requested_by: Id::from(who.user_id.ok_or(AppError::Forbidden)?),
        requested_in: current,
        target: body.target,
        summary: summary.unwrap_or_default(),
        evidence: evidence.to_string(),
        status: GateStatus::Open,
        decision: None,
        decision_reason: None,
        decided_by: None,
        decided_at: None,
        resulting_phase: None,
        created_at: Utc::now(),
    };
    let txn = crate::db::begin_write(&state.db).await?;
    repo::insert(&txn, model.clone()).await?;
    let after = views::request(&txn, &model).await?;
    audit::record(
        &txn,
        Some(who),
        change("gate.request", &model, None, &after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

pub async fn list(
    state: &AppState,
    who: &Principal,
    project_id: Uuid,
    cursor: Option<&str>,
    limit: Option<u32>,
) -> Result<GateRequestPage, AppError> {
    let (p, _) = project_for(state, who, &project_id.to_string(), Action::GateRead).await?;
    let page = page_request(cursor, limit)?;
    let (rows, next_cursor) = repo::page(&state.db, &p.id, &page).await?;
    let mut items = vec![];
    for g in &rows {
        items.push(views::request(&state.db, g).await?);
    }
    Ok(GateRequestPage { items, next_cursor })
}

pub async fn get(state: &AppState, who: &Principal, id: Uuid) -> Result<GateRequest, AppError> {
    let (g, _) = gate_for(state, who, id, Action::GateRead).await?;
    views::request(&state.db, &g).await
}

pub async fn withdraw(
    state: &AppState,
    who: &Principal,
    id: Uuid,
) -> Result<GateRequest, AppError> {
    let (g, _) = gate_for(state, who, id, Action::GateRequest).await?;
    machine::withdraw(g.status).map_err(|_| closed())?;
    let txn = crate::db::begin_write(&state.db).await?;
    let before = views::request(&txn, &g).await?;
    if !repo::withdraw(&txn, g.id).await? {
        return Err(closed());
    }
    commit_with_audit(txn, who, "gate.withdraw", &g, &before).await
}

pub async fn recommend(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    body: &NewRecommendation,
) -> Result<GateRequest, AppError> {
    let (g, _) = gate_for(state, who, id, Action::GateRecommend).await?;
    let mut check = Check::new();
    let comment = check.take(domain::description("comment", &body.comment));
    check.finish()?;
    if let Some(m) = &body.meeting {
        crate::api::minutes::steering_meeting(state, &g.project_id.to_string(), m).await?;
    }
    if g.status != GateStatus::Open {
        return Err(closed());
    }
    let txn = crate::db::begin_write(&state.db).await?;
    let before = views::request(&txn, &g).await?;
    let row = rec::Model {
        id: Id::new(),
        request_id: g.id,
        user_id: Id::from(who.user_id.ok_or(AppError::Forbidden)?),
        recommendation: body.recommendation,
        comment: comment.unwrap_or_default(),
        created_at: Utc::now(),
        meeting_series_id: body.meeting.as_ref().map(|m| Id::from(m.series_id)),
        meeting_date: body.meeting.as_ref().map(|m| m.date),
    };
    repo::insert_recommendation(&txn, row).await?;
    commit_with_audit(txn, who, "gate.recommend", &g, &before).await
}

pub async fn decide(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    body: &GateDecisionInput,
) -> Result<GateRequest, AppError> {
    let (g, p) = gate_for(state, who, id, Action::GateDecide).await?;
    let decision = rules::decision_of(body)?;
    let current = crate::views::phase(&p.phase);
    let outcome = match machine::decide(
        g.status,
        g.requested_in,
        current,
        rules::target_of(g.target),
        &decision,
    ) {
        Ok(o) => o,
        Err(GateError::Stale) => {
            // The phase moved: by another decision on this very request, or by an older one.
            let now_status = repo::find(&state.db, g.id).await?.status;
            return Err(if now_status == GateStatus::Open {
                stale()
            } else {
                closed()
            });
        }
        Err(e) => {
            return Err(match e {
                GateError::NotOpen => closed(),
                GateError::ReasonRequired => AppError::field("reason", "required", e.to_string()),
                GateError::SendBackNotEarlier => {
                    AppError::field("to_phase", "not_earlier", e.to_string())
                }
                other => AppError::field("decision", "does_not_fit", other.to_string()),
            })
        }
    };
    let now = Utc::now();
    let txn = crate::db::begin_write(&state.db).await?;
    let before = views::request(&txn, &g).await?;
    let claim = repo::Claim {
        decision: body.decision,
        reason: body.reason.clone().filter(|r| !r.trim().is_empty()),
        by: who.user_id.map(Id::from),
        at: now,
        phase: outcome.phase,
    };
    if !repo::claim_decision(&txn, g.id, claim).await? {
        txn.rollback().await?;
        return Err(closed());
    }
    if !repo::move_project(
        &txn,
        &p.id,
        g.requested_in,
        outcome.phase,
        outcome.state,
        now,
    )
    .await?
    {
        txn.rollback().await?;
        return Err(stale());
    }
    if outcome.phase != current {
        repo::leave_phase(&txn, &p.id, now, g.id).await?;
        repo::enter_phase(&txn, &p.id, outcome.phase, now).await?;
    }
    let after_project = repo::project(&txn, &p.id).await?;
    audit::record(
        &txn,
        Some(who),
        Change {
            organisation_id: Some(p.organisation_id.clone()),
            action: "project.phase_change",
            entity_type: "project",
            entity_id: Some(p.id.clone()),
            before: snapshot(&crate::views::project(&p, None)),
            after: snapshot(&crate::views::project(&after_project, None)),
        },
    )
    .await?;
    commit_with_audit(txn, who, "gate.decide", &g, &before).await
}

pub async fn history(
    state: &AppState,
    who: &Principal,
    project_id: Uuid,
) -> Result<PhaseHistory, AppError> {
    let (p, _) = project_for(state, who, &project_id.to_string(), Action::GateRead).await?;
    views::history(&state.db, &p, Utc::now()).await
}
