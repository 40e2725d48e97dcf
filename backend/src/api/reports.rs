//! Field reports: filed from phones (idempotent on the phone's id), the leader's feed with
//! filters, CSV export and reactions per unit over time.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, SubsecRound, Utc};
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::{Json, PlainText};
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect, Select,
};
use uuid::Uuid;
use varig_types::{
    Activity, FieldReport, FieldReportPage, NewFieldReport, ProjectRole, ReactionStage,
    ReactionTimeline, ReportBarrier,
};

use super::plan_items as items;
use super::projects::{project_and_unit_for, project_for};
use super::ApiTags;
use crate::access::{self, Action, Subject};
use crate::auth::{BearerAuth, Principal};
use crate::domain::field_error;
use crate::entities::{field_report as fr, project, unit};
use crate::error::{ApiResult, AppError};
use crate::ids::{new_id, page_of, page_request, parse_id};
use crate::plan::store::names;
use crate::reports;
use crate::reports::writer::Written;
use crate::state::AppState;

pub const MAX_EXPORT: u64 = 100_000;

pub struct ReportsApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum CreateReportResponse {
    /// The report was stored.
    #[oai(status = 201)]
    Created(Json<FieldReport>),
    /// The report was stored before (same id): this is the original, unchanged.
    #[oai(status = 200)]
    Replayed(Json<FieldReport>),
}

#[derive(ApiResponse)]
pub enum ListReportsResponse {
    /// A page of reports, newest received first.
    #[oai(status = 200)]
    Ok(Json<FieldReportPage>),
}

#[derive(ApiResponse)]
pub enum ExportReportsResponse {
    /// The reports as CSV (RFC 4180), newest received first, at most 100000 rows.
    #[oai(status = 200, content_type = "text/csv; charset=utf-8")]
    Ok(
        PlainText<String>,
        #[oai(header = "Content-Disposition")] String,
    ),
}

#[derive(ApiResponse)]
pub enum ReactionsResponse {
    /// Reaction stages reported per unit and month.
    #[oai(status = 200)]
    Ok(Json<ReactionTimeline>),
}

/// What the caller may read: every report, or only their own.
enum Reach {
    All,
    Own(String),
}

async fn reach(
    state: &AppState,
    who: &Principal,
    id: Uuid,
) -> Result<(project::Model, Reach), AppError> {
    let (p, role) = project_for(state, who, &id.to_string(), Action::NetworkRead).await?;
    let mut subjects = who.subjects();
    subjects.extend(role.map(Subject::Project));
    if access::allowed(&subjects, Action::ReportReadAll) {
        return Ok((p, Reach::All));
    }
    match (role, who.user_id_str()) {
        (Some(ProjectRole::ChangeAgent), Some(me)) => Ok((p, Reach::Own(me))),
        _ => Err(AppError::Forbidden),
    }
}

async fn views<Db: ConnectionTrait>(
    db: &Db,
    rows: &[fr::Model],
) -> Result<Vec<FieldReport>, AppError> {
    let people = names(db, rows.iter().map(|r| r.agent_user_id.clone()).collect()).await?;
    let mut unit_ids: Vec<String> = rows.iter().map(|r| r.unit_id.clone()).collect();
    unit_ids.sort_unstable();
    unit_ids.dedup();
    let mut units: HashMap<String, String> = HashMap::new();
    for chunk in unit_ids.chunks(500) {
        for u in unit::Entity::find()
            .filter(unit::Column::Id.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            units.insert(u.id, u.name);
        }
    }
    Ok(rows
        .iter()
        .map(|r| {
            view_of(
                r,
                people.get(&r.agent_user_id).cloned().unwrap_or_default(),
                units.get(&r.unit_id).cloned().unwrap_or_default(),
            )
        })
        .collect())
}

fn view_of(r: &fr::Model, agent_name: String, unit_name: String) -> FieldReport {
    FieldReport {
        id: parse_id(&r.id),
        project_id: parse_id(&r.project_id),
        agent_user_id: parse_id(&r.agent_user_id),
        agent_name,
        date: r.date,
        unit_id: parse_id(&r.unit_id),
        unit_name,
        activity: Activity::parse(&r.activity).unwrap_or(Activity::Other),
        people_reached: r.people_reached,
        stage: ReactionStage::parse(&r.stage).unwrap_or(ReactionStage::Awareness),
        resistance: r
            .resistance
            .as_deref()
            .and_then(varig_types::Resistance::parse),
        barriers: serde_json::from_str::<Vec<ReportBarrier>>(&r.barriers).unwrap_or_default(),
        successes: r.successes.clone(),
        support_needed: r.support_needed.clone(),
        created_at: r.created_at,
    }
}

/// The row a new report is stored as.
fn model_of(body: &NewFieldReport, project: Uuid, author: String, now: DateTime<Utc>) -> fr::Model {
    fr::Model {
        id: body.id.to_string(),
        project_id: project.to_string(),
        received_id: new_id(),
        agent_user_id: author,
        date: body.date,
        unit_id: body.unit_id.to_string(),
        activity: body.activity.as_str().into(),
        people_reached: body.people_reached,
        stage: body.stage.as_str().into(),
        resistance: body.resistance.map(|r| r.as_str().to_owned()),
        barriers: serde_json::json!(body.barriers).to_string(),
        successes: body.successes.trim().to_owned(),
        support_needed: body.support_needed.trim().to_owned(),
        created_at: now,
    }
}

/// The feed's filters.
struct Filters {
    unit: Option<Uuid>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    activity: Option<Activity>,
    stage: Option<ReactionStage>,
    agent: Option<Uuid>,
}

fn filtered(p: &project::Model, reach: &Reach, f: &Filters) -> Select<fr::Entity> {
    let mut q = fr::Entity::find().filter(fr::Column::ProjectId.eq(p.id.clone()));
    if let Reach::Own(me) = reach {
        q = q.filter(fr::Column::AgentUserId.eq(me.clone()));
    }
    if let Some(u) = f.unit {
        q = q.filter(fr::Column::UnitId.eq(u.to_string()));
    }
    if let Some(d) = f.from {
        q = q.filter(fr::Column::Date.gte(d));
    }
    if let Some(d) = f.to {
        q = q.filter(fr::Column::Date.lte(d));
    }
    if let Some(a) = f.activity {
        q = q.filter(fr::Column::Activity.eq(a.as_str()));
    }
    if let Some(s) = f.stage {
        q = q.filter(fr::Column::Stage.eq(s.as_str()));
    }
    if let Some(a) = f.agent {
        q = q.filter(fr::Column::AgentUserId.eq(a.to_string()));
    }
    q
}

/// The project and the unit's name if it is in the project's scope, for a caller who may
/// file reports there (404 / 403 otherwise): one joined query, or none when this caller
/// filed for this unit moments ago and nothing has changed since (`auth::cache`).
async fn filing_access(
    state: &AppState,
    who: &Principal,
    project: Uuid,
    unit: Uuid,
) -> Result<(project::Model, Option<String>), AppError> {
    let key = who.user_id.map(|user| (user, project, unit));
    if let Some(hit) = key.as_ref().and_then(|k| state.report_access.get(k)) {
        return Ok(hit);
    }
    let generation = state.report_access.generation();
    let (p, _, unit_name) = project_and_unit_for(
        state,
        who,
        &project.to_string(),
        Action::ReportWrite,
        Some(&unit.to_string()),
    )
    .await?;
    if let Some(key) = key {
        state
            .report_access
            .put(key, (p.clone(), unit_name.clone()), generation);
    }
    Ok((p, unit_name))
}

/// The stored report `id` as its author would get it back, if it exists.
async fn original(
    state: &AppState,
    who: &Principal,
    p: &project::Model,
    id: Uuid,
) -> Result<Option<FieldReport>, AppError> {
    let Some(existing) = fr::Entity::find_by_id(id.to_string())
        .one(&state.db)
        .await?
    else {
        return Ok(None);
    };
    if existing.project_id != p.id || Some(&existing.agent_user_id) != who.user_id_str().as_ref() {
        return Err(AppError::Conflict(
            "Another report already has this id; generate a new one.".into(),
        ));
    }
    Ok(views(&state.db, &[existing]).await?.pop())
}

#[OpenApi(tag = "ApiTags::Reports")]
impl ReportsApi {
    /// File a field report
    ///
    /// The phone generates the report's `id`. Sending the same report again (after a lost
    /// answer, or from the offline queue) stores nothing new and answers 200 with the
    /// original; an id used by someone else's report is a 409.
    #[oai(
        path = "/v1/projects/:id/reports",
        method = "post",
        operation_id = "create_report"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<NewFieldReport>,
    ) -> ApiResult<CreateReportResponse> {
        let who = &auth.0;
        // Microseconds: what both databases keep, so a replay answers with the same instant.
        let now = Utc::now().trunc_subsecs(6);
        let valid = reports::check(&body, reports::today(now));
        let (p, unit) = filing_access(&self.state, who, id.0, body.unit_id).await?;
        let mut errors = valid.err().unwrap_or_default();
        if unit.is_none() {
            errors.push(field_error(
                "unit_id",
                "not_in_scope",
                "the unit is not in the project's scope",
            ));
        }
        if !errors.is_empty() {
            // A replay of a report stored earlier is answered with it, even if it would no
            // longer pass (its unit left the scope since, say).
            if let Some(r) = original(&self.state, who, &p, body.id).await? {
                return Ok(CreateReportResponse::Replayed(Json(r)));
            }
            return Err(AppError::Validation(errors).into());
        }
        if let Err(closed) = items::writable(&p) {
            // The answer to a report filed before the project was archived may have been lost.
            if let Some(r) = original(&self.state, who, &p, body.id).await? {
                return Ok(CreateReportResponse::Replayed(Json(r)));
            }
            return Err(closed.into());
        }
        let author = who.user_id_str().ok_or(AppError::Forbidden)?;
        let model = model_of(&body, id.0, author, now);
        let view = view_of(&model, who.name.clone(), unit.unwrap_or_default());
        let event = crate::outbox::NewEvent {
            event_type: varig_types::WebhookEventType::ReportFiled,
            organisation_id: p.organisation_id.clone(),
            project_id: Some(p.id.clone()),
            data: match serde_json::to_value(&view) {
                Ok(serde_json::Value::Object(map)) => map,
                _ => serde_json::Map::new(),
            },
        }
        .into_row(now);
        // Stored with whatever other reports are waiting, in one transaction with their
        // `report.filed` events (`reports::writer`). A replay finds its id taken and is
        // answered with the original (and makes no second event).
        if self.state.reports.insert(model, Some(event)).await? == Written::AlreadyThere {
            return match original(&self.state, who, &p, body.id).await? {
                Some(r) => Ok(CreateReportResponse::Replayed(Json(r))),
                None => Err(AppError::Internal(format!(
                    "report {} was neither stored nor found",
                    body.id
                ))
                .into()),
            };
        }
        Ok(CreateReportResponse::Created(Json(view)))
    }

    /// List field reports
    ///
    /// The project's reports, newest received first, filtered by unit, period (report
    /// date), activity, stage or agent. Change agents see their own reports only.
    #[oai(
        path = "/v1/projects/:id/reports",
        method = "get",
        operation_id = "list_reports"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn list(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// Only reports about this unit.
        unit: Query<Option<Uuid>>,
        /// Reports dated on or after this day.
        from: Query<Option<NaiveDate>>,
        /// Reports dated on or before this day.
        to: Query<Option<NaiveDate>>,
        activity: Query<Option<Activity>>,
        stage: Query<Option<ReactionStage>>,
        /// Only this agent's reports (a user id).
        agent: Query<Option<Uuid>>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Page size, 1–200 (default 50).
        limit: Query<Option<u32>>,
    ) -> ApiResult<ListReportsResponse> {
        let (p, reach) = reach(&self.state, &auth.0, id.0).await?;
        let page = page_request(cursor.0.as_deref(), limit.0)?;
        let f = Filters {
            unit: unit.0,
            from: from.0,
            to: to.0,
            activity: activity.0,
            stage: stage.0,
            agent: agent.0,
        };
        let mut q = filtered(&p, &reach, &f)
            .order_by(fr::Column::ReceivedId, Order::Desc)
            .limit(page.limit + 1);
        if let Some(after) = &page.after {
            q = q.filter(fr::Column::ReceivedId.lt(after.clone()));
        }
        let (rows, next_cursor) =
            page_of(q.all(&self.state.db).await?, page.limit, |r| &r.received_id);
        Ok(ListReportsResponse::Ok(Json(FieldReportPage {
            items: views(&self.state.db, &rows).await?,
            next_cursor,
        })))
    }

    /// Export field reports as CSV
    ///
    /// The same filters and visibility as the list, as a spreadsheet-safe CSV file.
    #[oai(
        path = "/v1/projects/:id/reports.csv",
        method = "get",
        operation_id = "export_reports"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn export(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// Only reports about this unit.
        unit: Query<Option<Uuid>>,
        /// Reports dated on or after this day.
        from: Query<Option<NaiveDate>>,
        /// Reports dated on or before this day.
        to: Query<Option<NaiveDate>>,
        activity: Query<Option<Activity>>,
        stage: Query<Option<ReactionStage>>,
        /// Only this agent's reports (a user id).
        agent: Query<Option<Uuid>>,
    ) -> ApiResult<ExportReportsResponse> {
        let (p, reach) = reach(&self.state, &auth.0, id.0).await?;
        let f = Filters {
            unit: unit.0,
            from: from.0,
            to: to.0,
            activity: activity.0,
            stage: stage.0,
            agent: agent.0,
        };
        let rows = filtered(&p, &reach, &f)
            .order_by(fr::Column::ReceivedId, Order::Desc)
            .limit(MAX_EXPORT)
            .all(&self.state.db)
            .await?;
        let csv = reports::csv(&views(&self.state.db, &rows).await?);
        Ok(ExportReportsResponse::Ok(
            PlainText(csv),
            "attachment; filename=\"varig-reports.csv\"".into(),
        ))
    }

    /// Get reactions per unit over time
    ///
    /// How many reports per unit and month found staff at each stage, from awareness to
    /// ownership, or in resistance. For those who read all the project's reports.
    #[oai(
        path = "/v1/projects/:id/reactions",
        method = "get",
        operation_id = "get_reactions"
    )]
    async fn reactions(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// Reports dated on or after this day.
        from: Query<Option<NaiveDate>>,
        /// Reports dated on or before this day.
        to: Query<Option<NaiveDate>>,
    ) -> ApiResult<ReactionsResponse> {
        let who = &auth.0;
        let (p, _) =
            project_for(&self.state, who, &id.0.to_string(), Action::ReportReadAll).await?;
        let f = Filters {
            unit: None,
            from: from.0,
            to: to.0,
            activity: None,
            stage: None,
            agent: None,
        };
        let rows: Vec<(String, NaiveDate, String)> = filtered(&p, &Reach::All, &f)
            .select_only()
            .column(fr::Column::UnitId)
            .column(fr::Column::Date)
            .column(fr::Column::Stage)
            .into_tuple()
            .all(&self.state.db)
            .await?;
        let mut unit_ids: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
        unit_ids.sort_unstable();
        unit_ids.dedup();
        let mut unit_names: HashMap<String, String> = HashMap::new();
        for chunk in unit_ids.chunks(500) {
            for u in unit::Entity::find()
                .filter(unit::Column::Id.is_in(chunk.to_vec()))
                .all(&self.state.db)
                .await?
            {
                unit_names.insert(u.id, u.name);
            }
        }
        let points: Vec<_> = rows
            .into_iter()
            .filter_map(|(u, d, s)| {
                Some((
                    parse_id(&u),
                    unit_names.get(&u).cloned().unwrap_or_default(),
                    d,
                    ReactionStage::parse(&s)?,
                ))
            })
            .collect();
        Ok(ReactionsResponse::Ok(Json(ReactionTimeline {
            items: reports::timeline(&points),
        })))
    }
}
