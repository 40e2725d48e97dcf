//! Problem details (RFC 9457), health and the pieces every list shares.

use serde::{Deserialize, Serialize};

/// Stable, machine-readable error codes. `type` in a problem is `urn:varig:problem:<code>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Enum))]
#[cfg_attr(feature = "openapi", oai(rename_all = "snake_case"))]
pub enum ProblemCode {
    /// The request could not be read (malformed JSON, wrong types, bad parameters).
    BadRequest,
    /// One or more fields are invalid; see `errors`.
    Validation,
    /// No valid credentials were given.
    Unauthenticated,
    /// The e-mail address or password is wrong.
    InvalidCredentials,
    /// The caller is known but may not do this.
    Forbidden,
    /// No such object, or it belongs to another organisation.
    NotFound,
    /// A conflict with the current state that has no more specific code.
    Conflict,
    /// The object changed since it was read (If-Match does not match the ETag).
    PreconditionFailed,
    /// The write needs an If-Match header with the ETag of the object.
    PreconditionRequired,
    /// Too many attempts; retry after the number of seconds in Retry-After.
    TooManyRequests,
    /// A refresh token was used twice; its whole family is revoked.
    TokenReused,
    /// The method is not supported on this resource.
    MethodNotAllowed,
    /// The body's media type is not supported.
    UnsupportedMediaType,
    /// The request body is too large.
    PayloadTooLarge,
    /// The transition request was already decided or withdrawn.
    GateClosed,
    /// The project's phase changed since the transition request was made.
    GateStale,
    /// The project already has an open transition request.
    GateOpenExists,
    /// The project is finished (ordinary operation or de-implemented) or archived.
    ProjectNotActive,
    /// The change would leave the project without an owner.
    LastOwner,
    /// Something failed on the server; it is logged.
    Internal,
    /// The service is not ready (e.g. the database is unreachable).
    Unavailable,
    /// The webhook subscription is turned off.
    WebhookDisabled,
    /// The object, or the project, unit or user it belongs to, is archived.
    Archived,
    /// An object with these values already exists (a second member, period value, recommendation, report id or e-mail address).
    AlreadyExists,
    /// Other objects still use or depend on this one; move or remove them first.
    InUse,
    /// The readiness or sustainability round is closed; open a new one.
    RoundClosed,
    /// The project already has an open round of this kind; close it first.
    RoundOpenExists,
    /// The project has reached the most objects of this kind it can have.
    LimitReached,
    /// Varig keeps this object itself (a phase-model item, a computed indicator); it cannot be changed this way.
    ManagedByVarig,
    /// You cannot do this to your own account or membership.
    OwnAccount,
    /// The invitation was already accepted; log in instead.
    InvitationUsed,
    /// The invitation was withdrawn.
    InvitationRevoked,
    /// The invitation has expired; ask for a new one.
    InvitationExpired,
}

impl ProblemCode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::BadRequest => "bad_request",
            Self::Validation => "validation",
            Self::Unauthenticated => "unauthenticated",
            Self::InvalidCredentials => "invalid_credentials",
            Self::Forbidden => "forbidden",
            Self::NotFound => "not_found",
            Self::Conflict => "conflict",
            Self::PreconditionFailed => "precondition_failed",
            Self::PreconditionRequired => "precondition_required",
            Self::TooManyRequests => "too_many_requests",
            Self::TokenReused => "token_reused",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::PayloadTooLarge => "payload_too_large",
            Self::GateClosed => "gate_closed",
            Self::GateStale => "gate_stale",
            Self::GateOpenExists => "gate_open_exists",
            Self::ProjectNotActive => "project_not_active",
            Self::LastOwner => "last_owner",
            Self::Internal => "internal",
            Self::Unavailable => "unavailable",
            Self::WebhookDisabled => "webhook_disabled",
            Self::Archived => "archived",
            Self::AlreadyExists => "already_exists",
            Self::InUse => "in_use",
            Self::RoundClosed => "round_closed",
            Self::RoundOpenExists => "round_open_exists",
            Self::LimitReached => "limit_reached",
            Self::ManagedByVarig => "managed_by_varig",
            Self::OwnAccount => "own_account",
            Self::InvitationUsed => "invitation_used",
            Self::InvitationRevoked => "invitation_revoked",
            Self::InvitationExpired => "invitation_expired",
        }
    }

    /// The RFC 9457 `type` URI of this code.
    pub fn type_uri(self) -> String {
        format!("urn:varig:problem:{}", self.as_str())
    }
}

/// One invalid field: which one and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct FieldError {
    /// The field's name as it appears in the request body or query (`name`, `email`, …).
    pub field: String,
    /// A stable code for the rule that failed (`required`, `too_long`, `invalid_email`, …).
    pub code: String,
    /// A human-readable explanation (English).
    pub message: String,
}

/// An RFC 9457 problem details body (`application/problem+json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct Problem {
    /// `urn:varig:problem:<code>`: stable, machine-readable.
    #[serde(rename = "type")]
    #[cfg_attr(feature = "openapi", oai(rename = "type"))]
    pub type_: String,
    /// A short summary of the problem type.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong in this occurrence.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", oai(skip_serializing_if_is_none))]
    pub detail: Option<String>,
    /// The closed code behind `type`, for clients that translate messages.
    pub code: ProblemCode,
    /// For validation problems: every invalid field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", oai(default, skip_serializing_if_is_empty))]
    pub errors: Vec<FieldError>,
}

/// Liveness.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct Health {
    /// Always `ok` when the process answers.
    pub status: String,
    /// The server's version.
    pub version: String,
}

/// Readiness: whether the service can do its work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(poem_openapi::Object))]
pub struct Readiness {
    /// `ok` or `unavailable`.
    pub status: String,
    /// `ok` when a query against the database succeeded.
    pub database: String,
}
