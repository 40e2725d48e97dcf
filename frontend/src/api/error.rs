//! Why a request failed, and the message the UI shows for it.

use varig_types::{Problem, ProblemCode};

use crate::i18n::I18n;

/// Why a request failed.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server answered with a problem document.
    Problem {
        problem: Problem,
        retry_after: Option<u32>,
    },
    /// The server answered with an error status but no problem document.
    Http(u16),
    /// No answer at all: offline, DNS, connection reset.
    Network,
    /// The request was aborted because its page went away.
    Aborted,
    /// The answer could not be read.
    Decode,
    /// The session is gone (refresh failed or no one is logged in): log in again.
    SessionExpired,
}

impl ApiError {
    pub fn code(&self) -> Option<ProblemCode> {
        match self {
            ApiError::Problem { problem, .. } => Some(problem.code),
            _ => None,
        }
    }

    /// A 409: the request conflicts with what is stored (whatever its specific code).
    pub fn is_conflict(&self) -> bool {
        matches!(self, ApiError::Problem { problem, .. } if problem.status == 409)
    }

    pub fn is_not_found(&self) -> bool {
        matches!(self.code(), Some(ProblemCode::NotFound)) || matches!(self, ApiError::Http(404))
    }

    /// The translation key of the message to show.
    pub fn message_key(&self) -> &'static str {
        match self {
            ApiError::Problem {
                problem,
                retry_after,
            } => match problem.code {
                ProblemCode::BadRequest => "error.bad_request",
                ProblemCode::Validation => "error.validation",
                ProblemCode::Unauthenticated => "error.unauthenticated",
                ProblemCode::InvalidCredentials => "error.invalid_credentials",
                ProblemCode::Forbidden => "error.forbidden",
                ProblemCode::NotFound => "error.not_found",
                ProblemCode::Conflict => "error.conflict",
                ProblemCode::PreconditionFailed => "error.precondition_failed",
                ProblemCode::PreconditionRequired => "error.precondition_required",
                ProblemCode::TooManyRequests if retry_after.is_some() => {
                    "error.too_many_requests_wait"
                }
                ProblemCode::TooManyRequests => "error.too_many_requests",
                ProblemCode::TokenReused => "error.token_reused",
                ProblemCode::MethodNotAllowed => "error.method_not_allowed",
                ProblemCode::UnsupportedMediaType => "error.unsupported_media_type",
                ProblemCode::PayloadTooLarge => "error.payload_too_large",
                ProblemCode::GateClosed => "error.gate_closed",
                ProblemCode::GateStale => "error.gate_stale",
                ProblemCode::GateOpenExists => "error.gate_open_exists",
                ProblemCode::ProjectNotActive => "error.project_not_active",
                ProblemCode::LastOwner => "error.last_owner",
                ProblemCode::WebhookDisabled => "error.webhook_disabled",
                ProblemCode::Archived => "error.archived",
                ProblemCode::AlreadyExists => "error.already_exists",
                ProblemCode::InUse => "error.in_use",
                ProblemCode::RoundClosed => "error.round_closed",
                ProblemCode::RoundOpenExists => "error.round_open_exists",
                ProblemCode::LimitReached => "error.limit_reached",
                ProblemCode::ManagedByVarig => "error.managed_by_varig",
                ProblemCode::OwnAccount => "error.own_account",
                ProblemCode::InvitationUsed => "error.invitation_used",
                ProblemCode::InvitationRevoked => "error.invitation_revoked",
                ProblemCode::InvitationExpired => "error.invitation_expired",
                ProblemCode::Internal => "error.internal",
                ProblemCode::Unavailable => "error.unavailable",
            },
            ApiError::Http(429) => "error.too_many_requests",
            ApiError::Http(404) => "error.not_found",
            ApiError::Http(status) if *status >= 500 => "error.unavailable",
            ApiError::Http(_) | ApiError::Decode => "error.unexpected",
            ApiError::Network | ApiError::Aborted => "error.network",
            ApiError::SessionExpired => "error.session_expired",
        }
    }

    /// The translated message, with any placeholders filled in (tracked).
    pub fn message(&self, i18n: I18n) -> String {
        let seconds = match self {
            ApiError::Problem {
                retry_after: Some(s),
                ..
            } => s.to_string(),
            _ => String::new(),
        };
        i18n.tf(self.message_key(), &[("seconds", &seconds)])
    }
}
