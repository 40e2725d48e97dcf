//! The milestone plan: dated deliverables per phase with a responsible member.

use chrono::Utc;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;
use varig_types::{Milestone, MilestoneInput, MilestonePage, MilestoneStatus, Phase};

use super::plan_items::{self as items, MILESTONE as KIND};
use super::ApiTags;
use crate::access::Action;
use crate::auth::BearerAuth;
use crate::domain::{self, Check};
use crate::entities::milestone::{self as ms, Column as C, Entity as Ms};
use crate::error::{ApiResult, AppError};
use crate::ids::{check_if_match, etag, new_id, page_request};
use crate::plan::{store as plan, views};
use crate::state::AppState;
use crate::store;

pub struct MilestonesApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum ListMilestonesResponse {
    /// A page of the project's milestones in creation order.
    #[oai(status = 200)]
    Ok(Json<MilestonePage>),
}

#[derive(ApiResponse)]
pub enum CreateMilestoneResponse {
    /// The milestone was added.
    #[oai(status = 201)]
    Created(Json<Milestone>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum MilestoneResponse {
    /// The milestone as it is now.
    #[oai(status = 200)]
    Ok(Json<Milestone>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum DeleteMilestoneResponse {
    /// The milestone is gone.
    #[oai(status = 204)]
    Deleted,
}

struct Valid {
    title: String,
    description: String,
    status: MilestoneStatus,
    responsible: Option<String>,
}

async fn valid<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    body: &MilestoneInput,
) -> Result<Valid, AppError> {
    let mut check = Check::new();
    let title = check.take(domain::name("title", &body.title));
    let description = check.take(domain::description("description", &body.description));
    check.finish()?;
    Ok(Valid {
        title: title.unwrap_or_default(),
        description: description.unwrap_or_default(),
        status: body.status.unwrap_or(MilestoneStatus::Planned),
        responsible: items::member(db, project_id, "responsible_id", body.responsible_id).await?,
    })
}

#[OpenApi(tag = "ApiTags::Plan")]
impl MilestonesApi {
    /// List milestones
    ///
    /// The project's milestones with `overdue` computed (due date passed in Europe/Oslo,
    /// neither done nor cancelled); optionally of one phase.
    #[oai(
        path = "/v1/projects/:id/milestones",
        method = "get",
        operation_id = "list_milestones"
    )]
    async fn list(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// Only milestones of this phase.
        phase: Query<Option<Phase>>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Page size, 1–200 (default 50).
        limit: Query<Option<u32>>,
    ) -> ApiResult<ListMilestonesResponse> {
        let p = items::project_checked(&self.state, &auth.0, id.0, Action::PlanRead).await?;
        let page = page_request(cursor.0.as_deref(), limit.0)?;
        let mut q = Ms::find().filter(C::ProjectId.eq(p.id.clone()));
        if let Some(ph) = phase.0 {
            q = q.filter(C::Phase.eq(ph.as_str()));
        }
        let (rows, next_cursor) = store::fetch_page(&self.state.db, q, &page, None).await?;
        let ids = rows
            .iter()
            .filter_map(|r| r.responsible_id.clone())
            .collect();
        let names = plan::names(&self.state.db, ids).await?;
        let now = Utc::now();
        Ok(ListMilestonesResponse::Ok(Json(MilestonePage {
            items: rows
                .iter()
                .map(|r| views::milestone(r, &names, now))
                .collect(),
            next_cursor,
        })))
    }

    /// Add a milestone
    ///
    /// A dated deliverable of a phase; the responsible person must be a project member.
    #[oai(
        path = "/v1/projects/:id/milestones",
        method = "post",
        operation_id = "create_milestone"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<MilestoneInput>,
    ) -> ApiResult<CreateMilestoneResponse> {
        let who = &auth.0;
        let p = items::project_checked(&self.state, who, id.0, Action::PlanWrite).await?;
        let v = valid(&self.state.db, &p.id, &body).await?;
        items::writable(&p)?;
        let now = Utc::now();
        let model = ms::Model {
            id: new_id(),
            project_id: p.id.clone(),
            phase: body.phase.as_str().into(),
            title: v.title,
            description: v.description,
            due_date: body.due_date,
            responsible_id: v.responsible,
            status: v.status.as_str().into(),
            completed_at: (v.status == MilestoneStatus::Done).then_some(now),
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let view = items::create::<Ms, _>(
            &self.state,
            who,
            &p,
            &KIND,
            model.clone(),
            |m| m.responsible_id.iter().cloned().collect(),
            |m, n| views::milestone(m, n, Utc::now()),
        )
        .await?;
        Ok(CreateMilestoneResponse::Created(
            Json(view),
            etag(model.version),
        ))
    }

    /// Replace a milestone
    ///
    /// Sends the whole milestone; needs `If-Match` with its version. Marking it done
    /// records when.
    #[oai(
        path = "/v1/milestones/:id",
        method = "put",
        operation_id = "update_milestone"
    )]
    async fn update(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<MilestoneInput>,
    ) -> ApiResult<MilestoneResponse> {
        let who = &auth.0;
        let (before, p) = items::item_for::<Ms>(&self.state, who, id.0, Action::PlanWrite).await?;
        let v = valid(&self.state.db, &p.id, &body).await?;
        let version = check_if_match(if_match.0.as_deref(), before.version)?;
        items::writable(&p)?;
        let completed_at = match (v.status, before.completed_at) {
            (MilestoneStatus::Done, Some(at)) => Some(at),
            (MilestoneStatus::Done, None) => Some(Utc::now()),
            _ => None,
        };
        let values: store::Values = vec![
            ("phase", Expr::value(body.phase.as_str())),
            ("title", Expr::value(v.title)),
            ("description", Expr::value(v.description)),
            ("due_date", Expr::value(body.due_date)),
            ("responsible_id", Expr::value(v.responsible)),
            ("status", Expr::value(v.status.as_str())),
            ("completed_at", Expr::value(completed_at)),
        ];
        let (a, after) = items::replace::<Ms, _>(
            &self.state,
            who,
            &p,
            &KIND,
            &before,
            version,
            values,
            |m| m.responsible_id.iter().cloned().collect(),
            |m, n| views::milestone(m, n, Utc::now()),
        )
        .await?;
        Ok(MilestoneResponse::Ok(Json(a), etag(after.version)))
    }

    /// Delete a milestone
    ///
    /// `If-Match`, when sent, must name the current version.
    #[oai(
        path = "/v1/milestones/:id",
        method = "delete",
        operation_id = "delete_milestone"
    )]
    async fn delete(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
    ) -> ApiResult<DeleteMilestoneResponse> {
        let now = Utc::now();
        items::delete::<Ms, _>(
            &self.state,
            &auth.0,
            id.0,
            if_match.0.as_deref(),
            &KIND,
            |m| m.version,
            |m| views::milestone(m, &Default::default(), now),
            |_| Ok(()),
        )
        .await?;
        Ok(DeleteMilestoneResponse::Deleted)
    }
}
