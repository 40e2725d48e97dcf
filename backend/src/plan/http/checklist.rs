//! The phase checklist: goal, core elements and success factors of each phase, seeded for
//! every project, plus the project's own items.

use poem_openapi::param::{Header, Path};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use uuid::Uuid;
use varig_types::{Checklist, ChecklistItem, ChecklistItemUpdate, NewChecklistItem};

use crate::api::ApiTags;
use crate::auth::BearerAuth;
use crate::error::ApiResult;
use crate::ids::etag;
use crate::plan::service::checklist as service;
use crate::state::AppState;

pub struct ChecklistApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum ChecklistResponse {
    /// Every item of every phase, in phase order, with completion per phase.
    #[oai(status = 200)]
    Ok(Json<Checklist>),
}

#[derive(ApiResponse)]
pub enum CreateChecklistItemResponse {
    /// The local item was added to the phase.
    #[oai(status = 201)]
    Created(Json<ChecklistItem>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum ChecklistItemResponse {
    /// The item as it is now.
    #[oai(status = 200)]
    Ok(Json<ChecklistItem>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum DeleteChecklistItemResponse {
    /// The local item is gone.
    #[oai(status = 204)]
    Deleted,
}

#[OpenApi(tag = "ApiTags::Plan")]
impl ChecklistApi {
    /// Get the phase checklist
    ///
    /// The goal, core elements and success factors of every phase (in bokmål, nynorsk and
    /// English) and the project's own items, with each phase's completion.
    #[oai(
        path = "/v1/projects/:id/checklist",
        method = "get",
        operation_id = "get_checklist"
    )]
    async fn list(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<ChecklistResponse> {
        Ok(ChecklistResponse::Ok(Json(
            service::list(&self.state, &auth.0, id.0).await?,
        )))
    }

    /// Add a local checklist item
    ///
    /// An item of the project's own, placed after the phase's other items.
    #[oai(
        path = "/v1/projects/:id/checklist",
        method = "post",
        operation_id = "create_checklist_item"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<NewChecklistItem>,
    ) -> ApiResult<CreateChecklistItemResponse> {
        let (view, version) = service::create(&self.state, &auth.0, id.0, &body).await?;
        Ok(CreateChecklistItemResponse::Created(
            Json(view),
            etag(version),
        ))
    }

    /// Update a checklist item
    ///
    /// Sets status, responsible member and evidence (and the title of a local item).
    /// `not_relevant` needs a reason. Needs `If-Match` with the item's version.
    #[oai(
        path = "/v1/checklist-items/:id",
        method = "put",
        operation_id = "update_checklist_item"
    )]
    async fn update(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<ChecklistItemUpdate>,
    ) -> ApiResult<ChecklistItemResponse> {
        let (view, version) =
            service::update(&self.state, &auth.0, id.0, if_match.0.as_deref(), &body).await?;
        Ok(ChecklistItemResponse::Ok(Json(view), etag(version)))
    }

    /// Delete a local checklist item
    ///
    /// Only the project's own items can be deleted (409 for the phase model's: mark them
    /// not relevant instead). `If-Match`, when sent, must name the current version.
    #[oai(
        path = "/v1/checklist-items/:id",
        method = "delete",
        operation_id = "delete_checklist_item"
    )]
    async fn delete(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
    ) -> ApiResult<DeleteChecklistItemResponse> {
        service::delete(&self.state, &auth.0, id.0, if_match.0.as_deref()).await?;
        Ok(DeleteChecklistItemResponse::Deleted)
    }
}
