use std::collections::HashMap;

use chrono::Utc;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;
use varig_types::{
    AwaitedMember, GateDecisionInput, GateRequest, GateRequestPage, GateStatus, NewGateRequest,
    NewRecommendation, PhaseHistory, ProblemCode, ProjectRole, Recommendation, RecommendationEntry,
};

use super::projects::project_for;
use super::ApiTags;
use crate::access::Action;
use crate::audit::{self, snapshot, Change};
use crate::auth::{BearerAuth, Principal};
use crate::domain::{self, field_error, Check};
use crate::entities::gate_recommendation as rec;
use crate::entities::gate_request::{self as gate, Column as C, Entity as Gate};
use crate::entities::{membership, project, user};
use crate::error::{ApiResult, AppError};
use crate::gates::{self, machine, Status};
use crate::ids::{new_id, page_request, parse_id};
use crate::state::AppState;
use crate::store;
use crate::views;

pub struct GatesApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum CreateGateRequestResponse {
    /// The request is open; steering-group members can recommend and the owner decide.
    #[oai(status = 201)]
    Created(Json<GateRequest>),
}

#[derive(ApiResponse)]
pub enum ListGateRequestsResponse {
    /// The project's transition requests, oldest first.
    #[oai(status = 200)]
    Ok(Json<GateRequestPage>),
}

#[derive(ApiResponse)]
pub enum GateRequestResponse {
    /// The transition request with recommendations and decision.
    #[oai(status = 200)]
    Ok(Json<GateRequest>),
}

#[derive(ApiResponse)]
pub enum PhaseHistoryResponse {
    /// The project's stays in each phase and the days spent.
    #[oai(status = 200)]
    Ok(Json<PhaseHistory>),
}

fn status_of(s: &str) -> Status {
    match s {
        "withdrawn" => Status::Withdrawn,
        "decided" => Status::Decided,
        _ => Status::Open,
    }
}

fn gate_status(s: &str) -> GateStatus {
    match status_of(s) {
        Status::Open => GateStatus::Open,
        Status::Withdrawn => GateStatus::Withdrawn,
        Status::Decided => GateStatus::Decided,
    }
}

fn recommendation_of(s: &str) -> Recommendation {
    match s {
        "support" => Recommendation::Support,
        "against" => Recommendation::Against,
        _ => Recommendation::Abstain,
    }
}

fn recommendation_str(r: Recommendation) -> &'static str {
    match r {
        Recommendation::Support => "support",
        Recommendation::Against => "against",
        Recommendation::Abstain => "abstain",
    }
}

fn closed() -> AppError {
    AppError::State {
        code: ProblemCode::GateClosed,
        detail: "The request was already decided or withdrawn.".into(),
    }
}

fn stale() -> AppError {
    AppError::State {
        code: ProblemCode::GateStale,
        detail: "The project's phase changed since the request was made; submit a new request."
            .into(),
    }
}

/// The API view of a request: recommendations and the steering-group members still awaited.
async fn view<Db: ConnectionTrait>(db: &Db, g: &gate::Model) -> Result<GateRequest, AppError> {
    let recs = rec::Entity::find()
        .filter(rec::Column::RequestId.eq(g.id.clone()))
        .order_by_asc(rec::Column::Id)
        .all(db)
        .await?;
    let steering = membership::Entity::find()
        .filter(membership::Column::ProjectId.eq(g.project_id.clone()))
        .filter(membership::Column::Role.eq(ProjectRole::SteeringGroup.as_str()))
        .filter(membership::Column::ArchivedAt.is_null())
        .all(db)
        .await?;
    let mut ids: Vec<String> = recs.iter().map(|r| r.user_id.clone()).collect();
    ids.extend(steering.iter().map(|m| m.user_id.clone()));
    let names: HashMap<String, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let name = |id: &str| names.get(id).cloned().unwrap_or_default();
    let recommendations = recs
        .iter()
        .map(|r| RecommendationEntry {
            user_id: parse_id(&r.user_id),
            user_name: name(&r.user_id),
            recommendation: recommendation_of(&r.recommendation),
            comment: r.comment.clone(),
            at: r.created_at,
            meeting: match (&r.meeting_series_id, r.meeting_date) {
                (Some(series), Some(date)) => Some(varig_types::MeetingRef {
                    series_id: parse_id(series),
                    date,
                }),
                _ => None,
            },
        })
        .collect();
    let awaiting = if status_of(&g.status) == Status::Open {
        steering
            .iter()
            .filter(|m| !recs.iter().any(|r| r.user_id == m.user_id))
            .map(|m| AwaitedMember {
                user_id: parse_id(&m.user_id),
                user_name: name(&m.user_id),
            })
            .collect()
    } else {
        vec![]
    };
    Ok(GateRequest {
        id: parse_id(&g.id),
        project_id: parse_id(&g.project_id),
        requested_by: parse_id(&g.requested_by),
        requested_in: views::phase(&g.requested_in),
        target: gates::parse_target(&g.target),
        summary: g.summary.clone(),
        evidence: serde_json::from_str(&g.evidence).unwrap_or(serde_json::Value::Null),
        status: gate_status(&g.status),
        recommendations,
        awaiting,
        decision: g.decision.as_deref().and_then(gates::parse_decision),
        decision_reason: g.decision_reason.clone(),
        decided_by: g.decided_by.as_deref().map(parse_id),
        decided_at: g.decided_at,
        resulting_phase: g.resulting_phase.as_deref().map(views::phase),
        created_at: g.created_at,
    })
}

/// A request and its project, checked for `action` on that project.
async fn gate_for(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    action: Action,
) -> Result<(gate::Model, project::Model), AppError> {
    let g = Gate::find_by_id(id.to_string())
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let (p, _) = project_for(state, who, &g.project_id, action).await?;
    Ok((g, p))
}

fn change(
    action: &'static str,
    org: &str,
    id: &str,
    before: Option<&GateRequest>,
    after: &GateRequest,
) -> Change<'static> {
    Change {
        organisation_id: Some(org.to_owned()),
        action,
        entity_type: "gate_request",
        entity_id: Some(id.to_owned()),
        before: before.and_then(snapshot),
        after: snapshot(after),
    }
}

/// Records `action` on request `g` in the audit log, commits, and answers with `after`.
async fn commit_with_audit(
    txn: sea_orm::DatabaseTransaction,
    who: &Principal,
    action: &'static str,
    g: &gate::Model,
    before: &GateRequest,
    after: GateRequest,
) -> ApiResult<GateRequestResponse> {
    audit::record(
        &txn,
        Some(who),
        change(action, &g.organisation_id, &g.id, Some(before), &after),
    )
    .await?;
    txn.commit().await?;
    Ok(GateRequestResponse::Ok(Json(after)))
}

#[OpenApi(tag = "ApiTags::Gates")]
impl GatesApi {
    /// Request a phase transition
    ///
    /// The project leader asks to move to the next phase, back to an earlier one, or (in
    /// Sustain) for the evaluation decision. The request freezes as evidence the project,
    /// its members, the checklist and milestones of the current phase, the completion of every
    /// phase and the latest readiness result. One open request per project.
    #[oai(
        path = "/v1/projects/:id/gate-requests",
        method = "post",
        operation_id = "create_gate_request"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<NewGateRequest>,
    ) -> ApiResult<CreateGateRequestResponse> {
        let who = &auth.0;
        let (p, _) = project_for(&self.state, who, &id.0.to_string(), Action::GateRequest).await?;
        let mut check = Check::new();
        let summary = check.take(domain::required_text("summary", &body.summary));
        check.finish()?;
        let current = views::phase(&p.phase);
        if p.archived_at.is_some() {
            return Err(AppError::State {
                code: ProblemCode::ProjectNotActive,
                detail: "The project is archived.".into(),
            }
            .into());
        }
        match machine::check_request(
            current,
            gates::project_state(&p.state),
            gates::target_of(body.target),
        ) {
            Ok(()) => {}
            Err(machine::GateError::ProjectNotActive) => {
                return Err(AppError::State {
                    code: ProblemCode::ProjectNotActive,
                    detail: "The project is finished.".into(),
                }
                .into())
            }
            Err(e) => {
                return Err(AppError::Validation(vec![field_error(
                    "target",
                    "illegal_target",
                    e.to_string(),
                )])
                .into())
            }
        }
        let open = Gate::find()
            .filter(C::ProjectId.eq(p.id.clone()))
            .filter(C::Status.eq("open"))
            .one(&self.state.db)
            .await?;
        if open.is_some() {
            return Err(AppError::State {
                code: ProblemCode::GateOpenExists,
                detail: "The project already has an open request.".into(),
            }
            .into());
        }
        let members = membership::Entity::find()
            .filter(membership::Column::ProjectId.eq(p.id.clone()))
            .filter(membership::Column::ArchivedAt.is_null())
            .all(&self.state.db)
            .await?;
        let users: HashMap<String, user::Model> = user::Entity::find()
            .filter(
                user::Column::Id.is_in(
                    members
                        .iter()
                        .map(|m| m.user_id.clone())
                        .collect::<Vec<_>>(),
                ),
            )
            .all(&self.state.db)
            .await?
            .into_iter()
            .map(|u| (u.id.clone(), u))
            .collect();
        let mut evidence =
            crate::plan::store::evidence(&self.state.db, &p.id, current, Utc::now()).await?;
        evidence["project"] = serde_json::json!(views::project(&p, None));
        evidence["members"] = serde_json::json!(members
            .iter()
            .map(|m| views::membership(m, users.get(&m.user_id)))
            .collect::<Vec<_>>());
        let model = gate::Model {
            id: new_id(),
            project_id: p.id.clone(),
            organisation_id: p.organisation_id.clone(),
            requested_by: who.user_id_str().unwrap_or_default(),
            requested_in: p.phase.clone(),
            target: gates::target_str(body.target).into(),
            summary: summary.unwrap_or_default(),
            evidence: evidence.to_string(),
            status: "open".into(),
            decision: None,
            decision_reason: None,
            decided_by: None,
            decided_at: None,
            resulting_phase: None,
            created_at: Utc::now(),
        };
        let txn = crate::db::begin_write(&self.state.db).await?;
        Gate::insert(gate::ActiveModel::from(model.clone()))
            .exec_without_returning(&txn)
            .await
            .map_err(|e| match e.sql_err() {
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => AppError::State {
                    code: ProblemCode::GateOpenExists,
                    detail: "The project already has an open request.".into(),
                },
                _ => AppError::Db(e),
            })?;
        let after = view(&txn, &model).await?;
        audit::record(
            &txn,
            Some(who),
            change("gate.request", &p.organisation_id, &model.id, None, &after),
        )
        .await?;
        txn.commit().await?;
        Ok(CreateGateRequestResponse::Created(Json(after)))
    }

    /// List a project's transition requests
    ///
    /// Open, withdrawn and decided requests, oldest first, each with its recommendations.
    #[oai(
        path = "/v1/projects/:id/gate-requests",
        method = "get",
        operation_id = "list_gate_requests"
    )]
    async fn list(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Page size, 1–200 (default 50).
        limit: Query<Option<u32>>,
    ) -> ApiResult<ListGateRequestsResponse> {
        let (p, _) = project_for(&self.state, &auth.0, &id.0.to_string(), Action::GateRead).await?;
        let page = page_request(cursor.0.as_deref(), limit.0)?;
        let q = Gate::find().filter(C::ProjectId.eq(p.id));
        let (rows, next_cursor) = store::fetch_page(&self.state.db, q, &page, None).await?;
        let mut items = vec![];
        for g in &rows {
            items.push(view(&self.state.db, g).await?);
        }
        Ok(ListGateRequestsResponse::Ok(Json(GateRequestPage {
            items,
            next_cursor,
        })))
    }

    /// Get a transition request
    ///
    /// With the frozen evidence, every recommendation, the steering-group members who have
    /// not answered, and the decision.
    #[oai(
        path = "/v1/gate-requests/:id",
        method = "get",
        operation_id = "get_gate_request"
    )]
    async fn get(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<GateRequestResponse> {
        let (g, _) = gate_for(&self.state, &auth.0, id.0, Action::GateRead).await?;
        Ok(GateRequestResponse::Ok(Json(
            view(&self.state.db, &g).await?,
        )))
    }

    /// Withdraw a transition request
    ///
    /// The project leader, while the request is open.
    #[oai(
        path = "/v1/gate-requests/:id/withdraw",
        method = "post",
        operation_id = "withdraw_gate_request"
    )]
    async fn withdraw(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<GateRequestResponse> {
        let who = &auth.0;
        let (g, _) = gate_for(&self.state, who, id.0, Action::GateRequest).await?;
        machine::withdraw(status_of(&g.status)).map_err(|_| closed())?;
        let txn = crate::db::begin_write(&self.state.db).await?;
        let before = view(&txn, &g).await?;
        let res = Gate::update_many()
            .col_expr(C::Status, Expr::value("withdrawn"))
            .filter(C::Id.eq(g.id.clone()))
            .filter(C::Status.eq("open"))
            .exec(&txn)
            .await?;
        if res.rows_affected == 0 {
            return Err(closed().into());
        }
        let after = view(&txn, &store::reload::<Gate, _>(&txn, &g.id).await?).await?;
        commit_with_audit(txn, who, "gate.withdraw", &g, &before, after).await
    }

    /// Recommend on a transition request
    ///
    /// Steering-group members, once each, while the request is open: support, against or
    /// abstain, with a comment.
    #[oai(
        path = "/v1/gate-requests/:id/recommendations",
        method = "post",
        operation_id = "recommend_gate_request"
    )]
    async fn recommend(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<NewRecommendation>,
    ) -> ApiResult<GateRequestResponse> {
        let who = &auth.0;
        let (g, _) = gate_for(&self.state, who, id.0, Action::GateRecommend).await?;
        let mut check = Check::new();
        let comment = check.take(domain::description("comment", &body.comment));
        check.finish()?;
        if let Some(m) = &body.meeting {
            crate::api::minutes::steering_meeting(&self.state, &g.project_id, m).await?;
        }
        if status_of(&g.status) != Status::Open {
            return Err(closed().into());
        }
        let txn = crate::db::begin_write(&self.state.db).await?;
        let before = view(&txn, &g).await?;
        let row = rec::ActiveModel {
            id: Set(new_id()),
            request_id: Set(g.id.clone()),
            user_id: Set(who.user_id_str().unwrap_or_default()),
            recommendation: Set(recommendation_str(body.recommendation).into()),
            comment: Set(comment.unwrap_or_default()),
            created_at: Set(Utc::now()),
            meeting_series_id: Set(body.meeting.as_ref().map(|m| m.series_id.to_string())),
            meeting_date: Set(body.meeting.as_ref().map(|m| m.date)),
        };
        rec::Entity::insert(row)
            .exec_without_returning(&txn)
            .await
            .map_err(|e| match e.sql_err() {
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
                    AppError::Conflict("You have already recommended on this request.".into())
                }
                _ => AppError::Db(e),
            })?;
        let after = view(&txn, &g).await?;
        commit_with_audit(txn, who, "gate.recommend", &g, &before, after).await
    }

    /// Decide a transition request
    ///
    /// The project owner only: approve, reject (with a reason) or send back to an earlier
    /// phase; for an evaluation from Sustain: continue, adjust, restart or de-implement.
    /// Final: a second decision, a decision on a withdrawn request, or on a request whose
    /// project changed phase meanwhile gets 409.
    #[oai(
        path = "/v1/gate-requests/:id/decision",
        method = "post",
        operation_id = "decide_gate_request"
    )]
    async fn decide(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<GateDecisionInput>,
    ) -> ApiResult<GateRequestResponse> {
        let who = &auth.0;
        let (g, p) = gate_for(&self.state, who, id.0, Action::GateDecide).await?;
        let decision = gates::decision_of(&body)?;
        let target = gates::target_of(gates::parse_target(&g.target));
        let requested_in = views::phase(&g.requested_in);
        let current = views::phase(&p.phase);
        let outcome = match machine::decide(
            status_of(&g.status),
            requested_in,
            current,
            target,
            &decision,
        ) {
            Ok(o) => o,
            Err(machine::GateError::Stale) => {
                // The phase moved: by another decision on this very request, or by an older one.
                let now_status = store::reload::<Gate, _>(&self.state.db, &g.id)
                    .await?
                    .status;
                return Err(if status_of(&now_status) == Status::Open {
                    stale()
                } else {
                    closed()
                }
                .into());
            }
            Err(e) => {
                return Err(match e {
                    machine::GateError::NotOpen => closed(),
                    machine::GateError::ReasonRequired => {
                        AppError::field("reason", "required", e.to_string())
                    }
                    machine::GateError::SendBackNotEarlier => {
                        AppError::field("to_phase", "not_earlier", e.to_string())
                    }
                    other => AppError::field("decision", "does_not_fit", other.to_string()),
                }
                .into())
            }
        };
        let now = Utc::now();
        let txn = crate::db::begin_write(&self.state.db).await?;
        let before = view(&txn, &g).await?;
        // Claim the request: of two racing decisions exactly one flips it from open.
        let claimed = Gate::update_many()
            .col_expr(C::Status, Expr::value("decided"))
            .col_expr(C::Decision, Expr::value(gates::decision_str(body.decision)))
            .col_expr(
                C::DecisionReason,
                Expr::value(body.reason.clone().filter(|r| !r.trim().is_empty())),
            )
            .col_expr(C::DecidedBy, Expr::value(who.user_id_str()))
            .col_expr(C::DecidedAt, Expr::value(now))
            .col_expr(C::ResultingPhase, Expr::value(outcome.phase.as_str()))
            .filter(C::Id.eq(g.id.clone()))
            .filter(C::Status.eq("open"))
            .exec(&txn)
            .await?;
        if claimed.rows_affected == 0 {
            txn.rollback().await?;
            return Err(closed().into());
        }
        // Move the project only if it is still in the phase the request was made in.
        let moved = project::Entity::update_many()
            .col_expr(project::Column::Phase, Expr::value(outcome.phase.as_str()))
            .col_expr(
                project::Column::State,
                Expr::value(gates::state_str(outcome.state)),
            )
            .col_expr(
                project::Column::Version,
                Expr::col(project::Column::Version).add(1),
            )
            .col_expr(project::Column::UpdatedAt, Expr::value(now))
            .filter(project::Column::Id.eq(p.id.clone()))
            .filter(project::Column::Phase.eq(g.requested_in.clone()))
            .exec(&txn)
            .await?;
        if moved.rows_affected == 0 {
            txn.rollback().await?;
            return Err(stale().into());
        }
        if outcome.phase.as_str() != p.phase {
            gates::store::leave_phase(&txn, &p.id, now, &g.id).await?;
            gates::store::enter_phase(&txn, &p.id, outcome.phase, now).await?;
        }
        let after_project = store::reload::<project::Entity, _>(&txn, &p.id).await?;
        let after = view(&txn, &store::reload::<Gate, _>(&txn, &g.id).await?).await?;
        audit::record(
            &txn,
            Some(who),
            Change {
                organisation_id: Some(p.organisation_id.clone()),
                action: "project.phase_change",
                entity_type: "project",
                entity_id: Some(p.id.clone()),
                before: snapshot(&views::project(&p, None)),
                after: snapshot(&views::project(&after_project, None)),
            },
        )
        .await?;
        commit_with_audit(txn, who, "gate.decide", &g, &before, after).await
    }

    /// Phase history
    ///
    /// Each stay in a phase with the days spent, and the total days per phase (the duration
    /// scores of the Stages of Implementation Completion).
    #[oai(
        path = "/v1/projects/:id/phase-history",
        method = "get",
        operation_id = "get_phase_history"
    )]
    async fn history(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<PhaseHistoryResponse> {
        let (p, _) = project_for(&self.state, &auth.0, &id.0.to_string(), Action::GateRead).await?;
        Ok(PhaseHistoryResponse::Ok(Json(
            gates::store::history(&self.state.db, &p, Utc::now()).await?,
        )))
    }
}
