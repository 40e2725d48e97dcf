//! The risk register: probability × consequence, owner and mitigation.

use chrono::Utc;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;
use varig_types::{Risk, RiskInput, RiskPage, RiskStatus};

use super::plan_items::{self as items, RISK as KIND};
use super::ApiTags;
use crate::access::Action;
use crate::auth::BearerAuth;
use crate::domain::{self, Check};
use crate::entities::risk::{self as rk, Column as C, Entity as Rk};
use crate::error::{ApiResult, AppError};
use crate::ids::{check_if_match, etag, new_id, page_request};
use crate::plan::{store as plan, views};
use crate::state::AppState;
use crate::store;

pub struct RisksApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum ListRisksResponse {
    /// A page of the project's risks in creation order, each with score and level.
    #[oai(status = 200)]
    Ok(Json<RiskPage>),
}

#[derive(ApiResponse)]
pub enum CreateRiskResponse {
    /// The risk was registered.
    #[oai(status = 201)]
    Created(Json<Risk>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum RiskResponse {
    /// The risk as it is now.
    #[oai(status = 200)]
    Ok(Json<Risk>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum DeleteRiskResponse {
    /// The risk is gone.
    #[oai(status = 204)]
    Deleted,
}

struct Valid {
    title: String,
    description: String,
    mitigation: String,
    owner: Option<String>,
}

async fn valid<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    body: &RiskInput,
) -> Result<Valid, AppError> {
    let mut check = Check::new();
    let title = check.take(domain::name("title", &body.title));
    let description = check.take(domain::description("description", &body.description));
    check.take(domain::in_range("probability", body.probability, 1..=5));
    check.take(domain::in_range("consequence", body.consequence, 1..=5));
    let mitigation = check.take(domain::description("mitigation", &body.mitigation));
    check.finish()?;
    Ok(Valid {
        title: title.unwrap_or_default(),
        description: description.unwrap_or_default(),
        mitigation: mitigation.unwrap_or_default(),
        owner: items::member(db, project_id, "owner_id", body.owner_id).await?,
    })
}

#[OpenApi(tag = "ApiTags::PlanningTools")]
impl RisksApi {
    /// List risks
    ///
    /// Optionally only open or closed ones.
    #[oai(
        path = "/v1/projects/:id/risks",
        method = "get",
        operation_id = "list_risks"
    )]
    async fn list(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// Only risks with this status.
        status: Query<Option<RiskStatus>>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Page size, 1–200 (default 50).
        limit: Query<Option<u32>>,
    ) -> ApiResult<ListRisksResponse> {
        let p = items::project_checked(&self.state, &auth.0, id.0, Action::PlanRead).await?;
        let page = page_request(cursor.0.as_deref(), limit.0)?;
        let mut q = Rk::find().filter(C::ProjectId.eq(p.id.clone()));
        if let Some(s) = status.0 {
            q = q.filter(C::Status.eq(s.as_str()));
        }
        let (rows, next_cursor) = store::fetch_page(&self.state.db, q, &page, None).await?;
        let ids = rows.iter().filter_map(|r| r.owner_id.clone()).collect();
        let names = plan::names(&self.state.db, ids).await?;
        Ok(ListRisksResponse::Ok(Json(RiskPage {
            items: rows.iter().map(|r| views::risk(r, &names)).collect(),
            next_cursor,
        })))
    }

    /// Register a risk
    ///
    /// Probability and consequence from 1 to 5; the score is their product and the level
    /// low (1–5), medium (6–14) or high (15–25).
    #[oai(
        path = "/v1/projects/:id/risks",
        method = "post",
        operation_id = "create_risk"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<RiskInput>,
    ) -> ApiResult<CreateRiskResponse> {
        let who = &auth.0;
        let p = items::project_checked(&self.state, who, id.0, Action::PlanWrite).await?;
        let v = valid(&self.state.db, &p.id, &body).await?;
        items::writable(&p)?;
        let now = Utc::now();
        let model = rk::Model {
            id: new_id(),
            project_id: p.id.clone(),
            title: v.title,
            description: v.description,
            probability: body.probability,
            consequence: body.consequence,
            owner_id: v.owner,
            mitigation: v.mitigation,
            status: body.status.unwrap_or(RiskStatus::Open).as_str().into(),
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let view = items::create::<Rk, _>(
            &self.state,
            who,
            &p,
            &KIND,
            model.clone(),
            |m| m.owner_id.iter().cloned().collect(),
            views::risk,
        )
        .await?;
        Ok(CreateRiskResponse::Created(Json(view), etag(model.version)))
    }

    /// Replace a risk
    ///
    /// Sends the whole risk; needs `If-Match` with its version.
    #[oai(path = "/v1/risks/:id", method = "put", operation_id = "update_risk")]
    async fn update(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<RiskInput>,
    ) -> ApiResult<RiskResponse> {
        let who = &auth.0;
        let (before, p) = items::item_for::<Rk>(&self.state, who, id.0, Action::PlanWrite).await?;
        let v = valid(&self.state.db, &p.id, &body).await?;
        let version = check_if_match(if_match.0.as_deref(), before.version)?;
        items::writable(&p)?;
        let values: store::Values = vec![
            ("title", Expr::value(v.title)),
            ("description", Expr::value(v.description)),
            ("probability", Expr::value(body.probability)),
            ("consequence", Expr::value(body.consequence)),
            ("owner_id", Expr::value(v.owner)),
            ("mitigation", Expr::value(v.mitigation)),
            (
                "status",
                Expr::value(body.status.unwrap_or(RiskStatus::Open).as_str()),
            ),
        ];
        let (a, after) = items::replace::<Rk, _>(
            &self.state,
            who,
            &p,
            &KIND,
            &before,
            version,
            values,
            |m| m.owner_id.iter().cloned().collect(),
            views::risk,
        )
        .await?;
        Ok(RiskResponse::Ok(Json(a), etag(after.version)))
    }

    /// Delete a risk
    ///
    /// `If-Match`, when sent, must name the current version.
    #[oai(
        path = "/v1/risks/:id",
        method = "delete",
        operation_id = "delete_risk"
    )]
    async fn delete(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
    ) -> ApiResult<DeleteRiskResponse> {
        items::delete::<Rk, _>(
            &self.state,
            &auth.0,
            id.0,
            if_match.0.as_deref(),
            &KIND,
            |m| m.version,
            |m| views::risk(m, &Default::default()),
            |_| Ok(()),
        )
        .await?;
        Ok(DeleteRiskResponse::Deleted)
    }
}
