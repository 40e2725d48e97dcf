//! The organisation's structure: its levels (top first) and horizontal dimensions.

use chrono::Utc;
use poem_openapi::param::{Header, Path};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;
use varig_types::{OrgStructure, OrgStructureInput};

use super::ApiTags;
use crate::access::Action;
use crate::audit::{self, snapshot, Change};
use crate::auth::{BearerAuth, Principal};
use crate::entities::{org_structure as os, organisation, unit};
use crate::error::{ApiResult, AppError};
use crate::ids::{check_if_match, etag};
use crate::network::{store, structure};
use crate::state::AppState;

pub struct StructureApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum StructureResponse {
    /// The structure; send its ETag back in `If-Match` to replace it.
    #[oai(status = 200)]
    Ok(Json<OrgStructure>, #[oai(header = "ETag")] String),
}

/// The organisation `id` if the caller may do `action` on its structure (404 otherwise).
async fn org_for(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    action: Action,
) -> Result<organisation::Model, AppError> {
    let org = organisation::Entity::find_by_id(id.to_string())
        .one(&state.db)
        .await?
        .filter(|o| who.system_admin || who.same_org(&o.id))
        .ok_or(AppError::NotFound)?;
    who.require(action)?;
    Ok(org)
}

#[OpenApi(tag = "ApiTags::Network")]
impl StructureApi {
    /// Get the organisation structure
    ///
    /// Levels from the top (e.g. top management, service area, unit) and horizontal
    /// dimensions (e.g. region, sector). A new organisation starts from a default.
    #[oai(
        path = "/v1/organisations/:id/structure",
        method = "get",
        operation_id = "get_structure"
    )]
    async fn get(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<StructureResponse> {
        let org = org_for(&self.state, &auth.0, id.0, Action::StructureRead).await?;
        let (s, version) = store::structure(&self.state.db, &org.id).await?;
        Ok(StructureResponse::Ok(
            Json(store::structure_view(s, version)),
            etag(version),
        ))
    }

    /// Replace the organisation structure
    ///
    /// Needs `If-Match`. A level or dimension value that units still use cannot be
    /// dropped (409 naming them).
    #[oai(
        path = "/v1/organisations/:id/structure",
        method = "put",
        operation_id = "update_structure"
    )]
    async fn put(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<OrgStructureInput>,
    ) -> ApiResult<StructureResponse> {
        let who = &auth.0;
        let org = org_for(&self.state, who, id.0, Action::StructureWrite).await?;
        structure::check_structure(&body).map_err(AppError::Validation)?;
        let txn = crate::db::begin_write(&self.state.db).await?;
        let (before, version) = store::structure(&txn, &org.id).await?;
        check_if_match(if_match.0.as_deref(), version)?;
        let units = unit::Entity::find()
            .filter(unit::Column::OrganisationId.eq(org.id.clone()))
            .filter(unit::Column::ArchivedAt.is_null())
            .all(&txn)
            .await?;
        let used: Vec<_> = units
            .iter()
            .map(|u| (u.level.clone(), store::dims(u)))
            .collect();
        let dropped =
            structure::dropped_in_use(&body, used.iter().map(|(l, d)| (l.as_str(), d.as_slice())));
        if !dropped.is_empty() {
            return Err(AppError::Conflict(format!(
                "Units still use {}; move or archive them first.",
                dropped.join(", ")
            ))
            .into());
        }
        let text = serde_json::json!(&*body).to_string();
        let now = Utc::now();
        let next = version + 1;
        let updated = os::Entity::update_many()
            .col_expr(os::Column::Body, Expr::value(text.clone()))
            .col_expr(os::Column::Version, Expr::value(next))
            .col_expr(os::Column::UpdatedAt, Expr::value(now))
            .filter(os::Column::OrganisationId.eq(org.id.clone()))
            .filter(os::Column::Version.eq(version))
            .exec(&txn)
            .await?;
        if updated.rows_affected == 0 {
            os::Entity::insert(os::ActiveModel {
                organisation_id: Set(org.id.clone()),
                body: Set(text),
                version: Set(next),
                updated_at: Set(now),
            })
            .exec_without_returning(&txn)
            .await
            .map_err(|e| match e.sql_err() {
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => AppError::PreconditionFailed,
                _ => AppError::Db(e),
            })?;
        }
        let after = store::structure_view(body.0.clone(), next);
        audit::record(
            &txn,
            Some(who),
            Change {
                organisation_id: Some(org.id.clone()),
                action: "structure.update",
                entity_type: "structure",
                entity_id: Some(org.id.clone()),
                before: snapshot(&store::structure_view(before, version)),
                after: snapshot(&after),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(StructureResponse::Ok(Json(after), etag(next)))
    }
}
