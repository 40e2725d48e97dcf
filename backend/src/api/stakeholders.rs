//! Stakeholder analysis: who is affected or has influence, their attitude, planned measures.

use chrono::Utc;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;
use varig_types::{Stakeholder, StakeholderInput, StakeholderPage};

use super::plan_items::{self as items, STAKEHOLDER as KIND};
use super::ApiTags;
use crate::access::Action;
use crate::auth::BearerAuth;
use crate::domain::{self, Check};
use crate::entities::stakeholder::{self as sh, Column as C, Entity as Sh};
use crate::error::{ApiResult, AppError};
use crate::ids::{check_if_match, etag, new_id, page_request};
use crate::plan::views;
use crate::state::AppState;
use crate::store;

pub struct StakeholdersApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum ListStakeholdersResponse {
    /// A page of the project's stakeholders in creation order.
    #[oai(status = 200)]
    Ok(Json<StakeholderPage>),
}

#[derive(ApiResponse)]
pub enum CreateStakeholderResponse {
    /// The stakeholder was added.
    #[oai(status = 201)]
    Created(Json<Stakeholder>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum StakeholderResponse {
    /// The stakeholder as it is now.
    #[oai(status = 200)]
    Ok(Json<Stakeholder>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum DeleteStakeholderResponse {
    /// The stakeholder is gone.
    #[oai(status = 204)]
    Deleted,
}

fn valid(body: &StakeholderInput) -> Result<(String, String), AppError> {
    let mut check = Check::new();
    let name = check.take(domain::name("name", &body.name));
    let measures = check.take(domain::description("measures", &body.measures));
    check.finish()?;
    Ok((name.unwrap_or_default(), measures.unwrap_or_default()))
}

#[OpenApi(tag = "ApiTags::PlanningTools")]
impl StakeholdersApi {
    /// List stakeholders
    ///
    /// Each with the handling its influence and how much it is affected suggest.
    #[oai(
        path = "/v1/projects/:id/stakeholders",
        method = "get",
        operation_id = "list_stakeholders"
    )]
    async fn list(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Page size, 1–200 (default 50).
        limit: Query<Option<u32>>,
    ) -> ApiResult<ListStakeholdersResponse> {
        let p = items::project_checked(&self.state, &auth.0, id.0, Action::PlanRead).await?;
        let page = page_request(cursor.0.as_deref(), limit.0)?;
        let q = Sh::find().filter(C::ProjectId.eq(p.id.clone()));
        let (rows, next_cursor) = store::fetch_page(&self.state.db, q, &page, None).await?;
        Ok(ListStakeholdersResponse::Ok(Json(StakeholderPage {
            items: rows.iter().map(views::stakeholder).collect(),
            next_cursor,
        })))
    }

    /// Add a stakeholder
    ///
    /// A person, group or organisation affected by or influencing the change.
    #[oai(
        path = "/v1/projects/:id/stakeholders",
        method = "post",
        operation_id = "create_stakeholder"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<StakeholderInput>,
    ) -> ApiResult<CreateStakeholderResponse> {
        let who = &auth.0;
        let p = items::project_checked(&self.state, who, id.0, Action::PlanWrite).await?;
        let (name, measures) = valid(&body)?;
        items::writable(&p)?;
        let now = Utc::now();
        let model = sh::Model {
            id: new_id(),
            project_id: p.id.clone(),
            name,
            influence: body.influence.as_str().into(),
            affected: body.affected.as_str().into(),
            attitude: body.attitude.as_str().into(),
            measures,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let view = items::create::<Sh, _>(
            &self.state,
            who,
            &p,
            &KIND,
            model.clone(),
            |_| vec![],
            |m, _| views::stakeholder(m),
        )
        .await?;
        Ok(CreateStakeholderResponse::Created(
            Json(view),
            etag(model.version),
        ))
    }

    /// Replace a stakeholder
    ///
    /// Sends the whole stakeholder; needs `If-Match` with its version.
    #[oai(
        path = "/v1/stakeholders/:id",
        method = "put",
        operation_id = "update_stakeholder"
    )]
    async fn update(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<StakeholderInput>,
    ) -> ApiResult<StakeholderResponse> {
        let who = &auth.0;
        let (before, p) = items::item_for::<Sh>(&self.state, who, id.0, Action::PlanWrite).await?;
        let (name, measures) = valid(&body)?;
        let version = check_if_match(if_match.0.as_deref(), before.version)?;
        items::writable(&p)?;
        let values: store::Values = vec![
            ("name", Expr::value(name)),
            ("influence", Expr::value(body.influence.as_str())),
            ("affected", Expr::value(body.affected.as_str())),
            ("attitude", Expr::value(body.attitude.as_str())),
            ("measures", Expr::value(measures)),
        ];
        let (a, after) = items::replace::<Sh, _>(
            &self.state,
            who,
            &p,
            &KIND,
            &before,
            version,
            values,
            |_| vec![],
            |m, _| views::stakeholder(m),
        )
        .await?;
        Ok(StakeholderResponse::Ok(Json(a), etag(after.version)))
    }

    /// Delete a stakeholder
    ///
    /// `If-Match`, when sent, must name the current version.
    #[oai(
        path = "/v1/stakeholders/:id",
        method = "delete",
        operation_id = "delete_stakeholder"
    )]
    async fn delete(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
    ) -> ApiResult<DeleteStakeholderResponse> {
        items::delete::<Sh, _>(
            &self.state,
            &auth.0,
            id.0,
            if_match.0.as_deref(),
            &KIND,
            |m| m.version,
            views::stakeholder,
            |_| Ok(()),
        )
        .await?;
        Ok(DeleteStakeholderResponse::Deleted)
    }
}
