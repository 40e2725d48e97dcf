//! A project's network: which units it covers, when agents count as silent, and coverage.

use std::collections::HashSet;

use poem_openapi::param::{Header, Path};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;
use varig_types::{Coverage, NetworkSettings, NetworkSettingsInput};

use super::plan_items as items;
use super::ApiTags;
use crate::access::Action;
use crate::audit::{self, snapshot, Change};
use crate::auth::BearerAuth;
use crate::domain::{self, field_error};
use crate::entities::{project, project_unit, unit};
use crate::error::{ApiResult, AppError};
use crate::ids::{check_if_match, etag, new_id, parse_id};
use crate::network::store as net;
use crate::state::AppState;

pub const MAX_SCOPE: usize = 5000;

pub struct NetworkApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum NetworkSettingsResponse {
    /// The project's scope and settings; send the ETag back in `If-Match` to change them.
    #[oai(status = 200)]
    Ok(Json<NetworkSettings>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum CoverageResponse {
    /// Coverage of the units in scope by active change agents.
    #[oai(status = 200)]
    Ok(Json<Coverage>),
}

async fn settings(state: &AppState, p: &project::Model) -> Result<NetworkSettings, AppError> {
    let units = net::scope_units(&state.db, &p.id).await?;
    Ok(NetworkSettings {
        unit_ids: units.iter().map(|u| parse_id(&u.id)).collect(),
        silent_after_weeks: p.silent_after_weeks,
        version: p.network_version,
    })
}

#[OpenApi(tag = "ApiTags::Network")]
impl NetworkApi {
    /// Get the project's network settings
    ///
    /// The units in scope and the number of weeks after which an active agent without
    /// reports is flagged silent.
    #[oai(
        path = "/v1/projects/:id/network",
        method = "get",
        operation_id = "get_network_settings"
    )]
    async fn get(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<NetworkSettingsResponse> {
        let p = items::project_checked(&self.state, &auth.0, id.0, Action::NetworkRead).await?;
        let s = settings(&self.state, &p).await?;
        let tag = etag(s.version);
        Ok(NetworkSettingsResponse::Ok(Json(s), tag))
    }

    /// Replace the project's network settings
    ///
    /// Units must be current units of the project's organisation. Needs `If-Match`.
    #[oai(
        path = "/v1/projects/:id/network",
        method = "put",
        operation_id = "update_network_settings"
    )]
    async fn put(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<NetworkSettingsInput>,
    ) -> ApiResult<NetworkSettingsResponse> {
        let who = &auth.0;
        let p = items::project_checked(&self.state, who, id.0, Action::NetworkWrite).await?;
        let mut check = domain::Check::new();
        check.take(domain::in_range(
            "silent_after_weeks",
            body.silent_after_weeks,
            1..=52,
        ));
        if body.unit_ids.len() > MAX_SCOPE {
            check.push(field_error("unit_ids", "too_many", "at most 5000 units"));
        }
        check.finish()?;
        let wanted: Vec<String> = {
            let mut seen = HashSet::new();
            body.unit_ids
                .iter()
                .map(|u| u.to_string())
                .filter(|u| seen.insert(u.clone()))
                .collect()
        };
        let mut found = HashSet::new();
        for chunk in wanted.chunks(500) {
            for u in unit::Entity::find()
                .filter(unit::Column::Id.is_in(chunk.to_vec()))
                .filter(unit::Column::OrganisationId.eq(p.organisation_id.clone()))
                .filter(unit::Column::ArchivedAt.is_null())
                .all(&self.state.db)
                .await?
            {
                found.insert(u.id);
            }
        }
        let missing: Vec<_> = body
            .unit_ids
            .iter()
            .enumerate()
            .filter(|(_, u)| !found.contains(&u.to_string()))
            .map(|(i, _)| {
                field_error(
                    &format!("unit_ids[{i}]"),
                    "not_found",
                    "no current unit of the organisation has this id",
                )
            })
            .collect();
        if !missing.is_empty() {
            return Err(AppError::Validation(missing).into());
        }
        let version = check_if_match(if_match.0.as_deref(), p.network_version)?;
        items::writable(&p)?;
        let before = settings(&self.state, &p).await?;
        let txn = crate::db::begin_write(&self.state.db).await?;
        let res = project::Entity::update_many()
            .col_expr(
                project::Column::SilentAfterWeeks,
                Expr::value(body.silent_after_weeks),
            )
            .col_expr(project::Column::NetworkVersion, Expr::value(version + 1))
            .filter(project::Column::Id.eq(p.id.clone()))
            .filter(project::Column::NetworkVersion.eq(version))
            .exec(&txn)
            .await?;
        if res.rows_affected == 0 {
            return Err(AppError::PreconditionFailed.into());
        }
        project_unit::Entity::delete_many()
            .filter(project_unit::Column::ProjectId.eq(p.id.clone()))
            .exec(&txn)
            .await?;
        for chunk in wanted.chunks(500) {
            project_unit::Entity::insert_many(chunk.iter().map(|u| project_unit::ActiveModel {
                id: Set(new_id()),
                project_id: Set(p.id.clone()),
                unit_id: Set(u.clone()),
            }))
            .exec_without_returning(&txn)
            .await?;
        }
        let after = NetworkSettings {
            unit_ids: wanted.iter().map(|u| parse_id(u)).collect(),
            silent_after_weeks: body.silent_after_weeks,
            version: version + 1,
        };
        audit::record(
            &txn,
            Some(who),
            Change {
                organisation_id: Some(p.organisation_id.clone()),
                action: "network.update",
                entity_type: "network",
                entity_id: Some(p.id.clone()),
                before: snapshot(&before),
                after: snapshot(&after),
            },
        )
        .await?;
        txn.commit().await?;
        let tag = etag(after.version);
        Ok(NetworkSettingsResponse::Ok(Json(after), tag))
    }

    /// Get the network's coverage
    ///
    /// Units in scope by level and by each dimension value, with the active agents per
    /// cell; the units without an active agent; vertical and horizontal coverage.
    #[oai(
        path = "/v1/projects/:id/coverage",
        method = "get",
        operation_id = "get_coverage"
    )]
    async fn coverage(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<CoverageResponse> {
        let p = items::project_checked(&self.state, &auth.0, id.0, Action::NetworkRead).await?;
        let (c, _) = net::coverage_of(&self.state.db, &p.organisation_id, &p.id).await?;
        Ok(CoverageResponse::Ok(Json(c)))
    }
}
