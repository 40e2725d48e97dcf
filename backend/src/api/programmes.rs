use chrono::Utc;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;
use varig_types::{NewProgramme, Programme, ProgrammePage, ProgrammePatch};

use super::ApiTags;
use crate::access::Action;
use crate::audit::{self, snapshot, Change};
use crate::auth::{BearerAuth, Principal};
use crate::domain::{self, Check};
use crate::entities::programme::{self, Column as C, Entity as Prog};
use crate::error::{ApiResult, AppError};
use crate::ids::{etag, new_id, page_request};
use crate::state::AppState;
use crate::{store, views};

pub struct ProgrammesApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum ListProgrammesResponse {
    /// A page of the organisation's programmes in creation order.
    #[oai(status = 200)]
    Ok(Json<ProgrammePage>),
}

#[derive(ApiResponse)]
pub enum CreateProgrammeResponse {
    /// The programme was created.
    #[oai(status = 201)]
    Created(Json<Programme>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum ProgrammeResponse {
    /// The programme; send its ETag back in `If-Match` to change it.
    #[oai(status = 200)]
    Ok(Json<Programme>, #[oai(header = "ETag")] String),
}

/// The programme if the caller may see it (404 for another organisation's).
pub async fn visible(
    state: &AppState,
    who: &Principal,
    id: Uuid,
) -> Result<programme::Model, AppError> {
    who.require(Action::ProgrammeRead)?;
    Prog::find_by_id(id.to_string())
        .one(&state.db)
        .await?
        .filter(|p| who.same_org(&p.organisation_id))
        .ok_or(AppError::NotFound)
}

fn ok(m: &programme::Model) -> ProgrammeResponse {
    ProgrammeResponse::Ok(Json(views::programme(m)), etag(m.version))
}

fn change(
    action: &'static str,
    before: Option<&programme::Model>,
    after: &programme::Model,
) -> Change<'static> {
    Change {
        organisation_id: Some(after.organisation_id.clone()),
        action,
        entity_type: "programme",
        entity_id: Some(after.id.clone()),
        before: before.and_then(|b| snapshot(&views::programme(b))),
        after: snapshot(&views::programme(after)),
    }
}

#[OpenApi(tag = "ApiTags::Programmes")]
impl ProgrammesApi {
    /// List programmes
    ///
    /// The practices the caller's organisation implements, in creation order.
    #[oai(
        path = "/v1/programmes",
        method = "get",
        operation_id = "list_programmes"
    )]
    async fn list(
        &self,
        auth: BearerAuth,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Page size, 1–200 (default 50).
        limit: Query<Option<u32>>,
        /// Include archived programmes.
        include_archived: Query<Option<bool>>,
    ) -> ApiResult<ListProgrammesResponse> {
        let who = &auth.0;
        who.require(Action::ProgrammeRead)?;
        let page = page_request(cursor.0.as_deref(), limit.0)?;
        let q = Prog::find().filter(C::OrganisationId.eq(who.org()?));
        let (rows, next_cursor) = store::fetch_page(
            &self.state.db,
            q,
            &page,
            Some(include_archived.0.unwrap_or(false)),
        )
        .await?;
        Ok(ListProgrammesResponse::Ok(Json(ProgrammePage {
            items: rows.iter().map(views::programme).collect(),
            next_cursor,
        })))
    }

    /// Create a programme
    ///
    /// The practice the organisation implements, e.g. BTI or "Helt sjef!".
    #[oai(
        path = "/v1/programmes",
        method = "post",
        operation_id = "create_programme"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        body: Json<NewProgramme>,
    ) -> ApiResult<CreateProgrammeResponse> {
        let who = &auth.0;
        who.require(Action::ProgrammeWrite)?;
        let org = who.org()?;
        let mut check = Check::new();
        let name = check.take(domain::name("name", &body.name));
        let description = check.take(domain::description("description", &body.description));
        check.finish()?;
        let now = Utc::now();
        let model = programme::Model {
            id: new_id(),
            organisation_id: org,
            name: name.unwrap_or_default(),
            description: description.unwrap_or_default(),
            created_at: now,
            updated_at: now,
            archived_at: None,
            version: 1,
        };
        let txn = crate::db::begin_write(&self.state.db).await?;
        Prog::insert(programme::ActiveModel::from(model.clone()))
            .exec_without_returning(&txn)
            .await?;
        audit::record(&txn, Some(who), change("programme.create", None, &model)).await?;
        txn.commit().await?;
        Ok(CreateProgrammeResponse::Created(
            Json(views::programme(&model)),
            etag(model.version),
        ))
    }

    /// Get a programme
    ///
    /// Its ETag header is the version to send back in `If-Match` when changing it.
    #[oai(
        path = "/v1/programmes/:id",
        method = "get",
        operation_id = "get_programme"
    )]
    async fn get(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<ProgrammeResponse> {
        Ok(ok(&visible(&self.state, &auth.0, id.0).await?))
    }

    /// Update a programme
    ///
    /// Needs `If-Match` with the current ETag (428 without, 412 when stale).
    #[oai(
        path = "/v1/programmes/:id",
        method = "patch",
        operation_id = "update_programme"
    )]
    async fn update(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<ProgrammePatch>,
    ) -> ApiResult<ProgrammeResponse> {
        let who = &auth.0;
        let before = visible(&self.state, who, id.0).await?;
        who.require(Action::ProgrammeWrite)?;
        let (version, values) = store::named_patch(
            "programme",
            body.name.as_deref(),
            body.description.as_deref(),
            if_match.0.as_deref(),
            before.version,
            before.archived_at.is_some(),
        )?;
        let txn = crate::db::begin_write(&self.state.db).await?;
        let after = store::update_versioned(&txn, Prog, &before.id, version, values).await?;
        audit::record(
            &txn,
            Some(who),
            change("programme.update", Some(&before), &after),
        )
        .await?;
        txn.commit().await?;
        Ok(ok(&after))
    }

    /// Archive a programme
    ///
    /// Archived programmes are read-only and hidden from lists by default.
    #[oai(
        path = "/v1/programmes/:id/archive",
        method = "post",
        operation_id = "archive_programme"
    )]
    async fn archive(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<ProgrammeResponse> {
        let who = &auth.0;
        let before = visible(&self.state, who, id.0).await?;
        who.require(Action::ProgrammeWrite)?;
        let txn = crate::db::begin_write(&self.state.db).await?;
        let after = store::archive(&txn, Prog, &before.id).await?;
        if before.archived_at.is_none() {
            audit::record(
                &txn,
                Some(who),
                change("programme.archive", Some(&before), &after),
            )
            .await?;
        }
        txn.commit().await?;
        Ok(ok(&after))
    }
}
