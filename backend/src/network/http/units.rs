//! The organisation's units: schools, kindergartens, health stations, service areas…

use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use uuid::Uuid;
use varig_types::{Unit, UnitInput, UnitPage};

use crate::access::Action;
use crate::api::ApiTags;
use crate::auth::BearerAuth;
use crate::entities::unit;
use crate::error::ApiResult;
use crate::ids::{etag, page_request};
use crate::network::service::units as service;
use crate::network::{repo, views};
use crate::state::AppState;

pub struct UnitsApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum ListUnitsResponse {
    /// A page of the organisation's units in creation order.
    #[oai(status = 200)]
    Ok(Json<UnitPage>),
}

#[derive(ApiResponse)]
pub enum CreateUnitResponse {
    /// The unit was created.
    #[oai(status = 201)]
    Created(Json<Unit>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum UnitResponse {
    /// The unit; send its ETag back in `If-Match` to change it.
    #[oai(status = 200)]
    Ok(Json<Unit>, #[oai(header = "ETag")] String),
}

fn ok(m: &unit::Model) -> UnitResponse {
    UnitResponse::Ok(Json(views::unit(m)), etag(m.version))
}

#[OpenApi(tag = "ApiTags::Network")]
impl UnitsApi {
    /// List units
    ///
    /// The caller's organisation's units; optionally of one level.
    #[oai(path = "/v1/units", method = "get", operation_id = "list_units")]
    async fn list(
        &self,
        auth: BearerAuth,
        /// Only units on this level (a level key).
        level: Query<Option<String>>,
        /// Include archived units.
        include_archived: Query<Option<bool>>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Page size, 1–200 (default 50).
        limit: Query<Option<u32>>,
    ) -> ApiResult<ListUnitsResponse> {
        let who = &auth.0;
        who.require(Action::StructureRead)?;
        let page = page_request(cursor.0.as_deref(), limit.0)?;
        let (rows, next_cursor) = repo::units_page(
            &self.state.db,
            &who.org()?,
            level.0.as_deref(),
            &page,
            include_archived.0.unwrap_or(false),
        )
        .await?;
        Ok(ListUnitsResponse::Ok(Json(UnitPage {
            items: rows.iter().map(views::unit).collect(),
            next_cursor,
        })))
    }

    /// Create a unit
    ///
    /// On a level of the organisation's structure, under a unit of a higher level, with at
    /// most one value per dimension.
    #[oai(path = "/v1/units", method = "post", operation_id = "create_unit")]
    async fn create(
        &self,
        auth: BearerAuth,
        body: Json<UnitInput>,
    ) -> ApiResult<CreateUnitResponse> {
        let m = service::create(&self.state, &auth.0, &body).await?;
        Ok(CreateUnitResponse::Created(Json(views::unit(&m)), etag(1)))
    }

    /// Get a unit
    ///
    /// Its ETag is the version to send back in `If-Match`.
    #[oai(path = "/v1/units/:id", method = "get", operation_id = "get_unit")]
    async fn get(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<UnitResponse> {
        Ok(ok(&service::visible(&self.state, &auth.0, id.0).await?))
    }

    /// Replace a unit
    ///
    /// Sends the whole unit; needs `If-Match`.
    #[oai(path = "/v1/units/:id", method = "put", operation_id = "update_unit")]
    async fn update(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<UnitInput>,
    ) -> ApiResult<UnitResponse> {
        let m = service::update(&self.state, &auth.0, id.0, if_match.0.as_deref(), &body).await?;
        Ok(ok(&m))
    }

    /// Archive a unit
    ///
    /// Archived units keep their history (reports, coverage in the past) but take no new
    /// agents or reports.
    #[oai(
        path = "/v1/units/:id/archive",
        method = "post",
        operation_id = "archive_unit"
    )]
    async fn archive(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<UnitResponse> {
        Ok(ok(&service::archive(&self.state, &auth.0, id.0).await?))
    }
}
