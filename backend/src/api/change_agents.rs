//! The project's change agents: status through the network, units, training and coaching,
//! and their reporting activity with silent agents flagged.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;
use varig_types::{
    ChangeAgent, ChangeAgentPage, ChangeAgentUpdate, ProjectRole, TrainingRecord,
    TrainingRecordInput, TrainingRecordList,
};

use super::plan_items as items;
use super::projects::project_for;
use super::ApiTags;
use crate::access::Action;
use crate::audit::{self, snapshot, Change};
use crate::auth::{BearerAuth, Principal};
use crate::domain::{self, field_error, Check};
use crate::entities::{
    change_agent as ca, field_report as fr, membership, project, training_record as tr,
};
use crate::error::{ApiResult, AppError};
use crate::ids::{check_if_match, new_id, page_request, parse_id};
use crate::network::{agents as rules, store as net};
use crate::plan::store::names;
use crate::state::AppState;

pub struct ChangeAgentsApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum ListChangeAgentsResponse {
    /// A page of the project's change agents in the order they became members.
    #[oai(status = 200)]
    Ok(Json<ChangeAgentPage>),
}

#[derive(ApiResponse)]
pub enum ChangeAgentResponse {
    /// The change agent as it is now.
    #[oai(status = 200)]
    Ok(Json<ChangeAgent>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum TrainingListResponse {
    /// The agent's training and coaching, newest first.
    #[oai(status = 200)]
    Ok(Json<TrainingRecordList>),
}

#[derive(ApiResponse)]
pub enum CreateTrainingResponse {
    /// The training or coaching was recorded.
    #[oai(status = 201)]
    Created(Json<TrainingRecord>),
}

/// Reports per author: count and last date.
async fn report_stats<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
) -> Result<HashMap<String, (i64, Option<NaiveDate>)>, AppError> {
    let rows: Vec<(String, i64, Option<NaiveDate>)> = fr::Entity::find()
        .select_only()
        .column(fr::Column::AgentUserId)
        .column_as(fr::Column::Id.count(), "n")
        .column_as(fr::Column::Date.max(), "last")
        .filter(fr::Column::ProjectId.eq(project_id))
        .group_by(fr::Column::AgentUserId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(u, n, d)| (u, (n, d))).collect())
}

async fn training_hours<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
) -> Result<HashMap<String, f64>, AppError> {
    let rows: Vec<(String, Option<f64>)> = tr::Entity::find()
        .select_only()
        .column(tr::Column::AgentId)
        .column_as(tr::Column::Hours.sum(), "h")
        .filter(tr::Column::ProjectId.eq(project_id))
        .group_by(tr::Column::AgentId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(a, h)| (a, h.unwrap_or(0.0)))
        .collect())
}

/// Every agent of the project as the API shows them.
pub(crate) async fn views<Db: ConnectionTrait>(
    db: &Db,
    p: &project::Model,
) -> Result<Vec<ChangeAgent>, AppError> {
    let agents = net::agents(db, &p.id).await?;
    let stats = report_stats(db, &p.id).await?;
    let hours = training_hours(db, &p.id).await?;
    let names = names(
        db,
        agents
            .iter()
            .map(|a| a.membership.user_id.clone())
            .collect(),
    )
    .await?;
    let today = crate::reports::today(Utc::now());
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
                silent: rules::silent(
                    a.status,
                    last,
                    rules::active_since(&a.history),
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
async fn agent_for(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    action: Action,
) -> Result<(membership::Model, project::Model), AppError> {
    let m = membership::Entity::find_by_id(id.to_string())
        .one(&state.db)
        .await?
        .filter(|m| m.role == ProjectRole::ChangeAgent.as_str() && m.archived_at.is_none())
        .ok_or(AppError::NotFound)?;
    let (p, _) = project_for(state, who, &m.project_id, action).await?;
    Ok((m, p))
}

fn training_view(m: &tr::Model) -> TrainingRecord {
    TrainingRecord {
        id: parse_id(&m.id),
        agent_id: parse_id(&m.agent_id),
        date: m.date,
        kind: varig_types::TrainingKind::parse(&m.kind)
            .unwrap_or(varig_types::TrainingKind::Training),
        hours: m.hours,
        given_by: m.given_by.clone(),
        note: m.note.clone(),
        created_at: m.created_at,
    }
}

#[OpenApi(tag = "ApiTags::Network")]
impl ChangeAgentsApi {
    /// List change agents
    ///
    /// Every member in the change-agent role with status, units, training hours, number of
    /// reports, the date of the last one, and `silent` when an active agent has not
    /// reported for more than the project's `silent_after_weeks`.
    #[oai(
        path = "/v1/projects/:id/change-agents",
        method = "get",
        operation_id = "list_change_agents"
    )]
    async fn list(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// Only silent agents.
        silent: Query<Option<bool>>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Page size, 1–200 (default 50).
        limit: Query<Option<u32>>,
    ) -> ApiResult<ListChangeAgentsResponse> {
        let p = items::project_checked(&self.state, &auth.0, id.0, Action::NetworkRead).await?;
        let page = page_request(cursor.0.as_deref(), limit.0)?;
        let all = views(&self.state.db, &p).await?;
        let mut rest: Vec<ChangeAgent> = all
            .into_iter()
            .filter(|a| silent.0.is_none_or(|s| a.silent == s))
            .filter(|a| page.after.as_ref().is_none_or(|c| a.id.to_string() > *c))
            .collect();
        let next_cursor = (rest.len() > page.limit as usize)
            .then(|| crate::ids::cursor_of(&rest[page.limit as usize - 1].id.to_string()));
        rest.truncate(page.limit as usize);
        Ok(ListChangeAgentsResponse::Ok(Json(ChangeAgentPage {
            items: rest,
            next_cursor,
        })))
    }

    /// Update a change agent
    ///
    /// Moves the agent on (nominated → recruited → trained → active, or to inactive; an
    /// inactive agent may become active again) with the date, and sets their units, which
    /// must be in the project's scope. Needs `If-Match` with the agent's version.
    #[oai(
        path = "/v1/change-agents/:id",
        method = "put",
        operation_id = "update_change_agent"
    )]
    async fn update(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<ChangeAgentUpdate>,
    ) -> ApiResult<ChangeAgentResponse> {
        let who = &auth.0;
        let (m, p) = agent_for(&self.state, who, id.0, Action::NetworkWrite).await?;
        let row = ca::Entity::find_by_id(m.id.clone())
            .one(&self.state.db)
            .await?;
        let before = net::agent_state(m.clone(), row.as_ref());
        let mut check = Check::new();
        if let Err(e) = rules::check_transition(before.status, body.status) {
            check.push(field_error("status", "illegal_transition", e));
        }
        let scope: HashSet<String> = net::scope_units(&self.state.db, &p.id)
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
        let today = crate::reports::today(Utc::now());
        let on = body.on.unwrap_or(today);
        if on > today {
            check.push(field_error(
                "on",
                "out_of_range",
                "must not lie in the future",
            ));
        }
        check.finish()?;
        let version = check_if_match(if_match.0.as_deref(), before.version)?;
        items::writable(&p)?;
        let history = rules::record(&before.history, before.status, body.status, on);
        let mut units: Vec<String> = vec![];
        for u in &body.unit_ids {
            if !units.contains(&u.to_string()) {
                units.push(u.to_string());
            }
        }
        let history_json = serde_json::json!(history).to_string();
        let units_json = serde_json::json!(units).to_string();
        let now = Utc::now();
        let txn = crate::db::begin_write(&self.state.db).await?;
        if row.is_some() {
            let res = ca::Entity::update_many()
                .col_expr(ca::Column::Status, Expr::value(body.status.as_str()))
                .col_expr(ca::Column::History, Expr::value(history_json))
                .col_expr(ca::Column::UnitIds, Expr::value(units_json))
                .col_expr(ca::Column::UpdatedAt, Expr::value(now))
                .col_expr(ca::Column::Version, Expr::value(version + 1))
                .filter(ca::Column::Id.eq(m.id.clone()))
                .filter(ca::Column::Version.eq(version))
                .exec(&txn)
                .await?;
            if res.rows_affected == 0 {
                return Err(AppError::PreconditionFailed.into());
            }
        } else {
            ca::Entity::insert(ca::ActiveModel {
                id: Set(m.id.clone()),
                project_id: Set(p.id.clone()),
                user_id: Set(m.user_id.clone()),
                status: Set(body.status.as_str().into()),
                history: Set(history_json),
                unit_ids: Set(units_json),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(version + 1),
            })
            .exec_without_returning(&txn)
            .await
            .map_err(|e| match e.sql_err() {
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => AppError::PreconditionFailed,
                _ => AppError::Db(e),
            })?;
        }
        let all = views(&txn, &p).await?;
        let after = all
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
        let tag = crate::ids::etag(after.version);
        Ok(ChangeAgentResponse::Ok(Json(after), tag))
    }

    /// List an agent's training and coaching
    ///
    /// Newest first.
    #[oai(
        path = "/v1/change-agents/:id/training",
        method = "get",
        operation_id = "list_training_records"
    )]
    async fn training(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<TrainingListResponse> {
        let (m, _) = agent_for(&self.state, &auth.0, id.0, Action::NetworkRead).await?;
        let rows = tr::Entity::find()
            .filter(tr::Column::AgentId.eq(m.id))
            .order_by_desc(tr::Column::Date)
            .order_by_desc(tr::Column::Id)
            .all(&self.state.db)
            .await?;
        Ok(TrainingListResponse::Ok(Json(TrainingRecordList {
            items: rows.iter().map(training_view).collect(),
        })))
    }

    /// Record training or coaching
    ///
    /// Date, kind, hours (0.25–100) and who gave it.
    #[oai(
        path = "/v1/change-agents/:id/training",
        method = "post",
        operation_id = "create_training_record"
    )]
    async fn add_training(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<TrainingRecordInput>,
    ) -> ApiResult<CreateTrainingResponse> {
        let who = &auth.0;
        let (m, p) = agent_for(&self.state, who, id.0, Action::NetworkWrite).await?;
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
        if body.date > crate::reports::today(Utc::now()) {
            check.push(field_error(
                "date",
                "out_of_range",
                "must not lie in the future",
            ));
        }
        check.finish()?;
        items::writable(&p)?;
        let model = tr::Model {
            id: new_id(),
            agent_id: m.id.clone(),
            project_id: p.id.clone(),
            date: body.date,
            kind: body.kind.as_str().into(),
            hours: body.hours,
            given_by: given_by.unwrap_or_default(),
            note: note.unwrap_or_default(),
            created_at: Utc::now(),
        };
        let txn = crate::db::begin_write(&self.state.db).await?;
        tr::Entity::insert(tr::ActiveModel::from(model.clone()))
            .exec_without_returning(&txn)
            .await?;
        let view = training_view(&model);
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
        Ok(CreateTrainingResponse::Created(Json(view)))
    }
}
