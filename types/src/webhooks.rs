//! Webhooks: the events Varig sends to third-party systems, the subscriptions organisation
//! admins make for them, and the delivery log.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The version of the event envelope ([`WebhookEvent`]). It grows only when a field changes
/// meaning or goes away; new fields may appear in a version at any time.
pub const WEBHOOK_EVENT_VERSION: u32 = 1;

macro_rules! event_types {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, )+) => {
        /// What happened. The names are `<object>.<what happened>`; `data` holds the object
        /// as the API shows it (for a removal: as it was before).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(poem_openapi::Enum))]
        pub enum WebhookEventType {
            $( $(#[$doc])* #[serde(rename = $code)] #[cfg_attr(feature = "openapi", oai(rename = $code))] $variant, )+
        }

        impl WebhookEventType {
            pub const ALL: &'static [WebhookEventType] = &[$(WebhookEventType::$variant),+];

            /// The name as stored and sent.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(WebhookEventType::$variant => $code,)+
                }
            }

            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($code => Some(WebhookEventType::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

event_types! {
    /// A project leader asked for a phase transition; `data` is the `GateRequest`.
    GateRequested = "gate.requested",
    /// A steering-group member recommended on a transition request; `data` is the `GateRequest`.
    GateRecommended = "gate.recommended",
    /// The project owner decided a transition request; `data` is the `GateRequest`.
    GateDecided = "gate.decided",
    /// The project leader withdrew a transition request; `data` is the `GateRequest`.
    GateWithdrawn = "gate.withdrawn",
    /// A project moved to another phase (by a gate decision); `data` is the `Project`.
    ProjectPhaseChanged = "project.phase_changed",
    /// A change agent filed a field report; `data` is the `FieldReport`.
    ReportFiled = "report.filed",
    /// A measurement was posted for an indicator; `data` is the `Measurement`.
    MeasurementRecorded = "measurement.recorded",
    /// A measurement was corrected; `data` is the `Measurement` after the correction.
    MeasurementCorrected = "measurement.corrected",
    /// A meeting was recorded as held (on its day or moved); `data` is the `Meeting`.
    MeetingHeld = "meeting.held",
    /// A meeting was recorded as not held; `data` is the `Meeting`.
    MeetingMissed = "meeting.missed",
    /// A meeting's minutes were recorded with decisions or notes; `data` is the `Meeting`.
    MinutesPublished = "minutes.published",
    /// A meeting action was given to someone (new, or given to another person); `data` is
    /// the `MeetingAction`.
    ActionAssigned = "action.assigned",
    /// Someone was given a role in a project; `data` is the `Membership`.
    MemberAdded = "member.added",
    /// A member's role in a project changed; `data` is the `Membership`.
    MemberRoleChanged = "member.role_changed",
    /// Someone's role in a project ended; `data` is the `Membership` as it was.
    MemberRemoved = "member.removed",
    /// An indicator's latest value turned red against its thresholds; `data` is the
    /// `IndicatorTile` of the project status page. Seen by the periodic snapshot.
    IndicatorTurnedRed = "indicator.turned_red",
    /// A meeting action passed its due date without being done; `data` is the
    /// `MeetingAction`. Seen by the periodic snapshot.
    ActionOverdue = "action.overdue",
    /// An active change agent has had no report for the project's number of weeks; `data` is
    /// the `ChangeAgent`. Seen by the periodic snapshot.
    ChangeAgentSilent = "change_agent.silent",
    /// The project's fade risk moved to another level; `data` is the `FadeRisk` with
    /// `previous_level`. Seen by the periodic snapshot.
    FadeRiskLevelChanged = "fade_risk.level_changed",
}

/// One event, as sent in the body of a webhook request (and kept in the delivery log).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct WebhookEvent {
    /// The event's id; the same in every attempt to deliver it (also the `webhook-id`
    /// header), so a receiver can drop a copy it has already handled.
    pub id: Uuid,
    /// What happened.
    #[serde(rename = "type")]
    #[cfg_attr(feature = "openapi", oai(rename = "type"))]
    pub type_: WebhookEventType,
    /// The envelope's version, now 1.
    pub version: u32,
    /// When the change was committed.
    pub occurred_at: DateTime<Utc>,
    /// The organisation the change belongs to.
    pub organisation_id: Uuid,
    /// The project the change belongs to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub project_id: Option<Uuid>,
    /// The object the event is about, as the API shows it (see the event type).
    pub data: std::collections::BTreeMap<String, serde_json::Value>,
}

/// Where an organisation's events are sent, and which.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct WebhookSubscription {
    /// The subscription's id.
    pub id: Uuid,
    /// The organisation whose events are sent.
    pub organisation_id: Uuid,
    /// The receiving address (`https`, or an address the operator allowed).
    pub url: String,
    /// What the receiver is, for the admins (may be empty).
    pub description: String,
    /// The event types sent; empty means every type.
    pub event_types: Vec<WebhookEventType>,
    /// Only events of this project are sent; absent means every project of the organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub project_id: Option<Uuid>,
    /// Whether events are sent now.
    pub enabled: bool,
    /// Why Varig turned the subscription off (after deliveries failed for more than a day);
    /// absent when it is on or an admin turned it off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub disabled_reason: Option<String>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// A new subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct NewWebhookSubscription {
    /// The receiving address: `https://…`, not resolving to a loopback, private, link-local
    /// or cloud-metadata address (unless the operator allowed it); at most 2000 characters.
    #[cfg_attr(feature = "openapi", oai(validator(min_length = 1, max_length = 2000)))]
    pub url: String,
    /// What the receiver is, for the admins; at most 200 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default, validator(max_length = 200)))]
    pub description: String,
    /// The event types to send; empty or absent means every type.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", oai(default, validator(max_items = 50)))]
    pub event_types: Vec<WebhookEventType>,
    /// Send only this project's events (a project of the organisation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub project_id: Option<Uuid>,
}

/// Changes to a subscription; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct WebhookSubscriptionPatch {
    /// A new receiving address (the same rules as when made).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        oai(
            skip_serializing_if_is_none,
            validator(min_length = 1, max_length = 2000)
        )
    )]
    pub url: Option<String>,
    /// A new description, at most 200 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        oai(skip_serializing_if_is_none, validator(max_length = 200))
    )]
    pub description: Option<String>,
    /// The event types to send from now on; empty means every type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        oai(skip_serializing_if_is_none, validator(max_items = 50))
    )]
    pub event_types: Option<Vec<WebhookEventType>>,
    /// Turn sending on or off. Turning it on clears `disabled_reason`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub enabled: Option<bool>,
}

/// The subscription and its signing secret. The secret is shown only here: keep it in the
/// receiver and verify each request's `webhook-signature` with it (Standard Webhooks).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct WebhookSubscriptionCreated {
    /// The subscription.
    pub subscription: WebhookSubscription,
    /// `whsec_` followed by the base64 of 32 random bytes.
    pub secret: String,
}

/// A page of subscriptions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct WebhookSubscriptionPage {
    /// The subscriptions, oldest first.
    pub items: Vec<WebhookSubscription>,
    /// Pass as `cursor` for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub next_cursor: Option<String>,
}

code_enum! {
    /// Where a delivery stands.
    pub enum DeliveryStatus {
        /// Not delivered yet: waiting for its first attempt or its next retry.
        Pending = "pending",
        /// The receiver answered 2xx.
        Delivered = "delivered",
        /// Given up: every retry failed, or the subscription was turned off.
        Failed = "failed",
    }
}

/// One event on its way to one subscription.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct WebhookDelivery {
    /// The delivery's id.
    pub id: Uuid,
    /// The subscription it goes to.
    pub subscription_id: Uuid,
    /// Where it stands.
    pub status: DeliveryStatus,
    /// How many attempts were made.
    pub attempts: u32,
    /// When the last attempt was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub last_attempt_at: Option<DateTime<Utc>>,
    /// The HTTP status the receiver answered the last attempt with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub last_status_code: Option<u16>,
    /// Why the last attempt failed (timeout, refused connection, the answer's status …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub last_error: Option<String>,
    /// When the next attempt is due (pending deliveries only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// When the receiver took it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub delivered_at: Option<DateTime<Utc>>,
    /// The event, exactly as sent.
    pub event: WebhookEvent,
}

/// A page of the delivery log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct WebhookDeliveryPage {
    /// Deliveries, newest first.
    pub items: Vec<WebhookDelivery>,
    /// Pass as `cursor` for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub next_cursor: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_type_is_sent_as_its_name_and_parses_back() {
        for t in WebhookEventType::ALL {
            assert_eq!(serde_json::to_value(t).unwrap(), t.as_str());
            assert_eq!(WebhookEventType::parse(t.as_str()), Some(*t));
        }
    }
}
