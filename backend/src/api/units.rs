//! The organisation's units: schools, kindergartens, health stations, service areas…

use chrono::Utc;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;
use varig_types::{Unit, UnitInput, UnitPage};

use super::ApiTags;
use crate::access::Action;
use crate::audit::{self, snapshot, Change};
use crate::auth::{BearerAuth, Principal};
use crate::domain;
use crate::entities::unit::{self, Column as C, Entity as Units};
use crate::error::{ApiResult, AppError};
use crate::ids::{check_if_match, etag, new_id, page_request, parse_id};
use crate::network::{store as net, structure};
use crate::state::AppState;
use crate::store;

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

pub fn view(m: &unit::Model) -> Unit {
    Unit {
        id: parse_id(&m.id),
        organisation_id: parse_id(&m.organisation_id),
        name: m.name.clone(),
        parent_id: m.parent_id.as_deref().map(parse_id),
        level: m.level.clone(),
        dimensions: net::dims(m),
        archived_at: m.archived_at,
        created_at: m.created_at,
        updated_at: m.updated_at,
        version: m.version,
    }
}

fn ok(m: &unit::Model) -> UnitResponse {
    UnitResponse::Ok(Json(view(m)), etag(m.version))
}

async fn visible(state: &AppState, who: &Principal, id: Uuid) -> Result<unit::Model, AppError> {
    who.require(Action::StructureRead)?;
    Units::find_by_id(id.to_string())
        .one(&state.db)
        .await?
        .filter(|u| who.same_org(&u.organisation_id))
        .ok_or(AppError::NotFound)
}

/// Name, level, dimensions and parent checked against the organisation's structure.
async fn valid<Db: ConnectionTrait>(
    db: &Db,
    org: &str,
    id: Option<&str>,
    body: &UnitInput,
) -> Result<String, AppError> {
    let name = domain::name("name", &body.name).map_err(|e| AppError::Validation(vec![e]))?;
    let (s, _) = net::structure(db, org).await?;
    let parent = match body.parent_id {
        None => None,
        Some(pid) => {
            let p = Units::find_by_id(pid.to_string())
                .one(db)
                .await?
                .filter(|p| p.organisation_id == org && p.archived_at.is_none());
            match p {
                Some(p) if Some(p.id.as_str()) != id => Some(p),
                _ => {
                    return Err(AppError::Validation(vec![domain::field_error(
                        "parent_id",
                        "not_found",
                        "no current unit of the organisation has this id",
                    )]))
                }
            }
        }
    };
    structure::check_unit(
        &s,
        &body.level,
        &body.dimensions,
        parent.as_ref().map(|p| p.level.as_str()),
    )
    .map_err(AppError::Validation)?;
    Ok(name)
}

fn change(
    action: &'static str,
    before: Option<&unit::Model>,
    after: &unit::Model,
) -> Change<'static> {
    Change {
        organisation_id: Some(after.organisation_id.clone()),
        action,
        entity_type: "unit",
        entity_id: Some(after.id.clone()),
        before: before.and_then(|b| snapshot(&view(b))),
        after: snapshot(&view(after)),
    }
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
        let mut q = Units::find().filter(C::OrganisationId.eq(who.org()?));
        if let Some(l) = &level.0 {
            q = q.filter(C::Level.eq(l.clone()));
        }
        let (rows, next_cursor) = store::fetch_page(
            &self.state.db,
            q,
            &page,
            Some(include_archived.0.unwrap_or(false)),
        )
        .await?;
        Ok(ListUnitsResponse::Ok(Json(UnitPage {
            items: rows.iter().map(view).collect(),
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
        let who = &auth.0;
        who.require(Action::StructureWrite)?;
        let org = who.org()?;
        let name = valid(&self.state.db, &org, None, &body).await?;
        let now = Utc::now();
        let model = unit::Model {
            id: new_id(),
            organisation_id: org,
            parent_id: body.parent_id.map(|p| p.to_string()),
            level: body.level.clone(),
            name,
            dimensions: serde_json::json!(body.dimensions).to_string(),
            created_at: now,
            updated_at: now,
            archived_at: None,
            version: 1,
        };
        let txn = crate::db::begin_write(&self.state.db).await?;
        Units::insert(unit::ActiveModel::from(model.clone()))
            .exec_without_returning(&txn)
            .await?;
        audit::record(&txn, Some(who), change("unit.create", None, &model)).await?;
        txn.commit().await?;
        Ok(CreateUnitResponse::Created(Json(view(&model)), etag(1)))
    }

    /// Get a unit
    ///
    /// Its ETag is the version to send back in `If-Match`.
    #[oai(path = "/v1/units/:id", method = "get", operation_id = "get_unit")]
    async fn get(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<UnitResponse> {
        Ok(ok(&visible(&self.state, &auth.0, id.0).await?))
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
        let who = &auth.0;
        let before = visible(&self.state, who, id.0).await?;
        who.require(Action::StructureWrite)?;
        let name = valid(
            &self.state.db,
            &before.organisation_id,
            Some(&before.id),
            &body,
        )
        .await?;
        let version = check_if_match(if_match.0.as_deref(), before.version)?;
        if before.archived_at.is_some() {
            return Err(AppError::Conflict("The unit is archived.".into()).into());
        }
        let values: store::Values = vec![
            ("name", Expr::value(name)),
            (
                "parent_id",
                Expr::value(body.parent_id.map(|p| p.to_string())),
            ),
            ("level", Expr::value(body.level.clone())),
            (
                "dimensions",
                Expr::value(serde_json::json!(body.dimensions).to_string()),
            ),
        ];
        let txn = crate::db::begin_write(&self.state.db).await?;
        let after = store::update_versioned(&txn, Units, &before.id, version, values).await?;
        audit::record(
            &txn,
            Some(who),
            change("unit.update", Some(&before), &after),
        )
        .await?;
        txn.commit().await?;
        Ok(ok(&after))
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
        let who = &auth.0;
        let before = visible(&self.state, who, id.0).await?;
        who.require(Action::StructureWrite)?;
        let txn = crate::db::begin_write(&self.state.db).await?;
        let after = store::archive(&txn, Units, &before.id).await?;
        if before.archived_at.is_none() {
            audit::record(
                &txn,
                Some(who),
                change("unit.archive", Some(&before), &after),
            )
            .await?;
        }
        txn.commit().await?;
        Ok(ok(&after))
    }
}
