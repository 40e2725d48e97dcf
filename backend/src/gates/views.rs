//! The API's views of a transition request and of the phase history.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use varig_types::{
    AwaitedMember, GateRequest, GateStatus, Phase, PhaseHistory, PhaseStay, ProjectRole,
    RecommendationEntry,
};

use super::repo;
use crate::entities::{gate_request as gate, project};
use crate::error::AppError;
use crate::ids::parse_id;
use crate::views;

/// A request with its recommendations and the steering-group members still awaited.
pub async fn request<Db: ConnectionTrait>(
    db: &Db,
    g: &gate::Model,
) -> Result<GateRequest, AppError> {
    let project_id = g.project_id.to_string();
    let recs = repo::recommendations(db, g.id).await?;
    let steering = repo::members(db, &project_id, Some(ProjectRole::SteeringGroup)).await?;
    let mut ids: Vec<String> = recs.iter().map(|r| r.user_id.to_string()).collect();
    ids.extend(steering.iter().map(|m| m.user_id.clone()));
    let users = repo::users(db, ids).await?;
    let name = |id: &str| users.get(id).map(|u| u.name.clone()).unwrap_or_default();
    let recommendations = recs
        .iter()
        .map(|r| RecommendationEntry {
            user_id: r.user_id.uuid(),
            user_name: name(&r.user_id.to_string()),
            recommendation: r.recommendation,
            comment: r.comment.clone(),
            at: r.created_at,
            meeting: match (r.meeting_series_id, r.meeting_date) {
                (Some(series), Some(date)) => Some(varig_types::MeetingRef {
                    series_id: series.uuid(),
                    date,
                }),
                _ => None,
            },
        })
        .collect();
    let awaiting = if g.status == GateStatus::Open {
        steering
            .iter()
            .filter(|m| !recs.iter().any(|r| r.user_id.to_string() == m.user_id))
            .map(|m| AwaitedMember {
                user_id: parse_id(&m.user_id),
                user_name: name(&m.user_id),
            })
            .collect()
    } else {
        vec![]
    };
    Ok(GateRequest {
        id: g.id.uuid(),
        project_id: g.project_id.uuid(),
        requested_by: g.requested_by.uuid(),
        requested_in: g.requested_in,
        target: g.target,
        summary: g.summary.clone(),
        evidence: serde_json::from_str(&g.evidence).unwrap_or(serde_json::Value::Null),
        status: g.status,
        recommendations,
        awaiting,
        decision: g.decision,
        decision_reason: g.decision_reason.clone(),
        decided_by: g.decided_by.map(|id| id.uuid()),
        decided_at: g.decided_at,
        resulting_phase: g.resulting_phase,
        created_at: g.created_at,
    })
}

/// Each stay in a phase with its days, the days per phase and the checklist's completion.
pub async fn history<Db: ConnectionTrait>(
    db: &Db,
    project: &project::Model,
    now: DateTime<Utc>,
) -> Result<PhaseHistory, AppError> {
    let rows = repo::stays(db, &project.id).await?;
    let stays: Vec<PhaseStay> = if rows.is_empty() {
        // A project from before phase history was kept: one stay since its creation.
        vec![PhaseStay {
            phase: views::phase(&project.phase),
            entered_at: project.created_at,
            left_at: None,
            days: (now - project.created_at).num_days(),
            ended_by_request: None,
        }]
    } else {
        rows.iter()
            .map(|r| PhaseStay {
                phase: r.phase,
                entered_at: r.entered_at,
                left_at: r.left_at,
                days: (r.left_at.unwrap_or(now) - r.entered_at).num_days(),
                ended_by_request: r.ended_by_request.map(|id| id.uuid()),
            })
            .collect()
    };
    let total = |p: Phase| stays.iter().filter(|s| s.phase == p).map(|s| s.days).sum();
    let items = crate::plan::store::checklist_rows(db, &project.id).await?;
    Ok(PhaseHistory {
        checklist: crate::plan::store::completion_of(&items),
        days_prepare: total(Phase::Prepare),
        days_plan: total(Phase::Plan),
        days_implement: total(Phase::Implement),
        days_sustain: total(Phase::Sustain),
        stays,
    })
}
