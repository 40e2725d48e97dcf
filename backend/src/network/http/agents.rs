//! The project's change agents: status through the network, units, training and coaching,
//! and their reporting activity with silent agents flagged.

use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use uuid::Uuid;
use varig_types::{
    ChangeAgent, ChangeAgentPage, ChangeAgentUpdate, TrainingRecord, TrainingRecordInput,
    TrainingRecordList,
};

use crate::access::Action;
use crate::api::plan_items as items;
use crate::api::ApiTags;
use crate::auth::BearerAuth;
use crate::error::ApiResult;
use crate::ids::{etag, page_request};
use crate::network::service::agents as service;
use crate::state::AppState;

pub struct ChangeAgentsApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum ListChangeAgentsResponse {
    /// A page of the project's change agents in the order they became members.
    #[oai(status = 200)]
    Ok(Json<ChangeAgentPage>),
}

#[derive(ApiResponse)]
pub enum ChangeAgentResponse {
    /// The change agent as it is now.
    #[oai(status = 200)]
    Ok(Json<ChangeAgent>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum TrainingListResponse {
    /// The agent's training and coaching, newest first.
    #[oai(status = 200)]
    Ok(Json<TrainingRecordList>),
}

#[derive(ApiResponse)]
pub enum CreateTrainingResponse {
    /// The training or coaching was recorded.
    #[oai(status = 201)]
    Created(Json<TrainingRecord>),
}

#[OpenApi(tag = "ApiTags::Network")]
impl ChangeAgentsApi {
    /// List change agents
    ///
    /// Every member in the change-agent role with status, units, training hours, number of
    /// reports, the date of the last one, and `silent` when an active agent has not
    /// reported for more than the project's `silent_after_weeks`.
    #[oai(
        path = "/v1/projects/:id/change-agents",
        method = "get",
        operation_id = "list_change_agents"
    )]
    async fn list(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// Only silent agents.
        silent: Query<Option<bool>>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Page size, 1–200 (default 50).
        limit: Query<Option<u32>>,
    ) -> ApiResult<ListChangeAgentsResponse> {
        let p = items::project_checked(&self.state, &auth.0, id.0, Action::NetworkRead).await?;
        let page = page_request(cursor.0.as_deref(), limit.0)?;
        let all = service::agent_views(&self.state.db, &p).await?;
        let mut rest: Vec<ChangeAgent> = all
            .into_iter()
            .filter(|a| silent.0.is_none_or(|s| a.silent == s))
            .filter(|a| page.after.as_ref().is_none_or(|c| a.id.to_string() > *c))
            .collect();
        let next_cursor = (rest.len() > page.limit as usize)
            .then(|| crate::ids::cursor_of(&rest[page.limit as usize - 1].id.to_string()));
        rest.truncate(page.limit as usize);
        Ok(ListChangeAgentsResponse::Ok(Json(ChangeAgentPage {
            items: rest,
            next_cursor,
        })))
    }

    /// Update a change agent
    ///
    /// Moves the agent on (nominated → recruited → trained → active, or to inactive; an
    /// inactive agent may become active again) with the date, and sets their units, which
    /// must be in the project's scope. Needs `If-Match` with the agent's version.
    #[oai(
        path = "/v1/change-agents/:id",
        method = "put",
        operation_id = "update_change_agent"
    )]
    async fn update(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<ChangeAgentUpdate>,
    ) -> ApiResult<ChangeAgentResponse> {
        let after =
            service::update(&self.state, &auth.0, id.0, if_match.0.as_deref(), &body).await?;
        let tag = etag(after.version);
        Ok(ChangeAgentResponse::Ok(Json(after), tag))
    }

    /// List an agent's training and coaching
    ///
    /// Newest first.
    #[oai(
        path = "/v1/change-agents/:id/training",
        method = "get",
        operation_id = "list_training_records"
    )]
    async fn training(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<TrainingListResponse> {
        let records = service::training(&self.state, &auth.0, id.0).await?;
        Ok(TrainingListResponse::Ok(Json(TrainingRecordList {
            items: records,
        })))
    }

    /// Record training or coaching
    ///
    /// Date, kind, hours (0.25–100) and who gave it.
    #[oai(
        path = "/v1/change-agents/:id/training",
        method = "post",
        operation_id = "create_training_record"
    )]
    async fn add_training(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<TrainingRecordInput>,
    ) -> ApiResult<CreateTrainingResponse> {
        let view = service::add_training(&self.state, &auth.0, id.0, &body).await?;
        Ok(CreateTrainingResponse::Created(Json(view)))
    }
}
