//! Barriers and facilitators by level (system, organisation, team, individual), with
//! strength, the kind of resistance (can't / won't / don't) and the chosen strategy.

use chrono::Utc;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;
use varig_types::{Barrier, BarrierInput, BarrierLevel, BarrierPage, ForceKind};

use super::plan_items::{self as items, BARRIER as KIND};
use super::ApiTags;
use crate::access::Action;
use crate::auth::BearerAuth;
use crate::domain::{self, Check};
use crate::entities::barrier::{self as br, Column as C, Entity as Br};
use crate::error::{ApiResult, AppError};
use crate::ids::{check_if_match, etag, new_id, page_request};
use crate::plan::{store as plan, views};
use crate::state::AppState;
use crate::store;

pub struct BarriersApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum ListBarriersResponse {
    /// A page of the project's barriers and facilitators in creation order.
    #[oai(status = 200)]
    Ok(Json<BarrierPage>),
}

#[derive(ApiResponse)]
pub enum CreateBarrierResponse {
    /// The barrier or facilitator was added.
    #[oai(status = 201)]
    Created(Json<Barrier>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum BarrierResponse {
    /// The barrier or facilitator as it is now.
    #[oai(status = 200)]
    Ok(Json<Barrier>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum DeleteBarrierResponse {
    /// The barrier or facilitator is gone.
    #[oai(status = 204)]
    Deleted,
}

struct Valid {
    description: String,
    strength: i32,
    strategy: String,
    responsible: Option<String>,
}

async fn valid<Db: ConnectionTrait>(
    db: &Db,
    project_id: &str,
    body: &BarrierInput,
) -> Result<Valid, AppError> {
    let mut check = Check::new();
    let description = check.take(domain::required_text("description", &body.description));
    let strength = check.take(domain::in_range("strength", body.strength, 1..=5));
    let strategy = check.take(domain::description("strategy", &body.strategy));
    check.finish()?;
    Ok(Valid {
        description: description.unwrap_or_default(),
        strength: strength.unwrap_or(1),
        strategy: strategy.unwrap_or_default(),
        responsible: items::member(db, project_id, "responsible_id", body.responsible_id).await?,
    })
}

#[OpenApi(tag = "ApiTags::PlanningTools")]
impl BarriersApi {
    /// List barriers and facilitators
    ///
    /// Optionally of one level.
    #[oai(
        path = "/v1/projects/:id/barriers",
        method = "get",
        operation_id = "list_barriers"
    )]
    async fn list(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// Only this level.
        level: Query<Option<BarrierLevel>>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Page size, 1–200 (default 50).
        limit: Query<Option<u32>>,
    ) -> ApiResult<ListBarriersResponse> {
        let p = items::project_checked(&self.state, &auth.0, id.0, Action::PlanRead).await?;
        let page = page_request(cursor.0.as_deref(), limit.0)?;
        let mut q = Br::find().filter(C::ProjectId.eq(p.id.clone()));
        if let Some(l) = level.0 {
            q = q.filter(C::Level.eq(l.as_str()));
        }
        let (rows, next_cursor) = store::fetch_page(&self.state.db, q, &page, None).await?;
        let ids = rows
            .iter()
            .filter_map(|r| r.responsible_id.clone())
            .collect();
        let names = plan::names(&self.state.db, ids).await?;
        Ok(ListBarriersResponse::Ok(Json(BarrierPage {
            items: rows.iter().map(|r| views::barrier(r, &names)).collect(),
            next_cursor,
        })))
    }

    /// Add a barrier or facilitator
    ///
    /// What works against (hemmer) or for (fremmer) the change at a level, how strongly,
    /// and the strategy chosen.
    #[oai(
        path = "/v1/projects/:id/barriers",
        method = "post",
        operation_id = "create_barrier"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<BarrierInput>,
    ) -> ApiResult<CreateBarrierResponse> {
        let who = &auth.0;
        let p = items::project_checked(&self.state, who, id.0, Action::PlanWrite).await?;
        let v = valid(&self.state.db, &p.id, &body).await?;
        items::writable(&p)?;
        let now = Utc::now();
        let model = br::Model {
            id: new_id(),
            project_id: p.id.clone(),
            level: body.level.as_str().into(),
            kind: body.kind.unwrap_or(ForceKind::Barrier).as_str().into(),
            description: v.description,
            strength: v.strength,
            resistance: body.resistance.map(|r| r.as_str().to_owned()),
            strategy: v.strategy,
            responsible_id: v.responsible,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let view = items::create::<Br, _>(
            &self.state,
            who,
            &p,
            &KIND,
            model.clone(),
            |m| m.responsible_id.iter().cloned().collect(),
            views::barrier,
        )
        .await?;
        Ok(CreateBarrierResponse::Created(
            Json(view),
            etag(model.version),
        ))
    }

    /// Replace a barrier or facilitator
    ///
    /// Sends the whole object; needs `If-Match` with its version.
    #[oai(
        path = "/v1/barriers/:id",
        method = "put",
        operation_id = "update_barrier"
    )]
    async fn update(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<BarrierInput>,
    ) -> ApiResult<BarrierResponse> {
        let who = &auth.0;
        let (before, p) = items::item_for::<Br>(&self.state, who, id.0, Action::PlanWrite).await?;
        let v = valid(&self.state.db, &p.id, &body).await?;
        let version = check_if_match(if_match.0.as_deref(), before.version)?;
        items::writable(&p)?;
        let values: store::Values = vec![
            ("level", Expr::value(body.level.as_str())),
            (
                "kind",
                Expr::value(body.kind.unwrap_or(ForceKind::Barrier).as_str()),
            ),
            ("description", Expr::value(v.description)),
            ("strength", Expr::value(v.strength)),
            (
                "resistance",
                Expr::value(body.resistance.map(|r| r.as_str().to_owned())),
            ),
            ("strategy", Expr::value(v.strategy)),
            ("responsible_id", Expr::value(v.responsible)),
        ];
        let (a, after) = items::replace::<Br, _>(
            &self.state,
            who,
            &p,
            &KIND,
            &before,
            version,
            values,
            |m| m.responsible_id.iter().cloned().collect(),
            views::barrier,
        )
        .await?;
        Ok(BarrierResponse::Ok(Json(a), etag(after.version)))
    }

    /// Delete a barrier or facilitator
    ///
    /// `If-Match`, when sent, must name the current version.
    #[oai(
        path = "/v1/barriers/:id",
        method = "delete",
        operation_id = "delete_barrier"
    )]
    async fn delete(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
    ) -> ApiResult<DeleteBarrierResponse> {
        items::delete::<Br, _>(
            &self.state,
            &auth.0,
            id.0,
            if_match.0.as_deref(),
            &KIND,
            |m| m.version,
            |m| views::barrier(m, &Default::default()),
            |_| Ok(()),
        )
        .await?;
        Ok(DeleteBarrierResponse::Deleted)
    }
}
