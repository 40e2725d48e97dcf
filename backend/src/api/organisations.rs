use chrono::Utc;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;
use varig_types::{NewOrganisation, Organisation, OrganisationPage, OrganisationPatch};

use super::ApiTags;
use crate::access::Action;
use crate::audit::{self, snapshot, Change};
use crate::auth::{BearerAuth, Principal};
use crate::domain::{self, Check};
use crate::entities::organisation::{self, Column as C, Entity as Org};
use crate::error::{ApiResult, AppError};
use crate::ids::{etag, new_id, page_request};
use crate::state::AppState;
use crate::{store, views};

pub struct OrganisationsApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum ListOrganisationsResponse {
    /// A page of organisations in creation order.
    #[oai(status = 200)]
    Ok(Json<OrganisationPage>),
}

#[derive(ApiResponse)]
pub enum CreateOrganisationResponse {
    /// The organisation was created.
    #[oai(status = 201)]
    Created(Json<Organisation>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum OrganisationResponse {
    /// The organisation; send its ETag back in `If-Match` to change it.
    #[oai(status = 200)]
    Ok(Json<Organisation>, #[oai(header = "ETag")] String),
}

async fn visible(
    state: &AppState,
    who: &Principal,
    id: Uuid,
) -> Result<organisation::Model, AppError> {
    who.require(Action::OrganisationRead)?;
    let org = Org::find_by_id(id.to_string())
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    if who.system_admin || who.same_org(&org.id) {
        Ok(org)
    } else {
        Err(AppError::NotFound)
    }
}

fn ok(m: &organisation::Model) -> OrganisationResponse {
    OrganisationResponse::Ok(Json(views::organisation(m)), etag(m.version))
}

#[OpenApi(tag = "ApiTags::Organisations")]
impl OrganisationsApi {
    /// List organisations
    ///
    /// A system administrator sees every organisation; anyone else sees their own.
    #[oai(
        path = "/v1/organisations",
        method = "get",
        operation_id = "list_organisations"
    )]
    async fn list(
        &self,
        auth: BearerAuth,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Page size, 1–200 (default 50).
        limit: Query<Option<u32>>,
        /// Include archived organisations.
        include_archived: Query<Option<bool>>,
    ) -> ApiResult<ListOrganisationsResponse> {
        let who = &auth.0;
        who.require(Action::OrganisationRead)?;
        let page = page_request(cursor.0.as_deref(), limit.0)?;
        let mut q = Org::find();
        if !who.system_admin {
            q = q.filter(C::Id.eq(who.org()?));
        }
        let (rows, next_cursor) = store::fetch_page(
            &self.state.db,
            q,
            &page,
            Some(include_archived.0.unwrap_or(false)),
        )
        .await?;
        Ok(ListOrganisationsResponse::Ok(Json(OrganisationPage {
            items: rows.iter().map(views::organisation).collect(),
            next_cursor,
        })))
    }

    /// Create an organisation
    ///
    /// System administrators only. Invite its first organisation admin afterwards.
    #[oai(
        path = "/v1/organisations",
        method = "post",
        operation_id = "create_organisation"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        body: Json<NewOrganisation>,
    ) -> ApiResult<CreateOrganisationResponse> {
        let who = &auth.0;
        who.require(Action::OrganisationCreate)?;
        let mut check = Check::new();
        let name = check.take(domain::name("name", &body.name));
        check.finish()?;
        let now = Utc::now();
        let model = organisation::Model {
            id: new_id(),
            name: name.unwrap_or_default(),
            created_at: now,
            updated_at: now,
            archived_at: None,
            version: 1,
        };
        let txn = crate::db::begin_write(&self.state.db).await?;
        Org::insert(organisation::ActiveModel::from(model.clone()))
            .exec_without_returning(&txn)
            .await?;
        audit::record(
            &txn,
            Some(who),
            Change {
                organisation_id: Some(model.id.clone()),
                action: "organisation.create",
                entity_type: "organisation",
                entity_id: Some(model.id.clone()),
                before: None,
                after: snapshot(&views::organisation(&model)),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(CreateOrganisationResponse::Created(
            Json(views::organisation(&model)),
            etag(model.version),
        ))
    }

    /// Get an organisation
    ///
    /// Its ETag header is the version to send back in `If-Match` when changing it.
    #[oai(
        path = "/v1/organisations/:id",
        method = "get",
        operation_id = "get_organisation"
    )]
    async fn get(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<OrganisationResponse> {
        Ok(ok(&visible(&self.state, &auth.0, id.0).await?))
    }

    /// Update an organisation
    ///
    /// Needs `If-Match` with the current ETag (428 without, 412 when stale).
    #[oai(
        path = "/v1/organisations/:id",
        method = "patch",
        operation_id = "update_organisation"
    )]
    async fn update(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<OrganisationPatch>,
    ) -> ApiResult<OrganisationResponse> {
        let who = &auth.0;
        let before = visible(&self.state, who, id.0).await?;
        who.require(Action::OrganisationUpdate)?;
        let (version, values) = store::named_patch(
            "organisation",
            body.name.as_deref(),
            None,
            if_match.0.as_deref(),
            before.version,
            before.archived_at.is_some(),
        )?;
        let txn = crate::db::begin_write(&self.state.db).await?;
        let after = store::update_versioned(&txn, Org, &before.id, version, values).await?;
        audit::record(
            &txn,
            Some(who),
            Change {
                organisation_id: Some(after.id.clone()),
                action: "organisation.update",
                entity_type: "organisation",
                entity_id: Some(after.id.clone()),
                before: snapshot(&views::organisation(&before)),
                after: snapshot(&views::organisation(&after)),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(ok(&after))
    }

    /// Archive an organisation
    ///
    /// System administrators only. Archived organisations are read-only; archiving twice is harmless.
    #[oai(
        path = "/v1/organisations/:id/archive",
        method = "post",
        operation_id = "archive_organisation"
    )]
    async fn archive(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<OrganisationResponse> {
        let who = &auth.0;
        let before = visible(&self.state, who, id.0).await?;
        who.require(Action::OrganisationArchive)?;
        let txn = crate::db::begin_write(&self.state.db).await?;
        let after = store::archive(&txn, Org, &before.id).await?;
        if before.archived_at.is_none() {
            audit::record(
                &txn,
                Some(who),
                Change {
                    organisation_id: Some(after.id.clone()),
                    action: "organisation.archive",
                    entity_type: "organisation",
                    entity_id: Some(after.id.clone()),
                    before: snapshot(&views::organisation(&before)),
                    after: snapshot(&views::organisation(&after)),
                },
            )
            .await?;
        }
        txn.commit().await?;
        Ok(ok(&after))
    }
}
