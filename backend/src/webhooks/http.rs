//! The webhook operations: authorise, parse, call the service, render.

use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};
use uuid::Uuid;
use varig_types::{
    DeliveryStatus, NewWebhookSubscription, WebhookDelivery, WebhookDeliveryPage,
    WebhookSubscription, WebhookSubscriptionCreated, WebhookSubscriptionPage,
    WebhookSubscriptionPatch,
};

use super::{repo, service};
use crate::access::Action;
use crate::api::ApiTags;
use crate::auth::BearerAuth;
use crate::error::ApiResult;
use crate::ids::{etag, page_request};
use crate::state::AppState;

pub struct WebhooksApi {
    pub state: AppState,
}

#[derive(ApiResponse)]
pub enum ListWebhooksResponse {
    /// A page of the organisation's webhook subscriptions (never their secrets).
    #[oai(status = 200)]
    Ok(Json<WebhookSubscriptionPage>),
}

#[derive(ApiResponse)]
pub enum CreateWebhookResponse {
    /// The subscription and its signing secret, shown only now.
    #[oai(status = 201)]
    Created(
        Json<WebhookSubscriptionCreated>,
        #[oai(header = "ETag")] String,
    ),
}

#[derive(ApiResponse)]
pub enum WebhookResponse {
    /// The subscription; send its ETag back in `If-Match` to change it.
    #[oai(status = 200)]
    Ok(Json<WebhookSubscription>, #[oai(header = "ETag")] String),
}

#[derive(ApiResponse)]
pub enum DeleteWebhookResponse {
    /// The subscription is gone; nothing more is sent to it.
    #[oai(status = 204)]
    Deleted,
}

#[derive(ApiResponse)]
pub enum ListDeliveriesResponse {
    /// A page of the delivery log, newest first.
    #[oai(status = 200)]
    Ok(Json<WebhookDeliveryPage>),
}

#[derive(ApiResponse)]
pub enum RetryDeliveryResponse {
    /// The delivery is queued for an attempt now, with a fresh retry schedule.
    #[oai(status = 202)]
    Accepted(Json<WebhookDelivery>),
}

fn ok(m: &crate::entities::webhook_subscription::Model) -> WebhookResponse {
    WebhookResponse::Ok(Json(service::view(m)), etag(m.version))
}

#[OpenApi(tag = "ApiTags::Webhooks")]
impl WebhooksApi {
    /// List webhook subscriptions
    ///
    /// Organisation admins: where the organisation's events are sent.
    #[oai(path = "/v1/webhooks", method = "get", operation_id = "list_webhooks")]
    async fn list(
        &self,
        auth: BearerAuth,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Page size, 1–200 (default 50).
        limit: Query<Option<u32>>,
    ) -> ApiResult<ListWebhooksResponse> {
        let who = &auth.0;
        who.require(Action::WebhookManage)?;
        let page = page_request(cursor.0.as_deref(), limit.0)?;
        let (rows, next_cursor) =
            repo::subscriptions_page(&self.state.db, &who.org()?, &page).await?;
        Ok(ListWebhooksResponse::Ok(Json(WebhookSubscriptionPage {
            items: rows.iter().map(service::view).collect(),
            next_cursor,
        })))
    }

    /// Create a webhook subscription
    ///
    /// Varig posts each event of the chosen types (all if none are chosen), optionally of one
    /// project, to the address, signed per Standard Webhooks (`webhook-id`,
    /// `webhook-timestamp`, `webhook-signature`) with the secret in the answer, which is shown
    /// only once. Failed deliveries are retried for more than a day; then the subscription
    /// is turned off with the reason. The address must be `https` and must not resolve to a
    /// loopback, private, link-local or metadata address (422).
    #[oai(
        path = "/v1/webhooks",
        method = "post",
        operation_id = "create_webhook"
    )]
    async fn create(
        &self,
        auth: BearerAuth,
        body: Json<NewWebhookSubscription>,
    ) -> ApiResult<CreateWebhookResponse> {
        let who = &auth.0;
        who.require(Action::WebhookManage)?;
        let (m, secret) = service::create(&self.state, who, &body).await?;
        Ok(CreateWebhookResponse::Created(
            Json(WebhookSubscriptionCreated {
                subscription: service::view(&m),
                secret,
            }),
            etag(m.version),
        ))
    }

    /// Get a webhook subscription
    ///
    /// With `disabled_reason` when Varig turned it off.
    #[oai(
        path = "/v1/webhooks/:id",
        method = "get",
        operation_id = "get_webhook"
    )]
    async fn get(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<WebhookResponse> {
        let who = &auth.0;
        who.require(Action::WebhookManage)?;
        Ok(ok(&service::get(&self.state, who, id.0).await?))
    }

    /// Change a webhook subscription
    ///
    /// Address, description, event types, on/off. Needs `If-Match`.
    #[oai(
        path = "/v1/webhooks/:id",
        method = "patch",
        operation_id = "update_webhook"
    )]
    async fn update(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: Json<WebhookSubscriptionPatch>,
    ) -> ApiResult<WebhookResponse> {
        let who = &auth.0;
        who.require(Action::WebhookManage)?;
        let m = service::update(&self.state, who, id.0, if_match.0.as_deref(), &body).await?;
        Ok(ok(&m))
    }

    /// Delete a webhook subscription
    ///
    /// Nothing more is sent to it; deliveries not yet made fail. Needs `If-Match`.
    #[oai(
        path = "/v1/webhooks/:id",
        method = "delete",
        operation_id = "delete_webhook"
    )]
    async fn delete(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
    ) -> ApiResult<DeleteWebhookResponse> {
        let who = &auth.0;
        who.require(Action::WebhookManage)?;
        service::delete(&self.state, who, id.0, if_match.0.as_deref()).await?;
        Ok(DeleteWebhookResponse::Deleted)
    }

    /// A webhook's delivery log
    ///
    /// Each event sent or to be sent to the subscription, newest first: status, attempts,
    /// the last answer and the next retry.
    #[oai(
        path = "/v1/webhooks/:id/deliveries",
        method = "get",
        operation_id = "list_webhook_deliveries"
    )]
    async fn deliveries(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// Only deliveries with this status.
        status: Query<Option<DeliveryStatus>>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Page size, 1–200 (default 50).
        limit: Query<Option<u32>>,
    ) -> ApiResult<ListDeliveriesResponse> {
        let who = &auth.0;
        who.require(Action::WebhookManage)?;
        let s = service::get(&self.state, who, id.0).await?;
        let page = page_request(cursor.0.as_deref(), limit.0)?;
        let (rows, next_cursor) = repo::deliveries_page(
            &self.state.db,
            &s.id,
            status.0.map(service::state_of),
            &page,
        )
        .await?;
        Ok(ListDeliveriesResponse::Ok(Json(WebhookDeliveryPage {
            items: rows
                .iter()
                .filter_map(|(d, e)| service::delivery_view(d, e))
                .collect(),
            next_cursor,
        })))
    }

    /// Send a delivery again
    ///
    /// Queues the delivery for an attempt now with a fresh retry schedule, whatever its
    /// status; the receiver may get the event twice and drops the copy by its id. 409 when
    /// the subscription is turned off.
    #[oai(
        path = "/v1/webhooks/:id/deliveries/:delivery_id/retry",
        method = "post",
        operation_id = "retry_webhook_delivery"
    )]
    async fn retry(
        &self,
        auth: BearerAuth,
        /// The webhook subscription's id.
        id: Path<Uuid>,
        /// The delivery's id (from the delivery log).
        delivery_id: Path<Uuid>,
    ) -> ApiResult<RetryDeliveryResponse> {
        let who = &auth.0;
        who.require(Action::WebhookManage)?;
        let d = service::retry(&self.state, who, id.0, delivery_id.0).await?;
        Ok(RetryDeliveryResponse::Accepted(Json(d)))
    }
}
