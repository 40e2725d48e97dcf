//! Webhooks of the organisation (organisation admins): subscriptions, read fresh with the
//! `ETag` their changes must name (a subscription carries no version in its body), and the
//! delivery log, a page at a time (newest first) with "send again".

use uuid::Uuid;
use varig_types::{
    DeliveryStatus, NewWebhookSubscription, WebhookDelivery, WebhookDeliveryPage,
    WebhookSubscription, WebhookSubscriptionCreated, WebhookSubscriptionPage,
    WebhookSubscriptionPatch,
};
use web_sys::AbortSignal;

use super::{to_json, Api, ApiError};

/// Deliveries shown at a time in the log.
pub const DELIVERY_PAGE_SIZE: u32 = 50;

/// A subscription as read, with the `ETag` a change to it sends back in `If-Match`.
#[derive(Debug, Clone, PartialEq)]
pub struct TaggedWebhook {
    pub subscription: WebhookSubscription,
    pub etag: String,
}

fn decode_tagged((body, etag): (String, Option<String>)) -> Result<TaggedWebhook, ApiError> {
    let subscription = serde_json::from_str(&body).map_err(|_| ApiError::Decode)?;
    Ok(TaggedWebhook {
        subscription,
        // Without an ETag the next change is refused (412), never forced with `*`.
        etag: etag.unwrap_or_default(),
    })
}

impl Api {
    /// Every subscription of the organisation, read fresh.
    pub async fn webhooks(
        &self,
        abort: Option<AbortSignal>,
    ) -> Result<Vec<WebhookSubscription>, ApiError> {
        self.all_fresh(
            "/api/v1/webhooks",
            abort.as_ref(),
            |p: WebhookSubscriptionPage| (p.items, p.next_cursor),
        )
        .await
    }

    pub async fn webhook(
        &self,
        id: Uuid,
        abort: Option<AbortSignal>,
    ) -> Result<TaggedWebhook, ApiError> {
        let raw = self
            .authed_tagged(
                "GET",
                &format!("/api/v1/webhooks/{id}"),
                None,
                None,
                abort.as_ref(),
            )
            .await?;
        decode_tagged(raw)
    }

    /// Makes a subscription; the answer holds its signing secret, shown only now.
    pub async fn create_webhook(
        &self,
        input: &NewWebhookSubscription,
    ) -> Result<WebhookSubscriptionCreated, ApiError> {
        let body = self
            .authed_request(
                "POST",
                "/api/v1/webhooks",
                Some(&to_json(input)?),
                None,
                None,
            )
            .await?;
        serde_json::from_str(&body).map_err(|_| ApiError::Decode)
    }

    /// Changes a subscription as it was read (412 if someone changed it since).
    pub async fn update_webhook(
        &self,
        current: &TaggedWebhook,
        patch: &WebhookSubscriptionPatch,
    ) -> Result<TaggedWebhook, ApiError> {
        let raw = self
            .authed_tagged(
                "PATCH",
                &format!("/api/v1/webhooks/{}", current.subscription.id),
                Some(&to_json(patch)?),
                Some(&current.etag),
                None,
            )
            .await?;
        decode_tagged(raw)
    }

    /// Deletes a subscription as it was read (412 if someone changed it since).
    pub async fn delete_webhook(&self, current: &TaggedWebhook) -> Result<(), ApiError> {
        self.authed_request(
            "DELETE",
            &format!("/api/v1/webhooks/{}", current.subscription.id),
            None,
            Some(&current.etag),
            None,
        )
        .await
        .map(|_| ())
    }

    /// One page of a subscription's delivery log, newest first, optionally of one status.
    pub async fn webhook_deliveries(
        &self,
        id: Uuid,
        status: Option<DeliveryStatus>,
        cursor: Option<String>,
        abort: Option<AbortSignal>,
    ) -> Result<WebhookDeliveryPage, ApiError> {
        let mut path = format!("/api/v1/webhooks/{id}/deliveries?limit={DELIVERY_PAGE_SIZE}");
        if let Some(s) = status {
            path.push_str("&status=");
            path.push_str(s.as_str());
        }
        if let Some(c) = cursor {
            path.push_str("&cursor=");
            path.push_str(&String::from(js_sys::encode_uri_component(&c)));
        }
        self.get_fresh(&path, abort.as_ref()).await
    }

    /// Queues a delivery for an attempt now (409 `webhook_disabled` when the subscription
    /// is off).
    pub async fn retry_webhook_delivery(
        &self,
        id: Uuid,
        delivery: Uuid,
    ) -> Result<WebhookDelivery, ApiError> {
        let body = self
            .authed_raw(
                "POST",
                &format!("/api/v1/webhooks/{id}/deliveries/{delivery}/retry"),
                None,
                None,
            )
            .await?;
        serde_json::from_str(&body).map_err(|_| ApiError::Decode)
    }
}
